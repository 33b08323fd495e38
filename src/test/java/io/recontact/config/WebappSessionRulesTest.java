package io.recontact.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.sandbox.seed.TolunaSandboxData;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code /api} with the Camunda webapps' session instead of HTTP Basic (WebappSessionReads): reads are accepted for
 * the logged-in user under the same group rules (ApiRoles), changes never; an ended session gets 401 without the
 * Basic challenge, which would make a browser prompt for a password.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WebappSessionRulesTest {

  static final String MEMBERS_CSV = "/api/toluna/quotas/" + TolunaSandboxData.PANEL_A + "/4100001/members"
      + "?state=EXCEPTION";

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void approverReadsApiViewsWithItsTasklistSession() {
    Calls approver = new Calls(http, "approver");
    Calls.WebappSession tasklist = approver.webappSession("tasklist");
    assertThat(tasklist.loginStatus()).isEqualTo(200);

    Calls.Answer quotas = approver.withSession(tasklist, HttpMethod.GET, "/api/toluna/quotas", null);
    assertThat(quotas.status()).as(quotas.body()).isEqualTo(200);
    assertThat(quotas.json().isArray()).isTrue();
    // The form's link: past authentication and ApiRoles; this test's database has no such quota run.
    Calls.Answer csv = approver.withSession(tasklist, HttpMethod.GET, MEMBERS_CSV, null);
    assertThat(csv.status()).as(csv.body()).isEqualTo(404);
    assertThat(csv.json().path("message").asText()).startsWith("No Toluna quota 4100001");
    assertThat(exchange(tasklist, HttpMethod.HEAD, "/api/toluna/quotas", notInTheDocument("HEAD"))
        .getStatusCode().value()).isEqualTo(200);
    // History is read with the session user's engine rights, as with Basic: nothing of instances it may not read.
    Calls.Answer recontacts = approver.withSession(tasklist, HttpMethod.GET, "/api/cint/recontacts", null);
    assertThat(recontacts.status()).isEqualTo(200);
    assertThat(recontacts.json().path("total").asLong()).isZero();
  }

  @Test
  void sessionUserIsJudgedByTheSameGroupRules() {
    Calls approver = new Calls(http, "approver");
    Calls.WebappSession tasklist = approver.webappSession("tasklist");
    Calls.Answer directory = approver.withSession(tasklist, HttpMethod.GET, "/api/panel/members", null);
    assertThat(directory.status()).as(directory.body()).isEqualTo(403);
    assertThat(directory.json().path("message").asText()).contains("User 'approver' may not GET");

    Calls operator = new Calls(http, "operator");
    Calls.WebappSession cockpit = operator.webappSession("cockpit");
    assertThat(cockpit.loginStatus()).isEqualTo(200);
    assertThat(operator.withSession(cockpit, HttpMethod.GET, "/api/panel/members", null).status()).isEqualTo(200);
  }

  /**
   * A session never changes anything, not even the operator's with the webapp's CSRF token: another site could
   * make a logged-in browser send such a request. Basic (which a browser does not add on its own) stays required.
   */
  @Test
  void sessionCannotChangeAnything() {
    Calls operator = new Calls(http, "operator");
    Calls.WebappSession cockpit = operator.webappSession("cockpit");
    long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    long members = jdbc.queryForObject("select count(*) from panel_member", Long.class);
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    json.add("X-XSRF-TOKEN", cockpit.xsrfToken());

    for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE}) {
      HttpHeaders headers = new HttpHeaders();
      headers.addAll(json);
      if (method != HttpMethod.POST) {
        headers.addAll(notInTheDocument(method.name()).getHeaders());
      }
      ResponseEntity<String> sweep = exchange(cockpit, method, "/api/toluna/sweeps", new HttpEntity<>("", headers));
      assertThat(sweep.getStatusCode().value()).as(method + " " + sweep.getBody()).isEqualTo(401);
      assertThat(sweep.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    }
    ResponseEntity<String> importing = exchange(cockpit, HttpMethod.POST, "/api/panel/members",
        new HttpEntity<>("[{\"memberCode\": \"SESSION-1\", \"status\": \"ACTIVE\"}]", json));
    assertThat(importing.getStatusCode().value()).isEqualTo(401);

    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(jdbc.queryForObject("select count(*) from panel_member", Long.class)).isEqualTo(members);

    // Reads are safe to take with the session: another site's page does not even send it along.
    String sessionCookie = http.getForEntity("/camunda/app/tasklist/default/", String.class).getHeaders()
        .getOrDefault(HttpHeaders.SET_COOKIE, java.util.List.of()).stream()
        .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    assertThat(sessionCookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly");
  }

  /** The contract check (ApiContract) takes the answer only: the document lists no such operation. */
  static HttpEntity<String> notInTheDocument(String method) {
    HttpHeaders headers = new HttpHeaders();
    headers.add(io.recontact.api.ApiContract.DELIBERATELY_BAD, method + " is not in the API document");
    return new HttpEntity<>(null, headers);
  }

  @Test
  void endedSessionGets401WithoutBasicChallenge() {
    ResponseEntity<String> unknown = exchange(new Calls.WebappSession("JSESSIONID=0123456789ABCDEF", null, 0),
        HttpMethod.GET, "/api/toluna/quotas", null);
    assertThat(unknown.getStatusCode().value()).isEqualTo(401);
    assertThat(unknown.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).as("no password prompt").isFalse();

    // Logged out: the session lives on without the login.
    Calls approver = new Calls(http, "approver");
    Calls.WebappSession tasklist = approver.webappSession("tasklist");
    // The login started a new session: its CSRF token comes with the next page the webapp serves in it.
    String xsrf = exchange(tasklist, HttpMethod.GET, "/camunda/app/tasklist/default/", null).getHeaders()
        .getOrDefault(HttpHeaders.SET_COOKIE, java.util.List.of()).stream().filter(c -> c.startsWith("XSRF-TOKEN="))
        .map(c -> c.split(";", 2)[0].substring("XSRF-TOKEN=".length())).findFirst().orElse(tasklist.xsrfToken());
    HttpHeaders csrf = new HttpHeaders();
    csrf.add("X-XSRF-TOKEN", xsrf);
    ResponseEntity<String> logout = exchange(tasklist, HttpMethod.POST,
        "/camunda/api/admin/auth/user/default/logout", new HttpEntity<>(null, csrf));
    assertThat(logout.getStatusCode().is2xxSuccessful()).as(logout.getBody()).isTrue();
    ResponseEntity<String> after = exchange(tasklist, HttpMethod.GET, "/api/toluna/quotas", null);
    assertThat(after.getStatusCode().value()).isEqualTo(401);
    assertThat(after.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();

    // Without any session cookie, nothing changed: the Basic challenge (AnonymousAccessTest).
    ResponseEntity<String> anonymous = http.getForEntity("/api/toluna/quotas", String.class);
    assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
  }

  @Test
  void sessionOfADeletedUserCountsNoMore() {
    User gone = engine.getIdentityService().newUser("leaving-approver");
    gone.setPassword("leaving-approver");
    engine.getIdentityService().saveUser(gone);
    engine.getIdentityService().createMembership(gone.getId(), ApproverIdentitySetup.APPROVERS_GROUP);
    try {
      Calls leaving = new Calls(http, "leaving-approver");
      Calls.WebappSession tasklist = leaving.webappSession("tasklist");
      assertThat(leaving.withSession(tasklist, HttpMethod.GET, "/api/toluna/quotas", null).status()).isEqualTo(200);

      engine.getIdentityService().deleteMembership(gone.getId(), ApproverIdentitySetup.APPROVERS_GROUP);
      Calls.Answer withoutGroup = leaving.withSession(tasklist, HttpMethod.GET, "/api/toluna/quotas", null);
      assertThat(withoutGroup.status()).as("groups are read afresh on every call").isEqualTo(403);

      engine.getIdentityService().deleteUser(gone.getId());
      assertThat(leaving.withSession(tasklist, HttpMethod.GET, "/api/toluna/quotas", null).status()).isEqualTo(401);
    } finally {
      engine.getIdentityService().deleteUser(gone.getId());
    }
  }

  ResponseEntity<String> exchange(Calls.WebappSession session, HttpMethod method, String path, HttpEntity<?> entity) {
    HttpHeaders headers = session.headers();
    if (entity != null) {
      headers.addAll(entity.getHeaders());
    }
    return http.exchange(path, method, new HttpEntity<>(entity == null ? null : entity.getBody(), headers),
        String.class);
  }
}
