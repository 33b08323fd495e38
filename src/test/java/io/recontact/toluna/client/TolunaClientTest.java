package io.recontact.toluna.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Client;
import io.recontact.sandbox.seed.TolunaSandboxData;
import io.recontact.toluna.client.TolunaMessages.Answer;
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

  /** Both sides keep the member call rule, lowered from 1000 ms to keep the tests short. */
  static final Duration SPACING = Duration.ofMillis(200);

  @BeforeEach
  void setUp() {
    admin = RestClient.create("http://localhost:" + port + "/sandbox/toluna/admin");
    admin.post().uri("/reset").retrieve().toBodilessEntity();
    simulatorSpacing(SPACING.toMillis());
    toluna = client("sandbox-toluna-key", 5_000);
  }

  void simulatorSpacing(long millis) {
    admin.post().uri("/settings").contentType(MediaType.APPLICATION_JSON)
        .body("{\"memberCallSpacingMillis\": " + millis + "}").retrieve().toBodilessEntity();
  }

  TolunaClient client(String key, int pageSize) {
    return client(key, pageSize, SPACING);
  }

  TolunaClient client(String key, int pageSize, Duration spacing) {
    TolunaProperties properties = new TolunaProperties("", "", key, TolunaSandboxData.panelGuids(),
        Duration.ofSeconds(2), Duration.ofSeconds(5), pageSize, spacing);
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
        Duration.ofSeconds(2), Duration.ofMillis(300), 100, SPACING);
    String base = "http://localhost:" + port + "/sandbox/toluna";
    TolunaClient client = TolunaClients.create(impatient, () -> base, () -> base, new Client.Default(null, null));
    admin.post().uri("/faults").contentType(MediaType.APPLICATION_JSON)
        .body("{\"route\":\"GetQuotas\",\"status\":200,\"delayMillis\":1500,\"count\":1}").retrieve()
        .toBodilessEntity();
    assertThatThrownBy(() -> client.getQuotas(PANEL, true)).isInstanceOf(feign.RetryableException.class);
  }

  static Member member(String code, Boolean active, String postal, RegistrationAnswer... answers) {
    return new Member(PANEL, code, active, "6/21/1992", postal, null, null, answers.length == 0 ? null
        : List.of(answers));
  }

  static RegistrationAnswer answer(long question, long... ids) {
    return new RegistrationAnswer(question, java.util.Arrays.stream(ids).mapToObj(id -> new Answer(id, null)).toList());
  }

  static String answers(Member member) {
    return member.registrationAnswers().stream().map(a -> a.questionId() + "=" + a.answers().stream()
        .map(x -> String.valueOf(x.answerId())).toList()).toList().toString();
  }

  @Test
  void memberManagementAddGetAndUpdate() {
    assertThat(toluna.getMember(PANEL, "NOBODY-1")).isEmpty();
    assertThat(toluna.addMember(member("M-77", null, "15235", answer(1001007, 2000246)))).isTrue();
    assertThat(toluna.addMember(member("M-77", null, "15235"))).as("409: exists").isFalse();

    Member member = toluna.getMember(PANEL, "M-77").orElseThrow();
    assertThat(member.memberCode()).isEqualTo("M-77");
    assertThat(member.isActive()).isTrue();
    assertThat(member.birthDate()).isEqualTo("6/21/1992");
    toluna.updateMember(new Member(PANEL, "M-77", false, null, "10001", null, null, null));
    Member updated = toluna.getMember(PANEL, "M-77").orElseThrow();
    assertThat(updated.isActive()).isFalse();
    assertThat(updated.postalCode()).isEqualTo("10001");
    assertThat(updated.birthDate()).isEqualTo("6/21/1992");
    assertThat(answers(updated)).isEqualTo("[1001007=[2000246]]");
  }

  @Test
  void updateOfOneQuestionKeepsTheOtherAnswers() {
    toluna.addMember(member("M-78", true, "15235", answer(1001007, 2000247), answer(1012227, 3055267, 3055271)));
    toluna.updateMember(new Member(PANEL, "M-78", null, null, null, null, null, List.of(answer(1012227, 3055268))));
    Member updated = toluna.getMember(PANEL, "M-78").orElseThrow();
    assertThat(answers(updated)).isEqualTo("[1001007=[2000247], 1012227=[3055268]]");
    assertThat(updated.postalCode()).isEqualTo("15235");
  }

  @Test
  void consecutiveCallsForOneMemberSucceedBecauseTheClientSpacesThem() {
    // The simulator refuses member calls closer than its spacing: a client that does not wait fails ...
    simulatorSpacing(60_000);
    TolunaClient hasty = client("sandbox-toluna-key", 100, Duration.ZERO);
    assertThat(hasty.addMember(member("M-79", true, "15235"))).isTrue();
    assertThatThrownBy(() -> hasty.getMember(PANEL, "M-79")).isInstanceOfSatisfying(TolunaApiException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.detail()).contains("must be at least 60000 ms apart");
    });

    // ... while the client keeping the same spacing as Toluna gets add, GET, PUT, GET through back to back.
    simulatorSpacing(SPACING.toMillis());
    assertThat(toluna.addMember(member("M-80", true, "15235"))).isTrue();
    Member got = toluna.getMember(PANEL, "M-80").orElseThrow();
    toluna.updateMember(new Member(PANEL, "M-80", !got.isActive(), null, null, null, null, null));
    assertThat(toluna.getMember(PANEL, "M-80").orElseThrow().isActive()).isFalse();
    assertThat(admin.get().uri("/state").retrieve().body(com.fasterxml.jackson.databind.JsonNode.class)
        .path("calls").path("GetMember").asInt()).isEqualTo(3);
  }

  static void assertResultCode(Runnable call, TolunaResultCode expected) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(TolunaApiException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.resultCode()).isEqualTo(expected);
    });
  }
}
