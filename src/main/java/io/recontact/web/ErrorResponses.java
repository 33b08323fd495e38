package io.recontact.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Adds what every {@code /api} operation answers besides its success: 400 where it takes a body or a parameter that
 * must parse, 404 for a GET of something by id, 415 where it reads a body, all with the JSON error body
 * ({@code Error}: a {@code message}, often {@code problems}, sometimes a {@code type} or fields such as
 * {@code requiredGroups}, a 409's {@code running}); 401 and 403 of the Basic authentication and ApiRoles; Spring
 * Boot's 500 body. Responses an operation documents itself are kept (IdempotencyDocs adds the starts' 200, 409 and
 * 422). Toluna's notification paths authenticate with their token (SecurityConfig), so their security and 401 differ,
 * and a database failure answers 503 there.
 */
class ErrorResponses implements OpenApiCustomizer {

  static final String ERROR = "Error";
  static final String SERVER_ERROR = "ServerError";
  static final String PROBLEM = "ImportProblem";
  static final String NOTIFICATIONS = "/api/toluna/notifications/";
  static final String CINT_WEBHOOKS = "/api/cint/webhooks";

  @Override
  public void customise(OpenAPI api) {
    ModelConverters.getInstance().read(ApiShapes.Problem.class).forEach(api.getComponents()::addSchemas);
    api.getComponents().addSchemas(ERROR, errorSchema()).addSchemas(SERVER_ERROR, serverErrorSchema());
    if (api.getPaths() == null) {
      return;
    }
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
      operation.setResponses(responses);
      boolean notification = path.startsWith(NOTIFICATIONS);
      if (operation.getRequestBody() != null || typedParameters(operation) || method == PathItem.HttpMethod.DELETE) {
        add(responses, "400", error("The request was refused: `message` and `problems` say what to fix"));
      }
      if (method == PathItem.HttpMethod.GET && path.contains("{")) {
        add(responses, "404", error("Nothing found under the path's identifiers (or you may not read it)"));
      }
      if (operation.getRequestBody() != null) {
        add(responses, "415", error("Content-Type not accepted: `message` names the types to send"));
      }
      if (path.equals(CINT_WEBHOOKS)) {
        operation.setSecurity(List.of(new SecurityRequirement().addList(ApiDocsConfig.CINT_SIGNATURE)));
        add(responses, "401", error("Cint-Signature missing, wrong, or its timestamp outside the tolerance"));
        add(responses, "409", error("This delivery was taken already (a replay)"));
        add(responses, "503", error("Not configured: no webhook secret"));
      } else if (notification) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
          // A notification with a credential of its own (Toluna's reconciliation header) has set it already.
          operation.setSecurity(List.of(new SecurityRequirement().addList(ApiDocsConfig.TOKEN_HEADER),
              new SecurityRequirement().addList(ApiDocsConfig.TOKEN_QUERY)));
        }
        add(responses, "401", error("The notification token is missing or wrong"));
        add(responses, "503", error("Not configured (no token) or not recorded now: deliver it again"));
      } else {
        add(responses, "401", new ApiResponse().description("No or wrong HTTP Basic credentials (no body); a GET or "
            + "HEAD with a Camunda webapp session cookie whose login ended gets no WWW-Authenticate challenge")
            .addHeaderObject("WWW-Authenticate", new Header().schema(new StringSchema())));
        add(responses, "403", error("The user is not in a group allowed to make this call: `requiredGroups`"));
      }
      add(responses, "500", new ApiResponse().description("Unexpected failure (Spring Boot's error body)")
          .content(json(SERVER_ERROR)));
    }));
  }

  /** A body, a query parameter or a path parameter that must parse (a number): something a caller can get wrong. */
  private static boolean typedParameters(Operation operation) {
    return operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> !"path".equals(
        p.getIn()) || p.getSchema() == null || !"string".equals(p.getSchema().getType()));
  }

  private static void add(ApiResponses responses, String status, ApiResponse response) {
    if (!responses.containsKey(status)) {
      responses.addApiResponse(status, response);
    }
  }

  private static ApiResponse error(String description) {
    return new ApiResponse().description(description).content(json(ERROR));
  }

  private static Content json(String schema) {
    return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema)));
  }

  /** The answer of every refused /api call; extra fields (requiredGroups, validStates, import counts) may follow. */
  @SuppressWarnings("rawtypes")
  static Schema errorSchema() {
    Schema problem = new ComposedSchema().anyOf(List.of(new StringSchema(),
        new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    return new ObjectSchema().description("A refused call: what went wrong and, where several things did, each of them")
        .required(List.of("message"))
        .addProperty("message", new StringSchema().description("What went wrong, for a person"))
        .addProperty("type", new StringSchema().description("The kind of refusal, where the answer gives one"))
        .addProperty("problems", new ArraySchema().items(problem)
            .description("Each thing to fix: a sentence, or a row of a panel member import"))
        .addProperty("requiredGroups", new ArraySchema().items(new StringSchema())
            .description("403: the groups that may make the call"))
        .addProperty("running", new ObjectSchema().required(List.of("processInstanceId", "businessKey", "status"))
            .addProperty("processInstanceId", new StringSchema())
            .addProperty("businessKey", new StringSchema())
            .addProperty("status", new StringSchema().description("Its status under /api"))
            .addProperty("startedAt", new DateTimeSchema())
            .description("409 of a start: the instance already running that this start would duplicate"))
        .additionalProperties(true);
  }

  /** Spring Boot's default error attributes (server.error.* unchanged): no message, by design. */
  @SuppressWarnings("rawtypes")
  static Schema serverErrorSchema() {
    return new ObjectSchema().required(List.of("status"))
        .addProperty("timestamp", new DateTimeSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("error", new StringSchema())
        .addProperty("path", new StringSchema())
        .additionalProperties(true);
  }
}
