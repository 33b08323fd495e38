package io.recontact.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.governance.erasure.Respondent;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Erasing a respondent is a permission of its own: the privacy officers' group ({@code recontact-privacy}) and
 * {@code camunda-admin} may, operators, approvers and monitoring may not (403 naming the groups, nothing erased,
 * nothing audited, the identifier not echoed). A privacy officer may do nothing else under /api.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErasureRulesTest {

  static final String OFFICER = "privacy-officer";

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void officer() {
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(OFFICER).count() == 0) {
      User user = identity.newUser(OFFICER);
      user.setPassword(OFFICER);
      identity.saveUser(user);
      identity.createMembership(OFFICER, PrivacyIdentitySetup.PRIVACY_GROUP);
    }
  }

  long audited(String rsid) {
    return jdbc.queryForObject("select count(*) from erasure_audit where respondent_hash = ?", Long.class,
        Respondent.hash("cint", rsid));
  }

  @Test
  void onlyPrivacyOfficersAndAdminsErase() {
    String rsid = UUID.randomUUID().toString();
    for (String user : new String[] {"operator", "approver", "monitor"}) {
      Calls.Answer refused = new Calls(http, user).exchange(HttpMethod.DELETE, "/api/respondents/cint/" + rsid, null);
      assertThat(refused.status()).as(user + ": " + refused.body()).isEqualTo(403);
      JsonNode body = refused.json();
      assertThat(body.path("requiredGroups").toString()).isEqualTo("[\"recontact-privacy\",\"camunda-admin\"]");
      assertThat(refused.body()).as("the refusal does not echo the identifier").doesNotContain(rsid);
    }
    assertThat(audited(rsid)).isZero();

    Calls.Answer officer = new Calls(http, OFFICER).exchange(HttpMethod.DELETE, "/api/respondents/cint/" + rsid,
        null);
    assertThat(officer.status()).as(officer.body()).isEqualTo(200);
    assertThat(officer.json().path("erasedBy").asText()).isEqualTo(OFFICER);
    assertThat(officer.json().path("alreadyErased").asBoolean()).isFalse();
    Calls.Answer admin = new Calls(http, "demo").exchange(HttpMethod.DELETE, "/api/respondents/cint/" + rsid, null);
    assertThat(admin.status()).as(admin.body()).isEqualTo(200);
    assertThat(admin.json().path("alreadyErased").asBoolean()).isTrue();
    assertThat(admin.json().path("rowsErased").asInt()).isZero();
    assertThat(audited(rsid)).isEqualTo(2);
  }

  @Test
  void aPrivacyOfficerMayDoNothingElseUnderApi() {
    Calls officer = new Calls(http, OFFICER);
    assertThat(officer.get("/api/panel/members").status()).isEqualTo(403);
    assertThat(officer.get("/api/toluna/quotas").status()).isEqualTo(403);
    assertThat(officer.postJson("/api/toluna/sweeps", "").status()).isEqualTo(403);
    assertThat(officer.postJson("/api/panel/members", "[]").status()).isEqualTo(403);
  }
}
