package io.recontact.sandbox.toluna;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The Toluna simulator over real HTTP, standalone profile (no engine). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class TolunaSimulatorTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "sandbox-toluna-key";
  static final String A = TolunaSandboxData.PANEL_A;
  static final String B = TolunaSandboxData.PANEL_B;
  final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  record Res(int status, JsonNode json) {}

  @BeforeEach
  void reset() throws Exception {
    send("POST", "/sandbox/toluna/admin/reset", null, null);
  }

  Res send(String method, String path, String key, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("API_AUTH_KEY", key);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Res(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
  }

  Res es(String panel, String rest) throws Exception {
    return send("GET", "/sandbox/toluna/IPExternalSamplingService/ExternalSample/" + panel + rest, KEY, null);
  }

  static List<Integer> surveyIds(JsonNode quotas) {
    List<Integer> ids = new ArrayList<>();
    quotas.path("Surveys").forEach(s -> ids.add(s.path("SurveyID").asInt()));
    return ids;
  }

  static void assertResult(Res r, String result, int code) {
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("Result").asText()).isEqualTo(result);
    assertThat(r.json().path("ResultCode").asInt()).isEqualTo(code);
  }

  void spacing(long millis) throws Exception {
    Res r = send("POST", "/sandbox/toluna/admin/settings", null, "{\"memberCallSpacingMillis\":" + millis + "}");
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void wrongOrMissingKeyIs403() throws Exception {
    String path = "/sandbox/toluna/IPExternalSamplingService/ExternalSample/" + A + "/Quotas?includeRoutables=true";
    assertThat(send("GET", path, "wrong", null).status()).isEqualTo(403);
    assertThat(send("GET", path, null, null).status()).isEqualTo(403);
    assertThat(send("GET", path, KEY, null).status()).isEqualTo(200);
  }

  @Test
  void unknownOrMalformedPanelIs400With3() throws Exception {
    assertResult(es("invalid-panel-guid", "/Quotas"), "PANEL_DOES_NOT_EXIST", 3);
    assertResult(es("11111111-2222-3333-4444-555555555555", "/Quotas"), "PANEL_DOES_NOT_EXIST", 3);
    assertResult(es("11111111-2222-3333-4444-555555555555", "/Recontact/4100001/MemberCodes"),
        "PANEL_DOES_NOT_EXIST", 3);
  }

  @Test
  void recontactSurveyVisibleOnlyWithTargetedMembers() throws Exception {
    Res a = es(A.toLowerCase(), "/Quotas?includeRoutables=true");
    assertThat(a.status()).isEqualTo(200);
    assertThat(surveyIds(a.json())).containsExactly(3100001, 3100002, 3100003); // 3100004: no members targeted
    assertThat(a.json().path("CountryID").asInt()).isEqualTo(2000223);
    assertThat(surveyIds(es(B, "/Quotas").json())).containsExactly(3100003);

    send("PUT", "/sandbox/toluna/admin/panels/" + B + "/recontact/4100002/members", null, "[\"X-1\"]");
    assertThat(surveyIds(es(B, "/Quotas").json())).containsExactly(3100001, 3100003);

    // non-live quotas are left out, and a survey without quotas with them
    send("POST", "/sandbox/toluna/admin/quotas/3100002/status", null, "{\"IsLive\":false}");
    assertThat(send("POST", "/sandbox/toluna/admin/quotas/4100003/status", null, "{\"IsLive\":false}").status())
        .isEqualTo(200);
    assertThat(surveyIds(es(A, "/Quotas").json())).containsExactly(3100001, 3100003);
  }

  @Test
  void pagesThroughTwentyFiveThousandCodesOnce() throws Exception {
    List<String> codes = new ArrayList<>();
    for (int i = 1; i <= 25_000; i++) {
      codes.add(String.format("P%06d", i));
    }
    List<String> shuffled = new ArrayList<>(codes);
    Collections.shuffle(shuffled, new Random(7));
    Res put = send("PUT", "/sandbox/toluna/admin/panels/" + A + "/recontact/4100001/members", null,
        JSON.writeValueAsString(shuffled));
    assertThat(put.json().path("members").asInt()).isEqualTo(25_000);

    List<String> seen = new ArrayList<>();
    String last = null;
    int pages = 0;
    while (true) {
      Res r = es(A, "/Recontact/4100001/MemberCodes?maxResults=5000"
          + (last == null ? "" : "&lastMemberCodeReceived=" + last));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("MaxResults").asInt()).isEqualTo(5000);
      r.json().path("MemberCodes").forEach(c -> seen.add(c.asText()));
      pages++;
      boolean more = r.json().path("HasAdditionalMembers").asBoolean();
      assertThat(more).isEqualTo(pages < 5);
      if (!more) {
        break;
      }
      last = seen.get(seen.size() - 1);
    }
    assertThat(pages).isEqualTo(5);
    assertThat(seen).isEqualTo(codes);

    Res past = es(A, "/Recontact/4100001/MemberCodes?lastMemberCodeReceived=Z");
    assertThat(past.json().path("MemberCodes").size()).isZero();
    assertThat(past.json().path("HasAdditionalMembers").asBoolean()).isFalse();
    assertThat(past.json().path("MaxResults").asInt()).isEqualTo(10_000);
    assertThat(es(A, "/Recontact/4100001/MemberCodes?maxResults=50000").json().path("MaxResults").asInt())
        .isEqualTo(10_000);
  }

  @Test
  void recontactResultCodes() throws Exception {
    assertResult(es(A, "/Recontact/4100004/MemberCodes?maxResults=10"), "SURVEY_NOT_FOR_RECONTACT", 6);
    assertResult(es(A, "/Recontact/999999/MemberCodes?maxResults=10"), "NO_QUOTA_ID", 10);
    send("POST", "/sandbox/toluna/admin/quotas/4100002/status", null, "{\"IsLive\":false}");
    assertResult(es(A, "/Recontact/4100002/MemberCodes?maxResults=10"), "QUOTA_NOT_LIVE", 9);
    Res ok = es(A, "/Recontact/4100001/MemberCodes?maxResults=3");
    assertThat(ok.json().path("MemberCodes").toString()).isEqualTo("[\"TS-000001\",\"TS-000002\",\"TS-000003\"]");
  }

  @Test
  void inviteCodesAndFreshUrls() throws Exception {
    assertResult(es(A, "/" + TolunaSandboxData.UNKNOWN_CODES.get(0) + "/Invite/4100001"),
        "MEMBER_GID_NOT_AVAILABLE", 43);
    assertResult(es(A, "/TS-000001/Invite/999999"), "NO_QUOTA_ID", 10);
    Res first = es(A, "/TS-000002/Invite/4100001");
    Res second = es(A, "/TS-000002/Invite/4100001");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("SurveyID").asInt()).isEqualTo(3100001);
    assertThat(first.json().path("QuotaID").asInt()).isEqualTo(4100001);
    assertThat(first.json().path("URL").asText()).startsWith("https://").isNotEqualTo(second.json().path("URL").asText());
    assertThat(first.json().path("LOI").asInt()).isBetween(12, 14);

    send("POST", "/sandbox/toluna/admin/quotas/4100001/status", null, "{\"IsLive\":false}");
    assertResult(es(A, "/TS-000002/Invite/4100001"), "QUOTA_NOT_LIVE", 9);

    JsonNode state = send("GET", "/sandbox/toluna/admin/state", null, null).json();
    assertThat(state.path("invites").size()).isEqualTo(2);
    assertThat(state.path("invites").get(1).path("url").asText()).isEqualTo(second.json().path("URL").asText());
    assertThat(state.path("calls").path("GenerateInvite").asInt()).isEqualTo(5);
  }

  @Test
  void quotaSwitchOffNotifiesAndRetriesAfter500() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> bodies = new CopyOnWriteArrayList<>();
    AtomicInteger hits = new AtomicInteger();
    server.createContext("/quota-status", ex -> {
      try (InputStream in = ex.getRequestBody()) {
        bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      ex.sendResponseHeaders(hits.incrementAndGet() == 1 ? 500 : 200, -1);
      ex.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/quota-status";
      send("POST", "/sandbox/toluna/admin/settings", null,
          "{\"notificationUrl\":\"" + url + "\",\"notificationRetries\":3,\"notificationBackoffMillis\":50}");
      Res r = send("POST", "/sandbox/toluna/admin/quotas/4100001/status", null, "{\"IsLive\":false}");
      assertThat(r.json().path("notificationQueued").asBoolean()).isTrue();

      JsonNode n = null;
      for (int i = 0; i < 100; i++) {
        n = send("GET", "/sandbox/toluna/admin/state", null, null).json().path("notifications").path(0);
        if ("DELIVERED".equals(n.path("state").asText())) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(n.path("state").asText()).isEqualTo("DELIVERED");
      assertThat(n.path("attempts").asInt()).isEqualTo(2);
      assertThat(n.path("statuses").toString()).isEqualTo("[500,200]");
      assertThat(bodies).hasSize(2);
      JsonNode body = JSON.readTree(bodies.get(1));
      assertThat(body.path("QuotaID").asInt()).isEqualTo(4100001);
      assertThat(body.path("SurveyID").asInt()).isEqualTo(3100001);
      assertThat(body.path("WaveID").asInt()).isEqualTo(3200001);
      assertThat(body.path("IsLive").asBoolean()).isFalse();
      assertThat(body.path("UpdateDateTimeUTC").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d\\d \\+00:00");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void surveyCloseRemovesItsQuotasEverywhereAndNotifies() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> bodies = new CopyOnWriteArrayList<>();
    server.createContext("/survey-closed", ex -> {
      try (InputStream in = ex.getRequestBody()) {
        bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/survey-closed";
      send("POST", "/sandbox/toluna/admin/settings", null, "{\"surveyClosedUrl\":\"" + url + "\"}");
      Res r = send("POST", "/sandbox/toluna/admin/surveys/3100001/close", null, null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("panels").asInt()).isEqualTo(2);
      assertThat(r.json().path("quotasRemoved").asInt()).isEqualTo(4);
      assertThat(r.json().path("notificationQueued").asBoolean()).isTrue();
      assertThat(surveyIds(es(A, "/Quotas?includeRoutables=true").json())).doesNotContain(3100001).contains(3100002);
      assertThat(surveyIds(es(B, "/Quotas?includeRoutables=true").json())).doesNotContain(3100001);
      assertResult(es(A, "/QuotaStatus/4100001"), "NO_QUOTA_ID", 10);

      for (int i = 0; i < 100 && bodies.isEmpty(); i++) {
        Thread.sleep(50);
      }
      assertThat(bodies).hasSize(1);
      JsonNode body = JSON.readTree(bodies.get(0));
      assertThat(body.path("SurveyID").asInt()).isEqualTo(3100001);
      assertThat(body.path("SurveyRef").asText()).isEqualTo("RC-3100001-US");
      assertThat(body.path("Status").asText()).isEqualTo("Closed");
      assertThat(body.path("WaveId").asInt()).isEqualTo(3200001);
      assertThat(body.path("DateTime").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
      assertThat(send("POST", "/sandbox/toluna/admin/surveys/3100001/close", null, null).status()).isEqualTo(404);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void adminPutOfRealGetQuotasResponse() throws Exception {
    String real;
    try (InputStream in = getClass().getResourceAsStream("/toluna/getquotasresponse.json")) {
      real = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Res put = send("PUT", "/sandbox/toluna/admin/panels/" + B + "/quotas", null, real);
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("surveys").asInt()).isEqualTo(68);
    Res all = es(B, "/Quotas?includeRoutables=true");
    assertThat(all.json().path("Surveys").size()).isEqualTo(68);
    assertThat(all.json().path("Surveys").get(0).path("SurveyID").asInt()).isEqualTo(2433478);
    Res status = es(B, "/QuotaStatus/1166325");
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().path("QuotaID").asInt()).isEqualTo(1166325);
    assertThat(status.json().has("Layers")).isTrue();
    assertResult(es(B, "/Recontact/1166325/MemberCodes"), "SURVEY_NOT_FOR_RECONTACT", 6);
  }

  @Test
  void faultsAndMemberApi() throws Exception {
    spacing(0);
    send("POST", "/sandbox/toluna/admin/faults", null, "{\"route\":\"GetQuotas\",\"status\":500,\"count\":2}");
    assertThat(es(A, "/Quotas").status()).isEqualTo(500);
    assertThat(es(A, "/Quotas").status()).isEqualTo(500);
    assertThat(es(A, "/Quotas").status()).isEqualTo(200);

    String base = "http://localhost:" + port + "/sandbox/toluna/IntegratedPanelService/api/Respondent";
    String v2 = "application/json;version=2.0";
    HttpResponse<String> add = http.send(HttpRequest.newBuilder(URI.create(base)).header("Accept", v2)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"PartnerGUID\":\"" + A + "\",\"MemberCode\":\"TS-000002\",\"BirthDate\":\"6/21/1992\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(add.statusCode()).isEqualTo(201);
    HttpResponse<String> upd = http.send(HttpRequest.newBuilder(URI.create(base)).header("Accept", v2)
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
            "{\"PartnerGUID\":\"" + A + "\",\"MemberCode\":\"TS-000002\",\"PostalCode\":\"10001\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(upd.statusCode()).isEqualTo(200);
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "/?memberCode=TS-000002&partnerGUID=" + A))
        .header("Accept", v2).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(get.body()).path("PostalCode").asText()).isEqualTo("10001");
    HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/?memberCode=nope&partnerGUID=" + A))
        .header("Accept", v2).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(missing.body()).path("Message").asText()).startsWith("No member found");
  }

  @Test
  void routeSegmentsAndParameterNamesAreCaseInsensitive() throws Exception {
    String es = "/sandbox/toluna/ipexternalsamplingservice/EXTERNALSAMPLE/" + A;
    Res status = send("GET", es + "/quotastatus/4100001", KEY, null);
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().path("QuotaID").asInt()).isEqualTo(4100001);

    Res page = send("GET", es + "/recontact/4100001/membercodes?MaxResults=2&LastMemberCodeReceived=TS-000001", KEY,
        null);
    assertThat(page.json().path("MemberCodes").toString()).isEqualTo("[\"TS-000002\",\"TS-000003\"]");
    assertThat(page.json().path("MaxResults").asInt()).isEqualTo(2);

    // IncludeRoutables=FALSE is read: on the real inventory (22 routable QAs) it drops what includeRoutables=false drops
    String real;
    try (InputStream in = getClass().getResourceAsStream("/toluna/getquotasresponse.json")) {
      real = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    send("PUT", "/sandbox/toluna/admin/panels/" + B + "/quotas", null, real);
    String esB = "/sandbox/toluna/IPEXTERNALSAMPLINGSERVICE/externalsample/" + B;
    JsonNode without = withoutCacheExpires(send("GET", esB + "/quotas?IncludeRoutables=FALSE", KEY, null).json());
    assertThat(without).isEqualTo(withoutCacheExpires(es(B, "/Quotas?includeRoutables=false").json()))
        .isNotEqualTo(withoutCacheExpires(es(B, "/Quotas?includeRoutables=true").json()));

    assertThat(send("GET", es + "/TS-000002/invite/4100001", KEY, null).status()).isEqualTo(200);
    // member codes are values, not route segments: their case is kept (ts-000002 is on no list)
    assertResult(send("GET", es + "/ts-000002/Invite/4100001", KEY, null), "MEMBER_GID_NOT_AVAILABLE", 43);

    spacing(0);
    String respondent = "/sandbox/toluna/integratedpanelservice/API/respondent";
    assertThat(member("POST", respondent, "{\"partnerGuid\":\"" + A + "\",\"memberCode\":\"CI-1\"}").status())
        .isEqualTo(201);
    Res got = member("GET", respondent + "/?MemberCode=CI-1&PartnerGuid=" + A.toLowerCase(), null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().path("MemberCode").asText()).isEqualTo("CI-1");
    assertThat(got.json().path("PartnerGUID").asText()).isEqualTo(A);
  }

  static JsonNode withoutCacheExpires(JsonNode quotas) {
    ((com.fasterxml.jackson.databind.node.ObjectNode) quotas).remove("CacheExpires");
    return quotas;
  }

  @Test
  void everyJsonAnswerSaysUtf8() throws Exception {
    String es = "/sandbox/toluna/IPExternalSamplingService/ExternalSample/";
    List<String[]> calls = List.of(
        new String[] {es + A + "/Quotas", KEY, "200"},
        new String[] {es + "invalid-panel-guid/Quotas", KEY, "400"},
        new String[] {es + A + "/Quotas", "wrong", "403"},
        new String[] {"/sandbox/toluna/ExternalSample/" + A + "/Recontact/4100001/MemberCodes", KEY, "404"},
        new String[] {"/sandbox/toluna/admin/state", null, "200"});
    for (String[] call : calls) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + call[0]));
      if (call[1] != null) {
        b.header("API_AUTH_KEY", call[1]);
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(call[0]).isEqualTo(Integer.parseInt(call[2]));
      assertJsonUtf8(r);
    }
    HttpResponse<String> notFound = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/sandbox/toluna/ExternalSample/" + A + "/Quotas")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(notFound.body()).path("Message").asText()).startsWith("No HTTP resource was found");

    spacing(0);
    String respondent = "/sandbox/toluna/IntegratedPanelService/api/Respondent";
    HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + respondent
        + "/?memberCode=nobody&partnerGUID=" + A)).header("Accept", "application/json;version=2.0").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(400);
    assertJsonUtf8(missing);
    HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + respondent)).header("Accept", "application/json;version=2.0").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrongMethod.statusCode()).isEqualTo(415);
    assertJsonUtf8(wrongMethod);
    assertThat(JSON.readTree(wrongMethod.body()).path("Message").asText()).isNotBlank();
  }

  static void assertJsonUtf8(HttpResponse<String> r) {
    String type = r.headers().firstValue("Content-Type").orElse("");
    org.springframework.http.MediaType media = org.springframework.http.MediaType.parseMediaType(type);
    assertThat(media.isCompatibleWith(org.springframework.http.MediaType.APPLICATION_JSON)).as(type).isTrue();
    assertThat(media.getParameters()).as(type).containsOnlyKeys("charset");
    assertThat(media.getCharset()).as(type).isEqualTo(StandardCharsets.UTF_8);
  }

  Res member(String method, String pathAndQuery, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
        .header("Accept", "application/json;version=2.0").header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Res(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
  }

  @Test
  void sandboxDataIsDeterministicAndMostlyMatching() {
    var today = java.time.LocalDate.of(2026, 11, 23);
    var first = TolunaSandboxData.profiles(today);
    assertThat(first).isEqualTo(TolunaSandboxData.profiles(today));
    long matching = first.stream().filter(p -> p.fit() == TolunaSandboxData.Fit.MATCHING).count();
    assertThat(matching).isGreaterThan(first.size() * 8 / 10);
    assertThat(TolunaSandboxData.memberCodes(A).get(TolunaSandboxData.QUOTA_FEMALE_18_34)).hasSize(3000)
        .isSorted().doesNotContainAnyElementsOf(TolunaSandboxData.UNKNOWN_CODES);
    var p1 = first.get(1); // TS-000002, female 18-34
    assertThat(p1.genderAnswerId()).isEqualTo(TolunaSandboxData.FEMALE);
    int age = java.time.Period.between(p1.birthDate(), today).getYears();
    assertThat(age).isBetween(18, 34);
  }
}
