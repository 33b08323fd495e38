package io.recontact.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The project's own API contract: the OpenAPI document the running application serves at {@value #DOCS}, fetched once
 * per server (one per Spring test context) and checked with the Atlassian validator the Cint contract tests use
 * (io.recontact.cint.contract.CintContract). Every /api exchange a test makes goes through {@link #check}: the
 * TestRestTemplate of every context by {@link ApiContractInterceptor}, the raw java.net.http clients by calling it.
 *
 * <p>The answer is always checked. The request is checked too, unless the test sends it wrong on purpose and says so
 * with the header {@value #DELIBERATELY_BAD} (removed before sending), or a raw client was refused (4xx) for what it
 * sent. Levels as in CintContract, except that {@code additionalProperties} is enforced: the document is generated
 * from this code, so a field the code sends but the document lacks is drift. Multipart bodies, which the validator
 * does not read, are checked part by part by {@link MultipartCheck}.
 */
public final class ApiContract {

  public static final String DOCS = "/v3/api-docs";
  public static final String DELIBERATELY_BAD = "X-Test-Deliberately-Bad";
  static final String DEMO = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(UTF_8));

  private static final Set<String> UNROUTED = Set.of("validation.request.path.missing",
      "validation.request.operation.notAllowed");
  private static final Map<String, ApiContract> BY_SERVER = new ConcurrentHashMap<>();

  private final String text;
  private final OpenAPI api;
  private final OpenApiInteractionValidator validator;

  private ApiContract(String text) {
    this.text = text;
    this.api = new OpenAPIV3Parser().readContents(text).getOpenAPI();
    this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(text)
        .withLevelResolver(LevelResolver.create().withDefaultLevel(ValidationReport.Level.ERROR).build())
        .build();
  }

  /** True for the paths the document describes. */
  public static boolean covers(String path) {
    return path != null && path.startsWith("/api/");
  }

  /** The contract of the server at {@code base} (scheme, host and port count), fetched on first use. */
  public static ApiContract of(URI base) {
    String server = base.getScheme() + "://" + base.getAuthority();
    return BY_SERVER.computeIfAbsent(server, s -> new ApiContract(fetch(URI.create(s + DOCS))));
  }

  public String text() {
    return text;
  }

  public OpenAPI api() {
    return api;
  }

  /** One exchange as a client saw it. Headers as sent and received; bodies may be null. */
  public record Exchange(String method, URI uri, Map<String, List<String>> requestHeaders, byte[] requestBody,
      int status, Map<String, List<String>> responseHeaders, byte[] responseBody) {
  }

  /**
   * Checks the exchange and fails the calling test with the validator's report. {@code checkRequest} false: the
   * request was malformed on purpose, only the answer must match the document.
   */
  public void check(Exchange exchange, boolean checkRequest) {
    Request request = request(exchange);
    SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
    exchange.responseHeaders().forEach(response::withHeader);
    if (exchange.responseBody() != null && exchange.responseBody().length > 0) {
      response.withBody(exchange.responseBody());
    }
    ValidationReport report = checkRequest
        ? validator.validate(request, response.build()).merge(MultipartCheck.check(api, exchange.method(),
            request.getPath(), request.getContentType().orElse(null), exchange.requestBody()))
        : validator.validateResponse(request.getPath(), request.getMethod(), response.build());
    if (!checkRequest) {
      // A deliberately bad request may aim at a route the document lacks: then there is no answer to check it by.
      report = ValidationReport.from(report.getMessages().stream().filter(m -> !UNROUTED.contains(m.getKey()))
          .toList());
    }
    if (report.hasErrors()) {
      String messages = report.getMessages().stream()
          .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
          .map(m -> "  - [" + m.getKey() + "] " + m.getMessage()
              + m.getContext().flatMap(c -> c.getLocation()).map(l -> " (" + l + ")").orElse(""))
          .collect(Collectors.joining("\n"));
      throw new AssertionError("The /api exchange " + exchange.method() + " " + exchange.uri().getRawPath()
          + " -> " + exchange.status() + " disagrees with the OpenAPI document (" + DOCS + ")"
          + (checkRequest ? "" : ", answer only: the request was bad on purpose") + ":\n" + messages
          + "\n  answer: " + clip(exchange.responseBody()));
    }
  }

  /**
   * Checks an /api exchange a raw java.net.http client made ({@code body}: the bytes it sent). Raw clients exist to
   * send exact, often malformed bytes, so their request is checked when the server took it (2xx) and the answer
   * always. Other paths pass unchecked.
   */
  public static void checkRaw(HttpRequest request, byte[] body, HttpResponse<String> response) {
    URI uri = request.uri().normalize(); // as the server reads /api/x/../y
    if (!covers(uri.getPath())) {
      return;
    }
    of(uri).check(new Exchange(request.method(), uri, request.headers().map(), body, response.statusCode(),
        response.headers().map(), response.body() == null ? null : response.body().getBytes(UTF_8)),
        response.statusCode() / 100 == 2);
  }

  private static Request request(Exchange exchange) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method().toUpperCase(Locale.ROOT),
        exchange.uri().getRawPath());
    exchange.requestHeaders().forEach(request::withHeader);
    if (exchange.requestBody() != null && exchange.requestBody().length > 0) {
      request.withBody(exchange.requestBody());
    }
    UriComponentsBuilder.fromUri(exchange.uri()).build().getQueryParams().forEach(request::withQueryParam);
    return request.build();
  }

  private static String clip(byte[] body) {
    String text = body == null ? "(none)" : new String(body, UTF_8);
    return text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }

  private static String fetch(URI docs) {
    try {
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(docs)
          .header("Authorization", DEMO).GET().build(), HttpResponse.BodyHandlers.ofString(UTF_8));
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(docs + " answered " + answer.statusCode() + ": " + answer.body());
      }
      return answer.body();
    } catch (IOException e) {
      throw new IllegalStateException("could not fetch " + docs, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
