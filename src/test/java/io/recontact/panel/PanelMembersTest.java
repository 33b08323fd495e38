package io.recontact.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recontact.panel.PanelMember.Status;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** JDBC slice on the test profile's H2 database, schema from the real Flyway migration. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
@Import(PanelMembers.class)
// The repository runs its own transactions; they must commit for re-imports to find what the first one stored.
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class PanelMembersTest {

  @Autowired
  PanelMembers members;

  @Autowired
  JdbcTemplate jdbc;

  /** Codes unique per test run: the H2 database may be shared with other test classes. */
  static String code(String suffix) {
    return "T-" + UUID.randomUUID().toString().substring(0, 8) + "-" + suffix;
  }

  @Test
  void storesAndFindsAMemberWithItsAnswers() {
    String code = code("1");
    PanelMember member = new PanelMember(code, Status.ACTIVE, LocalDate.of(1990, 5, 17), " sw1a  1aa ",
        Map.of(PanelMember.GENDER_QUESTION, Set.of(2000246L), 1001101L, Set.of(2003457L, 2003456L)),
        " Ana.Lopez+panel@Mail.Example.COM ");

    assertThat(members.upsertAll(List.of(member))).isEqualTo(new PanelMembers.UpsertResult(1, 0));

    PanelMember found = members.find(code).orElseThrow();
    assertThat(found).isEqualTo(member);
    assertThat(found.postalCode()).isEqualTo("SW1A 1AA");
    assertThat(found.email()).isEqualTo("Ana.Lopez+panel@mail.example.com");
    assertThat(found.genderAnswerId()).isEqualTo(2000246L);
    assertThat(found.answers()).containsOnlyKeys(1001007L, 1001101L);
    assertThat(found.answers().get(1001101L)).containsExactly(2003456L, 2003457L);
    assertThat(found.qualificationAnswers()).isEqualTo(Map.of(1001007L, Set.of("2000246"),
        1001101L, Set.of("2003456", "2003457"), 1001042L, Set.of("SW1A 1AA")));
    assertThat(found.ageOn(LocalDate.of(2026, 5, 16))).hasValue(35);
    assertThat(found.ageOn(LocalDate.of(2026, 5, 17))).hasValue(36);
    assertThat(jdbc.queryForObject("select gender_answer_id from panel_member where member_code = ?", Long.class,
        code)).isEqualTo(2000246L);
    assertThat(members.find("no-such-member")).isEmpty();
  }

  @Test
  void aMemberWithoutOptionalDataHasNoGenderAgeOrPostalCode() {
    String code = code("bare");
    members.upsertAll(List.of(new PanelMember(code, Status.OPTED_OUT, null, "  ", null)));

    PanelMember found = members.find(code).orElseThrow();
    assertThat(found.status()).isEqualTo(Status.OPTED_OUT);
    assertThat(found.birthDate()).isNull();
    assertThat(found.postalCode()).isNull();
    assertThat(found.email()).isNull();
    assertThat(found.genderAnswerId()).isNull();
    assertThat(found.answers()).isEmpty();
    assertThat(found.qualificationAnswers()).isEmpty();
    assertThat(found.ageOn(LocalDate.now())).isEmpty();
  }

  @Test
  void upsertingAKnownMemberReplacesItsDataAndAnswers() {
    String code = code("again");
    String other = code("other");
    members.upsertAll(List.of(
        new PanelMember(code, Status.ACTIVE, LocalDate.of(1980, 1, 1), "10001",
            Map.of(1001007L, Set.of(2000246L), 1001101L, Set.of(2003456L)), "old@panel.example"),
        new PanelMember(other, Status.ACTIVE, null, null, Map.of(1001101L, Set.of(1L)))));
    long before = members.count();

    PanelMember changed = new PanelMember(code, Status.SUSPENDED, LocalDate.of(1981, 2, 2), "01001",
        Map.of(1001007L, Set.of(2000247L)), "new@panel.example");
    String fresh = code("fresh");
    PanelMembers.UpsertResult result = members.upsertAll(List.of(changed,
        new PanelMember(fresh, Status.INACTIVE, null, null, Map.of())));

    assertThat(result).isEqualTo(new PanelMembers.UpsertResult(1, 1));
    assertThat(members.count()).isEqualTo(before + 1);
    assertThat(members.find(code)).contains(changed);
    assertThat(members.find(code).orElseThrow().postalCode()).isEqualTo("01001");
    assertThat(members.find(code).orElseThrow().email()).isEqualTo("new@panel.example");
    assertThat(members.find(other).orElseThrow().answers()).isEqualTo(Map.of(1001101L, Set.of(1L)));
    assertThat(jdbc.queryForObject("select count(*) from panel_member_answer where member_code = ?", Integer.class,
        code)).isEqualTo(1);
  }

  @Test
  void refusesRepeatedCodesAndInvalidMembers() {
    String code = code("dup");
    PanelMember member = new PanelMember(code, Status.ACTIVE, null, null, null);
    assertThatThrownBy(() -> members.upsertAll(List.of(member, member)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
    assertThat(members.find(code)).isEmpty();

    assertThatThrownBy(() -> new PanelMember(" ", Status.ACTIVE, null, null, null))
        .hasMessageContaining("member code");
    assertThatThrownBy(() -> new PanelMember("x", null, null, null, null)).hasMessageContaining("status");
    assertThatThrownBy(() -> new PanelMember("x", Status.ACTIVE, null, null, Map.of(1001007L, Set.of(1L, 2L))))
        .hasMessageContaining("gender");
    assertThatThrownBy(() -> new PanelMember("x", Status.ACTIVE, null, null, Map.of(1001042L, Set.of(10001L))))
        .hasMessageContaining("postalCode");
    assertThatThrownBy(() -> new PanelMember("x", Status.ACTIVE, null, null, Map.of(1001101L, Set.of())))
        .hasMessageContaining("no AnswerIDs");
  }

  @Test
  void emailAddressesAreCheckedAndTheirDomainLowerCased() {
    assertThat(PanelMember.normaliseEmail("  ")).isNull();
    assertThat(PanelMember.normaliseEmail(" TS-000123@Panel.Example ")).isEqualTo("TS-000123@panel.example");
    assertThat(PanelMember.normaliseEmail("o'brien.j+x@sub.panel.example")).isEqualTo("o'brien.j+x@sub.panel.example");
    assertThat(PanelMember.normaliseEmail("a@xn--bcher-kva.example")).isEqualTo("a@xn--bcher-kva.example");
    for (String bad : List.of("plain", "@panel.example", "a@", "a@@panel.example", "a b@panel.example",
        ".a@panel.example", "a..b@panel.example", "a.@panel.example", "a@localhost", "a@-panel.example",
        "a@panel..example", "a@panel.example.", "a@panel_x.example", "\"a\"@panel.example", "a@panel.e1")) {
      assertThatThrownBy(() -> PanelMember.normaliseEmail(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad e-mail address");
    }
    String longLocal = "x".repeat(65) + "@panel.example";
    assertThatThrownBy(() -> PanelMember.normaliseEmail(longLocal)).hasMessageContaining("1 to 64");
    String label = "d".repeat(62);
    String longAddress = "x@" + label + "." + label + "." + label + "." + label + ".example";
    assertThatThrownBy(() -> PanelMember.normaliseEmail(longAddress)).hasMessageContaining("longer than 254");
    assertThatThrownBy(() -> new PanelMember("x", Status.ACTIVE, null, null, null, "nope"))
        .hasMessageContaining("bad e-mail address 'nope'");
  }

  /** Correctness at volume (chunked statements and IN lists); speed belongs in a benchmark, not here. */
  @Test
  void upsertsAndReadsBack20000Members() {
    String prefix = code("big-");
    List<PanelMember> all = new ArrayList<>(20_000);
    for (int i = 0; i < 20_000; i++) {
      all.add(new PanelMember(prefix + i, i % 10 == 0 ? Status.INACTIVE : Status.ACTIVE,
          LocalDate.of(1950 + i % 50, 1 + i % 12, 1 + i % 28), Integer.toString(10_000 + i % 90_000),
          Map.of(1001007L, Set.of(2000246L + i % 2), 1001101L, Set.of(2003456L + i % 7, 2003500L))));
    }
    long before = members.count();

    assertThat(members.upsertAll(all)).isEqualTo(new PanelMembers.UpsertResult(20_000, 0));
    assertThat(members.count()).isEqualTo(before + 20_000);

    List<PanelMember> changed = new ArrayList<>(all.size());
    for (PanelMember m : all) {
      changed.add(new PanelMember(m.memberCode(), Status.OPTED_OUT, m.birthDate(), m.postalCode(),
          Map.of(1001007L, Set.of(2000246L))));
    }
    assertThat(members.upsertAll(changed)).isEqualTo(new PanelMembers.UpsertResult(0, 20_000));
    assertThat(members.count()).isEqualTo(before + 20_000);

    List<String> codes = all.stream().map(PanelMember::memberCode).toList();
    Map<String, PanelMember> found = members.findAll(codes);
    assertThat(found).hasSize(20_000);
    assertThat(found.get(prefix + 19_999)).isEqualTo(changed.get(19_999));
    assertThat(found.values()).allMatch(m -> m.status() == Status.OPTED_OUT && m.answers().size() == 1);
  }

  @Test
  void findAllSkipsUnknownCodes() {
    String a = code("a");
    members.upsertAll(List.of(new PanelMember(a, Status.ACTIVE, null, null, null)));
    List<String> asked = new ArrayList<>();
    asked.add(a);
    asked.add("unknown-" + a);
    asked.add(null);
    asked.add(a);
    assertThat(members.findAll(asked)).containsOnlyKeys(a);
    assertThat(members.findAll(List.of())).isEmpty();
  }
}
