package io.recontact.toluna.client;

import io.recontact.marketplace.MarketplaceApiException;

/**
 * An error answer of Toluna: 400 with {@code {Result, ResultCode}} (a typed {@link TolunaResultCode}), 403 for a bad
 * {@code API_AUTH_KEY}, member API 400/404/409 with {@code {Message}}, or 500.
 */
public class TolunaApiException extends MarketplaceApiException {

  private final String operation;
  private final TolunaResultCode resultCode;
  private final String result;
  private final String detail;

  public TolunaApiException(String operation, int status, TolunaResultCode resultCode, String result,
      String detail) {
    super(describe(operation, status, resultCode, result, detail), status, null);
    this.operation = operation;
    this.resultCode = resultCode;
    this.result = result;
    this.detail = detail;
  }

  public String operation() {
    return operation;
  }

  /** {@link TolunaResultCode#UNKNOWN} when the answer had no {@code ResultCode}. */
  public TolunaResultCode resultCode() {
    return resultCode;
  }

  public String result() {
    return result;
  }

  /** {@code Message} of member API answers, or the raw body when it was not JSON. */
  public String detail() {
    return detail;
  }

  public boolean isBadKey() {
    return status() == 403;
  }

  private static String describe(String operation, int status, TolunaResultCode code, String result,
      String detail) {
    StringBuilder text = new StringBuilder("Toluna ").append(operation).append(" answered ").append(status);
    if (status == 403) {
      text.append(" (invalid API_AUTH_KEY: check RECONTACT_TOLUNA_API_AUTH_KEY)");
    }
    if (code != null && code != TolunaResultCode.UNKNOWN) {
      text.append(' ').append(code.name()).append(" (").append(code.code()).append(')');
    } else if (result != null) {
      text.append(' ').append(result);
    }
    if (detail != null && !detail.isBlank()) {
      text.append(": ").append(detail);
    }
    return text.toString();
  }
}
