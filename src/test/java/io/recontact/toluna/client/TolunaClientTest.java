package io.recontact.toluna.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Client;
import io.recontact.sandbox.TolunaSandboxData;
import io.recontact.toluna.client.TolunaMessages.Invite;
import io.recontact.toluna.client.TolunaMessages.Member;
import io.recontact.toluna.client.TolunaMessages.RegistrationAnswer;
import io.recontact.toluna.model.GetQuotasResponse;
import io.recontact.toluna.model.Quota;
import io.recontact.toluna.model.Survey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/** The real Feign client against the Toluna simulator over HTTP: every route and the documented result codes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class TolunaClientTest {

  static final String PANEL = TolunaSandboxData.PANEL_A;

  @LocalServerPort
  int port;

  RestClient admin;
  TolunaClient toluna;

  @BeforeEach
  void setUp() {
    admin = RestClient.create("http://localhost:" + port + "/sandbox/toluna/admin");
    admin.post().uri("/reset").retrieve().toBodilessEntity();
    toluna = client("sandbox-toluna-key", 5_000);
  }

  TolunaClient client(String key, int pageSize) {
    TolunaProperties properties = new TolunaProperties("", "", key, TolunaSandboxData.panelGuids(),
        Duration.ofSeconds(2), Duration.ofSeconds(5), pageSize);
    String base = "http://localhost:" + port + "/sandbox/toluna";
    return TolunaClients.create(properties, () -> base, () -> base, new Client.Default(null, null));
  }

  @Test
  void quotasShowTheRecontactSurveysThisPanelHasMembersFor() {
    GetQuotasResponse quotas = toluna.getQuotas(PANEL, true);
    List<Long> recontactQuotas = quotas.surveys().stream()
        .filter(survey -> Boolean.TRUE.equals(survey.isSurveyRecontact()))
        .flatMap(survey -> survey.quotas().stream()).map(Quota::quotaId).toList();
    assertThat(recontactQuotas).containsExactlyInAnyOrder((long) TolunaSandboxData.QUOTA_FEMALE_18_34,
        (long) TolunaSandboxData.QUOTA_MALE_35_54, (long) TolunaSandboxData.QUOTA_POSTAL_18_99);
    assertThat(quotas.surveys()).extracting(Survey::surveyId).doesNotContain(3_100_004L);

    Quota status = toluna.getQuotaStatus(PANEL, TolunaSandboxData.QUOTA_FEMALE_18_34);
    assertThat(status.quotaId()).isEqualTo(TolunaSandboxData.QUOTA_FEMALE_18_34);
    assertThat(status.layers()).isNotEmpty();
  }

  @Test
  void pagerReturnsEvery25000CodesExactlyOnce() {
    List<String> codes = IntStream.rangeClosed(1, 25_000).mapToObj(i -> String.format("PG-%05d", i)).toList();
    admin.put().uri("/panels/{panel}/recontact/{quota}/members", PANEL, TolunaSandboxData.QUOTA_FEMALE_18_34)
        .contentType(MediaType.APPLICATION_JSON).body(codes).retrieve().toBodilessEntity();

    List<List<String>> pages = new ArrayList<>();
    toluna.forEachRecontactMemberCodePage(PANEL, TolunaSandboxData.QUOTA_FEMALE_18_34, pages::add);

    assertThat(pages).hasSize(5).allSatisfy(page -> assertThat(page).hasSize(5_000));
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(codes);
  }

  @Test
  void invitesAreFreshUrlsAndOnlyForListedMembers() {
    String member = TolunaSandboxData.memberCodes(PANEL).get(TolunaSandboxData.QUOTA_FEMALE_18_34).get(2);
    Invite first = toluna.generateInvite(PANEL, member, TolunaSandboxData.QUOTA_FEMALE_18_34);
    Invite second = toluna.generateInvite(PANEL, member, TolunaSandboxData.QUOTA_FEMALE_18_34);
    assertThat(first.url()).startsWith("https://").isNotEqualTo(second.url());
    assertThat(first.quotaId()).isEqualTo(TolunaSandboxData.QUOTA_FEMALE_18_34);
    assertThat(first.surveyId()).isNotNull();

    assertResultCode(() -> toluna.generateInvite(PANEL, TolunaSandboxData.UNKNOWN_CODES.get(0),
        TolunaSandboxData.QUOTA_FEMALE_18_34), TolunaResultCode.MEMBER_GID_NOT_AVAILABLE);
  }

  @Test
  void documentedResultCodesComeBackTyped() {
    assertResultCode(() -> toluna.getQuotas("00000000-0000-0000-0000-000000000000", true),
        TolunaResultCode.PANEL_DOES_NOT_EXIST);
    assertResultCode(() -> toluna.getQuotas("not-a-guid", true), TolunaResultCode.PANEL_DOES_NOT_EXIST);
    assertResultCode(() -> toluna.getRecontactMemberCodes(PANEL, TolunaSandboxData.QUOTA_ADHOC, 10, null),
        TolunaResultCode.SURVEY_NOT_FOR_RECONTACT);
    assertResultCode(() -> toluna.getRecontactMemberCodes(PANEL, 999_999, 10, null), TolunaResultCode.NO_QUOTA_ID);

    admin.post().uri("/quotas/{quota}/status", TolunaSandboxData.QUOTA_MALE_35_54)
        .contentType(MediaType.APPLICATION_JSON).body("{\"IsLive\": false}").retrieve().toBodilessEntity();
    assertResultCode(() -> toluna.getRecontactMemberCodes(PANEL, TolunaSandboxData.QUOTA_MALE_35_54, 10, null),
        TolunaResultCode.QUOTA_NOT_LIVE);
    String member = TolunaSandboxData.memberCodes(PANEL).get(TolunaSandboxData.QUOTA_MALE_35_54).get(0);
    assertResultCode(() -> toluna.generateInvite(PANEL, member, TolunaSandboxData.QUOTA_MALE_35_54),
        TolunaResultCode.QUOTA_NOT_LIVE);
  }

  @Test
  void wrongKeyIsForbiddenAndServerErrorsAreTechnical() {
    assertThatThrownBy(() -> client("wrong-key", 100).getQuotas(PANEL, true))
        .isInstanceOfSatisfying(TolunaApiException.class, e -> {
          assertThat(e.isBadKey()).isTrue();
          assertThat(e.getMessage()).doesNotContain("wrong-key");
        });
    admin.post().uri("/faults").contentType(MediaType.APPLICATION_JSON)
        .body("{\"route\":\"GetQuotas\",\"status\":500,\"count\":1}").retrieve().toBodilessEntity();
    assertThatThrownBy(() -> toluna.getQuotas(PANEL, true))
        .isInstanceOfSatisfying(TolunaApiException.class, e -> assertThat(e.isTechnical()).isTrue());
    assertThat(toluna.getQuotas(PANEL, true).surveys()).isNotEmpty();
  }

  @Test
  void slowAnswerTimesOutAsATechnicalFailure() {
    TolunaProperties impatient = new TolunaProperties("", "", "sandbox-toluna-key", TolunaSandboxData.panelGuids(),
        Duration.ofSeconds(2), Duration.ofMillis(300), 100);
    String base = "http://localhost:" + port + "/sandbox/toluna";
    TolunaClient client = TolunaClients.create(impatient, () -> base, () -> base, new Client.Default(null, null));
    admin.post().uri("/faults").contentType(MediaType.APPLICATION_JSON)
        .body("{\"route\":\"GetQuotas\",\"status\":200,\"delayMillis\":1500,\"count\":1}").retrieve()
        .toBodilessEntity();
    assertThatThrownBy(() -> client.getQuotas(PANEL, true)).isInstanceOf(feign.RetryableException.class);
  }

  @Test
  void memberManagementGetAndUpdate() {
    assertThat(toluna.getMember(PANEL, "NOBODY-1")).isEmpty();
    RestClient.create("http://localhost:" + port + "/sandbox/toluna").post()
        .uri("/IntegratedPanelService/api/Respondent").header("Accept", "application/json;version=2.0")
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"PartnerGUID\":\"" + PANEL + "\",\"MemberCode\":\"M-77\",\"BirthDate\":\"6/21/1992\","
            + "\"RegistrationAnswers\":[{\"QuestionID\":1001007,\"Answers\":[{\"AnswerID\":2000246}]}]}")
        .retrieve().toBodilessEntity();

    Member member = toluna.getMember(PANEL, "M-77").orElseThrow();
    assertThat(member.memberCode()).isEqualTo("M-77");
    toluna.updateMember(new Member(PANEL, "M-77", false, null, "10001", null, null,
        List.of(new RegistrationAnswer(1001007, List.of(new TolunaMessages.Answer(2000247, null))))));
    Member updated = toluna.getMember(PANEL, "M-77").orElseThrow();
    assertThat(updated.isActive()).isFalse();
    assertThat(updated.postalCode()).isEqualTo("10001");
  }

  static void assertResultCode(Runnable call, TolunaResultCode expected) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(TolunaApiException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.resultCode()).isEqualTo(expected);
    });
  }
}
