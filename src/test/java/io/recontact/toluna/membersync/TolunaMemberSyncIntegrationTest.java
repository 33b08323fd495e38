package io.recontact.toluna.membersync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.panel.PanelMember;
import io.recontact.panel.PanelMembers;
import io.recontact.sandbox.seed.TolunaSandboxData;
import io.recontact.toluna.client.TolunaApiException;
import io.recontact.toluna.client.TolunaClient;
import io.recontact.toluna.client.TolunaMessages.Answer;
import io.recontact.toluna.client.TolunaMessages.Member;
import io.recontact.toluna.client.TolunaMessages.RegistrationAnswer;
import io.recontact.toluna.membersync.TolunaMemberSync.SyncResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The member sync against the Toluna simulator over HTTP, with the sandbox's seeded directory (code number n:
 * n % 20 == 2 inactive, 5 not in our directory, most others active). Both sides keep the 1000 ms member call rule.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TolunaMemberSyncIntegrationTest {

  static final String PANEL = TolunaSandboxData.PANEL_A;

  @Autowired TestRestTemplate http;
  @Autowired TolunaMemberSync sync;
  @Autowired TolunaClient toluna;
  @Autowired PanelMembers directory;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void reset() {
    http.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
    jdbc.update("delete from toluna_member_sync where panel_guid = ?", PANEL);
  }

  Map<String, Integer> memberCalls() {
    JsonNode calls = http.getForObject("/sandbox/toluna/admin/state", JsonNode.class).path("calls");
    return Map.of("GetMember", calls.path("GetMember").asInt(), "AddMember", calls.path("AddMember").asInt(),
        "UpdateMember", calls.path("UpdateMember").asInt());
  }

  void fault(String route, int status) {
    fault(route, status, 1);
  }

  void fault(String route, int status, int count) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    http.postForEntity("/sandbox/toluna/admin/faults", new HttpEntity<>("{\"route\":\"" + route + "\",\"status\":"
        + status + ",\"count\":" + count + "}", headers), String.class);
  }

  static Map<Long, Set<Long>> answers(Member member) {
    return member.registrationAnswers().stream().collect(Collectors.toMap(RegistrationAnswer::questionId,
        a -> a.answers().stream().map(Answer::answerId).collect(Collectors.toSet()), (a, b) -> a, TreeMap::new));
  }

  @Test
  void addsOrUpdatesOnceThenCostsNoCallUntilAMemberChanges() {
    String added = TolunaSandboxData.code(106);
    String inactive = TolunaSandboxData.code(102);
    String stale = TolunaSandboxData.code(107);
    String changing = TolunaSandboxData.code(108);
    String unknown = TolunaSandboxData.code(105);
    List<String> codes = List.of(added, inactive, stale, changing, unknown);
    PanelMember ours = directory.find(stale).orElseThrow();
    // Toluna already knows one member, with an old postal code and an answer of its own (country 1001001)
    assertThat(toluna.addMember(new Member(PANEL, stale, true, MemberProfiles.TOLUNA_DATE.format(ours.birthDate()),
        "99999", null, null, List.of(new RegistrationAnswer(1001001, List.of(new Answer(2000223, null))),
            new RegistrationAnswer(PanelMember.GENDER_QUESTION, List.of(new Answer(ours.genderAnswerId(), null)))))))
        .isTrue();

    assertThat(sync.sync(PANEL, codes)).isEqualTo(new SyncResult(0, 3, 1, 1));
    Member staleNow = toluna.getMember(PANEL, stale).orElseThrow();
    assertThat(staleNow.postalCode()).isEqualTo(ours.postalCode());
    assertThat(answers(staleNow)).containsEntry(1001001L, Set.of(2000223L))
        .containsEntry(PanelMember.GENDER_QUESTION, Set.of(ours.genderAnswerId()));
    Member inactiveNow = toluna.getMember(PANEL, inactive).orElseThrow();
    PanelMember inactiveOurs = directory.find(inactive).orElseThrow();
    assertThat(inactiveNow.isActive()).isFalse();
    assertThat(inactiveNow.birthDate()).isEqualTo(MemberProfiles.TOLUNA_DATE.format(inactiveOurs.birthDate()))
        .matches("\\d\\d/\\d\\d/\\d{4}");
    assertThat(answers(inactiveNow)).isEqualTo(Map.of(PanelMember.GENDER_QUESTION,
        Set.of(inactiveOurs.genderAnswerId())));
    assertThat(jdbc.queryForList("select member_code from toluna_member_sync where panel_guid = ? order by 1",
        String.class, PANEL)).containsExactly(inactive, added, stale, changing);

    Map<String, Integer> before = memberCalls();
    assertThat(sync.sync(PANEL, codes)).isEqualTo(new SyncResult(4, 0, 0, 1));
    assertThat(memberCalls()).isEqualTo(before);

    PanelMember old = directory.find(changing).orElseThrow();
    Map<Long, Set<Long>> moreAnswers = new TreeMap<>(old.answers());
    moreAnswers.put(1001101L, Set.of(2002275L));
    directory.upsertAll(List.of(new PanelMember(changing, old.status(), old.birthDate(), "60601", moreAnswers)));
    try {
      assertThat(sync.sync(PANEL, codes)).isEqualTo(new SyncResult(3, 0, 1, 1));
      Map<String, Integer> after = memberCalls();
      assertThat(after.get("GetMember")).isEqualTo(before.get("GetMember") + 1);
      assertThat(after.get("UpdateMember")).isEqualTo(before.get("UpdateMember") + 1);
      assertThat(after.get("AddMember")).isEqualTo(before.get("AddMember"));
      Member changed = toluna.getMember(PANEL, changing).orElseThrow();
      assertThat(changed.postalCode()).isEqualTo("60601");
      assertThat(answers(changed)).containsEntry(1001101L, Set.of(2002275L))
          .containsEntry(PanelMember.GENDER_QUESTION, Set.of(old.genderAnswerId()));
    } finally {
      directory.upsertAll(List.of(old));
    }
  }

  @Test
  void aRefusedMemberIsSkippedAndRetriedLaterWhileServerErrorsPropagate() {
    List<String> codes = List.of(TolunaSandboxData.code(126), TolunaSandboxData.code(127));
    fault("AddMember", 400);
    assertThat(sync.sync(PANEL, codes, 2)).isEqualTo(new SyncResult(0, 1, 0, 1));
    assertThat(jdbc.queryForObject("select count(*) from toluna_member_sync where panel_guid = ?", Integer.class,
        PANEL)).isEqualTo(1);
    assertThat(sync.sync(PANEL, codes, 2)).isEqualTo(new SyncResult(1, 1, 0, 0));

    // The client tries a member call recontact.marketplace.retry.attempts (3) times before the error propagates.
    fault("GetMember", 500, 3);
    List<String> fresh = List.of(TolunaSandboxData.code(128));
    assertThatThrownBy(() -> sync.sync(PANEL, fresh)).isInstanceOfSatisfying(TolunaApiException.class,
        e -> assertThat(e.status()).isEqualTo(500));
    assertThat(sync.sync(PANEL, fresh)).isEqualTo(new SyncResult(0, 1, 0, 0));
  }
}
