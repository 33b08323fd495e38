package io.recontact.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The served OpenAPI document against the application's own mappings: every /api endpoint, and only those. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiDocumentTest {

  @LocalServerPort int port;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  ApiContract contract() {
    return ApiContract.of(URI.create("http://localhost:" + port));
  }

  /** "GET /api/..." for each method and pattern Spring MVC maps under /api. */
  Set<String> mapped() {
    Set<String> endpoints = new TreeSet<>();
    mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
        .filter(ApiContract::covers)
        .forEach(pattern -> {
          Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
          assertThat(methods).as(pattern + " is mapped to one method at least, so it can be documented").isNotEmpty();
          methods.forEach(m -> endpoints.add(m.name() + " " + pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}")));
        }));
    return endpoints;
  }

  Set<String> documented() {
    Set<String> endpoints = new TreeSet<>();
    contract().api().getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
        .forEach(method -> endpoints.add(method.name() + " " + path)));
    return endpoints;
  }

  @Test
  void everyApiEndpointIsDocumentedAndNothingElse() throws Exception {
    Files.writeString(Path.of("target", "api-docs.json"), contract().text(), StandardCharsets.UTF_8);
    Set<String> mapped = mapped();
    assertThat(mapped).as("the application maps /api endpoints").hasSizeGreaterThanOrEqualTo(12);
    assertThat(documented()).as("documented operations (target/api-docs.json) = Spring's /api mappings")
        .containsExactlyElementsOf(mapped);
  }

  @Test
  void everyOperationHasSecurityAndTheSharedErrorAnswers() {
    contract().api().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      String name = method + " " + path;
      assertThat(operation.getResponses()).as(name).containsKeys("401", "500");
      boolean notification = path.startsWith("/api/toluna/notifications/");
      boolean webhook = path.equals("/api/cint/webhooks");
      List<SecurityRequirement> security = operation.getSecurity() != null ? operation.getSecurity()
          : contract().api().getSecurity();
      assertThat(security).as(name + ": security").extracting(r -> r.keySet().iterator().next())
          .containsExactlyElementsOf(path.equals("/api/toluna/notifications/reconciliation")
              // the test profile configures Toluna's custom reconciliation header: its own credential
              ? List.of("tolunaReconciliationHeader")
              : notification ? List.of("notificationTokenHeader", "notificationTokenQuery")
              : webhook ? List.of("cintSignature") : List.of("basicAuth"));
      if (!notification && !webhook) {
        assertThat(operation.getResponses().get("403").getContent().get("application/json").getSchema().get$ref())
            .as(name + ": 403 body").isEqualTo("#/components/schemas/Error");
      }
      operation.getResponses().forEach((status, response) -> {
        if (status.startsWith("4") && !"401".equals(status) || status.startsWith("5") && !"500".equals(status)) {
          assertThat(response.getContent().get("application/json").getSchema().get$ref())
              .as(name + " " + status + " answers the shared error body").isEqualTo("#/components/schemas/Error");
        }
      });
    }));
    assertThat(contract().api().getComponents().getSecuritySchemes().get("basicAuth").getScheme())
        .isEqualTo("basic");
  }

  /** What Swagger UI groups by: a tag per task, declared once with its description (io.recontact.web.ApiTags). */
  static final List<String> DECLARED_TAGS = List.of("Cint recontacts", "Cint replacement and removal",
      "Recontact status", "Cint fielding", "Cint webhooks (called by Cint)", "Toluna quotas", "Toluna sweeps",
      "Toluna incentive settlement", "Toluna notifications (called by Toluna)", "Panel members",
      "Respondent erasure", "Data retention",
      "Respondents");

  @Test
  void operationsAreGroupedByDeclaredTagsNotClassNames() {
    Set<String> used = new LinkedHashSet<>();
    List<String> wrong = new ArrayList<>();
    contract().api().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      String name = method + " " + path;
      List<String> own = operation.getTags() == null ? List.of() : operation.getTags();
      if (own.size() != 1 || own.stream().anyMatch(t -> t.endsWith("-controller") || !DECLARED_TAGS.contains(t))) {
        wrong.add(name + " " + own);
      }
      used.addAll(own);
    }));
    assertThat(wrong).as("operations without exactly one declared tag (springdoc's default: quota-run-controller)")
        .isEmpty();
    List<Tag> tags = contract().api().getTags();
    assertThat(tags).as("the document's tag list, in order").extracting(Tag::getName)
        .containsExactlyElementsOf(DECLARED_TAGS);
    assertThat(tags).as("every declared tag has a description").allSatisfy(tag ->
        assertThat(tag.getDescription()).as(tag.getName()).isNotBlank());
    assertThat(used).as("every declared tag groups some operation").containsExactlyInAnyOrderElementsOf(DECLARED_TAGS);
    assertThat(contract().api().getPaths().get("/api/toluna/quotas").getGet().getTags())
        .containsExactly("Toluna quotas");
    assertThat(contract().api().getPaths().get("/api/toluna/notifications/quota-status").getPost().getTags())
        .containsExactly("Toluna notifications (called by Toluna)");
  }

  /** The starting POSTs, and only they, take an Idempotency-Key and document a repeat's 200, 409 and 422. */
  @Test
  void everyStartTakesAnIdempotencyKey() {
    Set<String> keyed = new TreeSet<>();
    contract().api().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      if (operation.getParameters() == null || operation.getParameters().stream()
          .noneMatch(p -> "header".equals(p.getIn()) && "Idempotency-Key".equals(p.getName()))) {
        return;
      }
      String name = method + " " + path;
      keyed.add(name);
      assertThat(operation.getResponses()).as(name).containsKeys("200", "409", "422");
      var success = operation.getResponses().entrySet().stream()
          .filter(e -> e.getKey().startsWith("2") && !"200".equals(e.getKey())).findFirst().orElseThrow().getValue();
      assertThat(operation.getResponses().get("200").getContent()).as(name + ": a repeat answers the first body")
          .isEqualTo(success.getContent());
    }));
    assertThat(keyed).containsExactly("POST /api/cint/recontacts",
        "POST /api/cint/target-groups/{targetGroupId}/recontacts/removal",
        "POST /api/cint/target-groups/{targetGroupId}/recontacts/replacement", "POST /api/retention/runs",
        "POST /api/toluna/incentives/settlements", "POST /api/toluna/sweeps");
  }

  @Test
  void multipartStartsNameTheirPartsAndTypes() {
    for (String path : List.of("/api/cint/recontacts",
        "/api/cint/target-groups/{targetGroupId}/recontacts/replacement")) {
      Operation start = contract().api().getPaths().get(path).getPost();
      var multipart = start.getRequestBody().getContent().get("multipart/form-data");
      assertThat(multipart).as(path).isNotNull();
      assertThat(multipart.getEncoding().get("request").getContentType()).as(path).isEqualTo("application/json");
      assertThat(multipart.getEncoding().get("file").getContentType()).as(path).contains("text/csv");
    }
    Map<String, PathItem> paths = contract().api().getPaths();
    assertThat(paths.get("/api/panel/members").getPost().getRequestBody().getContent())
        .containsKeys("application/json", "text/csv", "multipart/form-data");
  }
}
