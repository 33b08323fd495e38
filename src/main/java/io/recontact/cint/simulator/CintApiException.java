package io.recontact.cint.simulator;

import java.util.List;
import java.util.Map;

/** A simulated Cint error: rendered by {@link CintSimulatorErrors} as the spec's {@code Error} body. */
class CintApiException extends RuntimeException {

  record InvalidParam(String name, String reason) {}

  final int status;
  final String object;
  final List<InvalidParam> invalidParams;
  final Map<String, String> headers;

  CintApiException(int status, String object, String detail, List<InvalidParam> invalidParams,
      Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.object = object;
    this.invalidParams = invalidParams;
    this.headers = headers;
  }

  CintApiException(int status, String object, String detail) {
    this(status, object, detail, null, Map.of());
  }

  static CintApiException badRequest(String detail, List<InvalidParam> params) {
    return new CintApiException(400, "bad_request_error", detail, params, Map.of());
  }

  static CintApiException invalidParam(String name, String reason) {
    return badRequest("The request is invalid.", List.of(new InvalidParam(name, reason)));
  }

  static CintApiException notFound() {
    return new CintApiException(404, "not_found_error", "resource not found");
  }

  static CintApiException conflict(String detail) {
    return new CintApiException(409, "conflict_error", detail);
  }

  static CintApiException invalidState() {
    return new CintApiException(422, "invalid_state_error", "The entity does not meet the required state.");
  }

  static CintApiException unsupportedMediaType(String contentType) {
    return new CintApiException(415, "unsupported_media_type_error",
        "The 'Content-Type' header is incorrectly set '" + contentType + "'");
  }

  static CintApiException tooLarge() {
    return new CintApiException(413, "content_too_large_error", "File upload limit exceeded");
  }
}
