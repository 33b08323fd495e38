package io.recontact.cint.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import feign.Client;
import feign.Feign;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs {@link ContractValidatingClient} over real HTTP against a tiny in-test server. */
class ContractValidatingClientTest {

  static final String GOOD_TG = "01BTGNYV6HRNK8K8VKZASZCFP1";
  static final String BAD_TG = "01BTGNYV6HRNK8K8VKZASZCFP9";
  static final String GOOD_BODY = "{\"saved_respondent_ids_count\": 12500}";
  static final String BAD_BODY = "{\"saved_respondent_ids_count\": \"many\"}";

  interface CintApi {
    @RequestLine("GET /sandbox/cint/v1/demand/accounts/{account}/projects/{project}/target-groups/{tg}/recontacts/overview")
    @Headers({"Authorization: Bearer test-token", "Cint-API-Version: 2025-12-18"})
    String overview(@Param("account") int account, @Param("project") String project, @Param("tg") String tg);

    @RequestLine("POST /sandbox/cint/oauth/token")
    @Headers("Content-Type: application/json")
    String token(String body);
  }

  static HttpServer server;
  static String baseUrl;

  /** Private recorder: this test provokes violations on purpose and must not touch the shared one. */
  final ContractViolations recorder = ContractViolations.newRecorder();

  /** The shared recorder stays clean: proves the harness wiring a real test would use. */
  @RegisterExtension
  static CintContractExtension contract = CintContractExtension.perTest();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/sandbox/cint/v1/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = (path.contains(BAD_TG) ? BAD_BODY : GOOD_BODY).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/sandbox/cint/oauth/token", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{\"access_token\":\"t\",\"expires_in\":86400,\"token_type\":\"Bearer\"}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  CintApi api;

  @BeforeEach
  void client() {
    api = Feign.builder()
        .client(new ContractValidatingClient(new Client.Default(null, null), recorder))
        .target(CintApi.class, baseUrl);
  }

  @Test
  void conformingResponseRecordsNothingAndReachesTheCaller() {
    assertThat(api.overview(101, "01BTGNYV6HRNK8K8VKZASZCFP0", GOOD_TG)).isEqualTo(GOOD_BODY);
    assertThat(recorder.violations()).isEmpty();
    assertThat(recorder.validatedExchanges()).isEqualTo(1);
  }

  @Test
  void nonConformingResponseIsRecordedAndStillReachesTheCaller() {
    assertThat(api.overview(101, "01BTGNYV6HRNK8K8VKZASZCFP0", BAD_TG)).isEqualTo(BAD_BODY);
    assertThat(recorder.violations()).singleElement().satisfies(v -> {
      assertThat(v.method()).isEqualTo("GET");
      assertThat(v.path()).endsWith("/target-groups/" + BAD_TG + "/recontacts/overview");
      assertThat(v.status()).isEqualTo(200);
      assertThat(v.key()).isEqualTo("validation.response.body.schema.type");
    });
  }

  @Test
  void requestsOutsideTheContractAreSkippedAndCounted() {
    assertThat(api.token("{\"client_id\":\"a\",\"client_secret\":\"b\"}")).contains("access_token");
    assertThat(recorder.violations()).isEmpty();
    assertThat(recorder.validatedExchanges()).isZero();
    assertThat(recorder.skippedCount()).isEqualTo(1);
    assertThat(recorder.skipped().get(0).url()).endsWith("/sandbox/cint/oauth/token");
  }

  @Test
  void sharedRecorderIsUsedByDefault() {
    CintApi shared = Feign.builder().client(new ContractValidatingClient()).target(CintApi.class, baseUrl);
    assertThat(shared.overview(101, "01BTGNYV6HRNK8K8VKZASZCFP0", GOOD_TG)).isEqualTo(GOOD_BODY);
    assertThat(ContractViolations.shared().validatedExchanges()).isEqualTo(1);
    // the extension asserts after this test that the shared recorder holds no violation
  }

  @Test
  void multipartCheckNeedsAFilePartWithFilename() {
    String ct = "multipart/form-data; boundary=XyZ";
    byte[] ok = ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\n\r\nA\r\n--XyZ--\r\n")
        .getBytes(StandardCharsets.UTF_8);
    byte[] wrongName = ("--XyZ\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"r.csv\"\r\n\r\nA\r\n"
        + "--XyZ--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] noFilename = ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nA\r\n--XyZ--\r\n")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(ContractValidatingClient.multipartProblem(ct, ok)).isNull();
    assertThat(ContractValidatingClient.multipartProblem(ct, wrongName)).contains("no part named 'file'");
    assertThat(ContractValidatingClient.multipartProblem(ct, noFilename)).contains("no filename");
    assertThat(ContractValidatingClient.multipartProblem("multipart/form-data", ok)).contains("boundary");
  }
}
