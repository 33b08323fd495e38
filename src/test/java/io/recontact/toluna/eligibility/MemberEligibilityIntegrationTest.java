package io.recontact.toluna.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;

/**
 * The explain endpoint end to end: the sandbox's seeded member directory, the Toluna simulator over HTTP, and the
 * sampling engine. Member codes follow the seeding rule (code number n): n % 20 == 0 outside the targeting,
 * 2 inactive, 3 opted out, 5 unknown to us; most others active and matching.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MemberEligibilityIntegrationTest {

  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final int QUOTA = TolunaSandboxData.QUOTA_FEMALE_18_34;

  @Autowired
  TestRestTemplate http;

  @AfterEach
  void resetToluna() {
    http.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
  }

  JsonNode ask(long quota, String memberCode) {
    var answer = http.withBasicAuth("demo", "demo").getForEntity("/api/toluna/panels/" + PANEL + "/quotas/" + quota
        + "/members/" + memberCode + "/eligibility", JsonNode.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  @Test
  void eachKindOfMemberGetsTheRightAnswer() {
    JsonNode matching = ask(QUOTA, TolunaSandboxData.code(7));
    assertThat(matching.get("eligible").asBoolean()).as(matching.toString()).isTrue();
    assertThat(matching.get("reasonCode").isNull()).isTrue();
    assertThat(matching.get("quotaId").asLong()).isEqualTo(QUOTA);

    assertThat(ask(QUOTA, TolunaSandboxData.code(22)).get("reasonCode").asText()).isEqualTo("INACTIVE");
    assertThat(ask(QUOTA, TolunaSandboxData.code(23)).get("reasonCode").asText()).isEqualTo("OPTED_OUT");
    assertThat(ask(QUOTA, TolunaSandboxData.code(24)).get("reasonCode").asText()).isEqualTo("SUSPENDED");
    assertThat(ask(QUOTA, TolunaSandboxData.code(25)).get("reasonCode").asText()).isEqualTo("UNKNOWN_MEMBER");
    JsonNode outside = ask(QUOTA, TolunaSandboxData.code(40));
    assertThat(outside.get("eligible").asBoolean()).isFalse();
    assertThat(outside.get("reasonCode").asText()).isEqualTo("NOT_TARGETED");
    assertThat(outside.get("reason").asText()).contains("Layer");
    assertThat(ask(QUOTA, TolunaSandboxData.UNKNOWN_CODES.get(0)).get("reasonCode").asText())
        .isEqualTo("NOT_ON_RECONTACT_LIST");
    assertThat(ask(999_999, TolunaSandboxData.code(7)).get("reasonCode").asText()).isEqualTo("QUOTA_NOT_FOUND");
  }

  @Test
  void memberWithoutBirthDateCannotBePlaced() {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    http.exchange("/sandbox/toluna/admin/panels/" + PANEL + "/recontact/" + QUOTA + "/members", HttpMethod.PUT,
        new HttpEntity<>(List.of("NOBIRTH-1"), json), String.class);
    var imported = http.withBasicAuth("demo", "demo").postForEntity("/api/panel/members", new HttpEntity<>(
        "[{\"memberCode\":\"NOBIRTH-1\",\"status\":\"ACTIVE\",\"answers\":{\"1001007\":[2000246]}}]", json),
        JsonNode.class);
    assertThat(imported.getStatusCode()).as(String.valueOf(imported.getBody())).isEqualTo(HttpStatus.OK);

    JsonNode answer = ask(QUOTA, "NOBIRTH-1");
    assertThat(answer.get("reasonCode").asText()).isEqualTo("MISSING_REQUIRED_PROFILE");
    assertThat(answer.get("reason").asText()).contains("birth date");
  }

  @Test
  void anonymousCallersAreRefused() {
    assertThat(http.getForEntity("/api/toluna/panels/" + PANEL + "/quotas/" + QUOTA + "/members/X/eligibility",
        String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
