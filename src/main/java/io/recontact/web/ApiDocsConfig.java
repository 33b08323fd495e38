package io.recontact.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the project's own {@code /api/**} ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}; docs/api.md). springdoc derives paths, parameters and success bodies from the controllers;
 * the security schemes and the error answers every operation shares are added here once ({@link ErrorResponses}),
 * so a new endpoint is documented with them without annotations of its own; a start marked {@link IdempotentStart}
 * gets the {@code Idempotency-Key} header and its answers ({@link IdempotencyDocs}). {@link RecordNulls} says which
 * fields of a record answer are always there and which may be null. Operations are grouped by the tags of
 * {@link ApiTags}: each controller names one with {@code @Tag}, and the document's tag list is exactly
 * {@link ApiTags#declared()}.
 */
@Configuration
public class ApiDocsConfig {

  public static final String BASIC = "basicAuth";
  public static final String TOKEN_HEADER = "notificationTokenHeader";
  public static final String TOKEN_QUERY = "notificationTokenQuery";
  public static final String CINT_SIGNATURE = "cintSignature";

  @Bean
  OpenAPI recontactOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Recontact Orchestrator API").version("v1").description("""
            Starts and follows Cint recontacts, replacements and removals, Toluna quota runs and sweeps, and imports \
            panel members. Every call needs HTTP Basic credentials of a Camunda user; a read (GET, HEAD) also takes \
            the login of the Camunda webapps in the browser's session (a link in a Tasklist form). Reading is open to \
            approvers, operators and admins (the panel member directory to operators and admins), everything else \
            to operators and admins (403 otherwise). Toluna's notifications authenticate with their token instead, \
            Cint's webhooks with their Cint-Signature. Errors answer JSON with a `message` \
            (schema `Error`)."""))
        .components(new Components()
            .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A Camunda user (demo:demo in the sandbox)"))
            .addSecuritySchemes(TOKEN_HEADER, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-Notification-Token")
                .description("Toluna notifications only: RECONTACT_TOLUNA_NOTIFICATIONS_TOKEN"))
            .addSecuritySchemes(TOKEN_QUERY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.QUERY).name("token")
                .description("Toluna notifications only, as Toluna sends it: ?token=..."))
            .addSecuritySchemes(CINT_SIGNATURE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("Cint-Signature")
                .description("Cint webhooks only: t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>' with "
                    + "RECONTACT_CINT_FIELDING_WEBHOOK_SECRET>")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC));
  }

  @Bean
  RecordNulls recordNulls() {
    return new RecordNulls();
  }

  @Bean
  OpenApiCustomizer errorResponses() {
    return new ErrorResponses();
  }

  /** The tag list once, with descriptions and in this order, whatever springdoc collected from the controllers. */
  @Bean
  OpenApiCustomizer apiTags() {
    return api -> api.setTags(ApiTags.declared());
  }

  @Bean
  OperationCustomizer idempotencyDocs() {
    return new IdempotencyDocs();
  }
}
