package io.recontact.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents what {@link IdempotentStarts} adds to an operation marked {@link IdempotentStart}: the optional
 * {@code Idempotency-Key} header, the 200 of a repeat (the first answer's body, the success schema), 409 and 422.
 */
class IdempotencyDocs implements OperationCustomizer {

  static final String KEY_IN_PROGRESS = "A request with the same Idempotency-Key is still being processed: send it "
      + "again in a moment";

  @Override
  public Operation customize(Operation operation, HandlerMethod handler) {
    IdempotentStart start = handler.getMethodAnnotation(IdempotentStart.class);
    if (start == null) {
      return operation;
    }
    operation.addParametersItem(new HeaderParameter().name(IdempotentStarts.HEADER).required(false)
        .description("Makes a repeat safe: the same key with the same request answers the first start (200) instead "
            + "of starting again, another request under the key gets 422. 1 to " + IdempotentStarts.MAX_KEY
            + " printable ASCII characters, e.g. a UUID; remembered for recontact.api.idempotency.retention (24 h)")
        .schema(new StringSchema().minLength(1).maxLength(IdempotentStarts.MAX_KEY).pattern("^[ -~]+$")));
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    operation.setResponses(responses);
    Content success = responses.entrySet().stream().filter(e -> e.getKey().startsWith("2"))
        .map(Map.Entry::getValue).map(ApiResponse::getContent).findFirst().orElse(null);
    responses.addApiResponse("200", new ApiResponse()
        .description("A repeat with the same Idempotency-Key and request: the first start's answer, nothing started")
        .content(success)
        .addHeaderObject(IdempotentStarts.REPLAYED, new Header().description("true: this answer is a repeat's")
            .schema(new StringSchema()._enum(List.of("true")))));
    responses.addApiResponse("409", error(start.conflict()));
    responses.addApiResponse("422", error("The Idempotency-Key was used for a different request (another body, "
        + "path or user): nothing started"));
    return operation;
  }

  private static ApiResponse error(String description) {
    return new ApiResponse().description(description).content(new Content().addMediaType(
        org.springframework.http.MediaType.APPLICATION_JSON_VALUE, new MediaType().schema(new Schema<>()
            .$ref("#/components/schemas/" + ErrorResponses.ERROR))));
  }
}
