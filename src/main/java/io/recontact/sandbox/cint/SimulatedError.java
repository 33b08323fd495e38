package io.recontact.sandbox.cint;

import java.util.List;
import java.util.Map;

/** A simulated Cint error: rendered by {@link CintSimulatorErrors} as the spec's {@code Error} body. */
class SimulatedError extends RuntimeException {

  record InvalidParam(String name, String reason) {}

  final int status;
  final String object;
  final List<InvalidParam> invalidParams;
  final Map<String, String> headers;

  SimulatedError(int status, String object, String detail, List<InvalidParam> invalidParams,
      Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.object = object;
    this.invalidParams = invalidParams;
    this.headers = headers;
  }

  SimulatedError(int status, String object, String detail) {
    this(status, object, detail, null, Map.of());
  }

  static SimulatedError badRequest(String detail, List<InvalidParam> params) {
    return new SimulatedError(400, "bad_request_error", detail, params, Map.of());
  }

  static SimulatedError invalidParam(String name, String reason) {
    return badRequest("The request is invalid.", List.of(new InvalidParam(name, reason)));
  }

  static SimulatedError notFound() {
    return new SimulatedError(404, "not_found_error", "resource not found");
  }

  static SimulatedError conflict(String detail) {
    return new SimulatedError(409, "conflict_error", detail);
  }

  /** PUT of a launched target group. The spec declares no 409/422 there, so it is a 400 like other bad requests. */
  static SimulatedError notDraft(String status) {
    return new SimulatedError(400, "bad_request_error",
        "Only a draft target group can be updated; this target group is " + status + ".");
  }

  static SimulatedError preconditionFailed() {
    return new SimulatedError(412, "precondition_failed_error", "The resource has been modified since you last "
        + "retrieved it. Please fetch the latest version and try your request again.");
  }

  static SimulatedError invalidState(String detail) {
    return new SimulatedError(422, "invalid_state_error", detail);
  }

  static SimulatedError unsupportedMediaType(String contentType) {
    return new SimulatedError(415, "unsupported_media_type_error",
        "The 'Content-Type' header is incorrectly set '" + contentType + "'");
  }

  static SimulatedError tooLarge() {
    return new SimulatedError(413, "content_too_large_error", "File upload limit exceeded");
  }
}
