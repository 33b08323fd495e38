package io.recontact.cint.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The project's Cint Exchange Demand API contract ({@value #SPEC_RESOURCE}, derived from Cint's 2025-12-18
 * document by {@code src/test/contract-tools/derive_cint_contract.py}) and the Atlassian
 * swagger-request-validator configured for it.
 *
 * <p>The document's server is {@code https://api.cint.com/v1}; tests talk to the simulator under
 * {@value #BASE_PATH}, so the validator gets a base-path override instead of an edited {@code servers} entry.
 *
 * <p>Levels: everything is an ERROR (types, formats, patterns, min/max, enums, required, nullable, oneOf/anyOf,
 * unknown paths/operations/status codes, missing required headers/parameters, content types) except
 * {@value #ADDITIONAL_PROPERTIES_KEY}. With that key at its default the validator injects
 * {@code additionalProperties: false} into every object schema, which (a) contradicts the spec, whose schemas are
 * open and whose real API adds fields, and (b) breaks {@code allOf} composition, where each branch would reject the
 * other branches' properties. An explicit {@code additionalProperties: false} in the document would still be
 * enforced (the document has none).
 */
public final class CintContract {

  public static final String SPEC_RESOURCE = "/contract/cint-recontact-openapi.yaml";
  public static final String BASE_PATH = "/sandbox/cint/v1";
  /** Key of the harness's own bearer-token check (see {@link #checkBearer}). */
  public static final String BEARER_KEY = "harness.request.security.bearer";
  public static final String ADDITIONAL_PROPERTIES_KEY = "validation.schema.additionalProperties";

  private CintContract() {
  }

  private static final class Holder {
    static final String SPEC = loadSpec();
    static final OpenApiInteractionValidator VALIDATOR = build(BASE_PATH);
  }

  /** The shared validator, built once (class-holder idiom: lazy and thread-safe); the validator is immutable. */
  public static OpenApiInteractionValidator validator() {
    return Holder.VALIDATOR;
  }

  /** The level configuration described in the class comment. */
  public static LevelResolver levelResolver() {
    return LevelResolver.create()
        .withDefaultLevel(ValidationReport.Level.ERROR)
        .withLevel(ADDITIONAL_PROPERTIES_KEY, ValidationReport.Level.IGNORE)
        .build();
  }

  /** The contract document as text. */
  public static String specText() {
    return Holder.SPEC;
  }

  /** True when {@code path} (raw path of a request URL) is under the API base path the contract describes. */
  public static boolean covers(String path) {
    return path != null && path.startsWith(BASE_PATH + "/");
  }

  /** Validates the pair and records its ERROR messages in {@link ContractViolations#shared()}. */
  public static ValidationReport validate(Request request, Response response) {
    return validate(request, response, ContractViolations.shared());
  }

  /** Validates the pair and records its ERROR messages in {@code recorder}; returns the full report. */
  public static ValidationReport validate(Request request, Response response, ContractViolations recorder) {
    ValidationReport report = validator().validate(request, response).merge(checkBearer(request));
    recorder.record(request.getMethod().name(), request.getPath(), response.getStatus(), report);
    return report;
  }

  /**
   * Validates a response alone, for tests that send deliberately malformed requests straight over HTTP (the
   * simulator's own tests) but whose answers must still match the contract.
   */
  public static ValidationReport validateResponse(Request.Method method, String path, Response response,
      ContractViolations recorder) {
    ValidationReport report = validator().validateResponse(path, method, response);
    recorder.record(method.name(), path, response.getStatus(), report);
    return report;
  }

  /** Validates the request alone (no response, e.g. the connection failed) and records its ERROR messages. */
  public static ValidationReport validateRequest(Request request, ContractViolations recorder) {
    ValidationReport report = validator().validateRequest(request).merge(checkBearer(request));
    recorder.record(request.getMethod().name(), request.getPath(), -1, report);
    return report;
  }

  /**
   * The document's global {@code security: [BearerAuth]} is not enforced by the validator (2.44.9 reports nothing
   * for a request without {@code Authorization}), so the harness checks it itself.
   */
  static ValidationReport checkBearer(Request request) {
    String auth = request.getHeaderValue("Authorization").orElse("");
    if (auth.regionMatches(true, 0, "Bearer ", 0, 7) && auth.length() > 7) {
      return ValidationReport.empty();
    }
    return ValidationReport.singleton(ValidationReport.Message.create(BEARER_KEY,
        request.getMethod() + " on path '" + request.getPath() + "' requires 'Authorization: Bearer <JWT>' "
            + "(security scheme BearerAuth). " + (auth.isEmpty() ? "None found." : "Found another scheme.")).build());
  }

  static OpenApiInteractionValidator build(String basePath) {
    return OpenApiInteractionValidator.createForInlineApiSpecification(Holder.SPEC)
        .withBasePathOverride(basePath)
        .withLevelResolver(levelResolver())
        .build();
  }

  private static String loadSpec() {
    try (InputStream in = CintContract.class.getResourceAsStream(SPEC_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("contract document not on the test classpath: " + SPEC_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
