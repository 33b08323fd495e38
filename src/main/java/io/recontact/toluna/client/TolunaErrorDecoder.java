package io.recontact.toluna.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.recontact.marketplace.ErrorBodies;
import java.io.IOException;

/** Every non-2xx Toluna answer becomes a {@link TolunaApiException}. */
class TolunaErrorDecoder implements ErrorDecoder {

  private final ObjectMapper mapper;

  TolunaErrorDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Exception decode(String methodKey, Response response) {
    String body = ErrorBodies.read(response, 32 * 1024);
    Integer code = null;
    String result = null;
    String detail = null;
    try {
      // GenerateInvite's 400 may come as application/plaintext, so parse whatever the content type says.
      JsonNode json = body.isEmpty() ? null : mapper.readTree(body);
      if (json != null && json.isObject()) {
        JsonNode codeNode = json.has("ResultCode") ? json.get("ResultCode") : json.get("resultCode");
        code = codeNode == null || !codeNode.canConvertToInt() ? null : codeNode.asInt();
        result = text(json, "Result", "result");
        detail = text(json, "Message", "message");
      } else if (!body.isEmpty()) {
        detail = ErrorBodies.abbreviate(body);
      }
    } catch (IOException notJson) {
      detail = ErrorBodies.abbreviate(body);
    }
    TolunaResultCode resultCode = code == null && result == null ? TolunaResultCode.UNKNOWN
        : TolunaResultCode.of(code, result);
    return new TolunaApiException(methodKey, response.status(), resultCode, result, detail);
  }

  private static String text(JsonNode json, String... names) {
    for (String name : names) {
      JsonNode value = json.get(name);
      if (value != null && !value.isNull()) {
        return value.asText();
      }
    }
    return null;
  }
}
