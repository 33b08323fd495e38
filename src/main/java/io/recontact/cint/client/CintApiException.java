package io.recontact.cint.client;

import io.recontact.marketplace.MarketplaceApiException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An error answer of the Cint API, carrying the spec's error body: {@code id}, {@code object}, {@code detail},
 * {@code invalid_params}; for 429 also {@code details} and {@code Retry-After}.
 */
public class CintApiException extends MarketplaceApiException {

  private final String operation;
  private final String errorId;
  private final String object;
  private final String detail;
  private final List<InvalidParam> invalidParams;

  public CintApiException(String operation, int status, String errorId, String object, String detail,
      List<InvalidParam> invalidParams, Duration retryAfter) {
    super(describe(operation, status, object, detail, invalidParams), status, retryAfter);
    this.operation = operation;
    this.errorId = errorId;
    this.object = object;
    this.detail = detail;
    this.invalidParams = invalidParams == null ? List.of() : List.copyOf(invalidParams);
  }

  public record InvalidParam(String name, String reason) {
  }

  /** The Feign method that failed, e.g. {@code CintApi#createTargetGroup(int,String,DraftTargetGroupRequest)}. */
  public String operation() {
    return operation;
  }

  public String errorId() {
    return errorId;
  }

  /** Cint's error type token, e.g. {@code conflict_error}; for 429 {@code too_many_requests_problem_details}. */
  public String object() {
    return object;
  }

  /** Human-readable cause; for 429 taken from {@code details}. */
  public String detail() {
    return detail;
  }

  public List<InvalidParam> invalidParams() {
    return invalidParams;
  }

  public boolean isConflict() {
    return status() == 409;
  }

  private static String describe(String operation, int status, String object, String detail,
      List<InvalidParam> invalidParams) {
    StringBuilder text = new StringBuilder("Cint API ").append(operation).append(" answered ").append(status);
    if (object != null) {
      text.append(' ').append(object);
    }
    if (detail != null && !detail.isBlank()) {
      text.append(": ").append(detail);
    }
    if (invalidParams != null && !invalidParams.isEmpty()) {
      text.append(" [").append(invalidParams.stream().map(p -> p.name() + ": " + p.reason())
          .collect(Collectors.joining("; "))).append(']');
    }
    return text.toString();
  }
}
