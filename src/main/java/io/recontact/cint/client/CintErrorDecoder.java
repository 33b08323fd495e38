package io.recontact.cint.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.recontact.marketplace.ErrorBodies;
import io.recontact.marketplace.RetryAfter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Turns every non-2xx answer into a {@link CintApiException} with the fields of Cint's error body. */
class CintErrorDecoder implements ErrorDecoder {

  private final ObjectMapper mapper;

  CintErrorDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Exception decode(String methodKey, Response response) {
    String body = ErrorBodies.read(response, 64 * 1024);
    String errorId = null;
    String object = null;
    String detail = null;
    List<CintApiException.InvalidParam> invalidParams = new ArrayList<>();
    try {
      JsonNode json = body.isBlank() ? null : mapper.readTree(body);
      if (json != null && json.isObject()) {
        errorId = text(json, "id");
        object = text(json, "object");
        // 429 uses "details" (plural); OAuth errors use error/error_description.
        detail = firstNonNull(text(json, "detail"), text(json, "details"), text(json, "error_description"));
        if (object == null) {
          object = text(json, "error");
        }
        for (JsonNode param : json.path("invalid_params")) {
          invalidParams.add(new CintApiException.InvalidParam(text(param, "name"), text(param, "reason")));
        }
      } else if (!body.isBlank()) {
        detail = ErrorBodies.abbreviate(body);
      }
    } catch (IOException notJson) {
      detail = ErrorBodies.abbreviate(body);
    }
    return new CintApiException(methodKey, response.status(), errorId, object, detail, invalidParams,
        RetryAfter.parse(response.headers()));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
