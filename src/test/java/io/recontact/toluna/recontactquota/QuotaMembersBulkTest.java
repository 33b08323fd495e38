package io.recontact.toluna.recontactquota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recontact.panel.PanelMember;
import io.recontact.panel.PanelMembers;
import io.recontact.storage.MigratedDatabases;
import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.recontactquota.QuotaMembers.StateChange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The member tables' bulk writes, on H2 and PostgreSQL: pages stored once however often a code comes (PostgreSQL skips
 * stored codes as it inserts, H2 looks them up first), fine codes stored VALID, states set with their reasons (a run
 * of members by range), and survey claims across more than one look-up chunk with some members held by another quota
 * (PostgreSQL claims first, H2 looks up first).
 */
class QuotaMembersBulkTest {

  static final String PANEL = "8f1b7c1e-0000-4000-8000-0000000b0001";
  static MigratedDatabases databases;

  @BeforeAll
  static void start() throws Exception {
    databases = new MigratedDatabases();
  }

  @AfterAll
  static void stop() throws Exception {
    databases.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void pagesStoreEachCodeOnceAndCountOnlyNewOnes(String database) {
    QuotaMembers members = members(database);
    long quota = 1;
    List<String> first = codes("P", 0, 1_200);
    assertThat(members.storePage(PANEL, quota, first, "P-1199")).isEqualTo(1_200);
    List<String> second = new ArrayList<>(codes("P", 1_100, 1_300));
    second.add("P-1250");
    assertThat(members.storePage(PANEL, quota, second, null)).as("100 new of 201, one twice in the page")
        .isEqualTo(100);
    assertThat(members.storePage(PANEL, quota, first, null)).as("a page stored again").isZero();
    assertThat(members.countByState(PANEL, quota)).containsExactly(Map.entry(QuotaMemberState.RECEIVED, 1_300L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void codesWhoseDirectoryEntryIsFineAreStoredValidTheRestAwaitValidation(String database) {
    DataSource db = databases.get(database);
    List<String> codes = codes("D" + database.charAt(0), 0, 250);
    List<PanelMember> directory = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      directory.add(new PanelMember(codes.get(i), i % 50 == 1 ? PanelMember.Status.INACTIVE : PanelMember.Status.ACTIVE,
          i % 50 == 2 ? null : LocalDate.of(1990, 1, 1), null,
          i % 50 == 3 ? Map.of() : Map.of(PanelMember.GENDER_QUESTION, Set.of(2000246L))));
    }
    new PanelMembers(new JdbcTemplate(db), new DataSourceTransactionManager(db)).upsertAll(directory);
    QuotaMembers members = members(database);

    assertThat(members.storePage(PANEL, 8, codes, null)).isEqualTo(250);
    assertThat(members.countByState(PANEL, 8)).as("5 x 3 not fine, 10 unknown").containsExactly(
        Map.entry(QuotaMemberState.RECEIVED, 25L), Map.entry(QuotaMemberState.VALID, 225L));
    assertThat(members.validate(PANEL, 8)).containsOnly(Map.entry("INACTIVE", 5),
        Map.entry("MISSING_REQUIRED_PROFILE", 10), Map.entry("UNKNOWN_MEMBER", 10));
    assertThat(members.countByState(PANEL, 8)).containsExactly(Map.entry(QuotaMemberState.VALID, 225L),
        Map.entry(QuotaMemberState.EXCEPTION, 25L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void statesAreSetWithTheirReasons(String database) {
    QuotaMembers members = members(database);
    long quota = 2;
    List<String> all = codes("S", 0, 1_060);
    members.storePage(PANEL, quota, all, null);
    List<StateChange> changes = new ArrayList<>();
    all.subList(0, 1_030).forEach(code -> changes.add(new StateChange(code, QuotaMemberState.MATCHED, null,
        "matched")));
    all.subList(1_030, 1_055).forEach(code -> changes.add(new StateChange(code, QuotaMemberState.EXCEPTION,
        "INACTIVE", "became INACTIVE")));
    all.subList(1_055, 1_060).forEach(code -> changes.add(new StateChange(code, QuotaMemberState.NOT_MATCHED,
        "NOT_TARGETED", "age of " + code)));

    members.setStates(PANEL, quota, changes);

    Map<String, String> expected = new HashMap<>();
    changes.forEach(c -> expected.put(c.memberCode(), c.state() + " " + c.reasonCode() + " " + c.reason()));
    assertThat(states(database, quota)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void aRunOfMembersGetsItsStatesTheCommonestByRange(String database) {
    QuotaMembers members = members(database);
    long quota = 5;
    List<String> all = valid(members, quota, codes("R", 0, 3_000));
    List<String> run = all.subList(1_000, 2_000);
    List<StateChange> changes = new ArrayList<>();
    for (int i = 0; i < run.size(); i++) {
      changes.add(i % 10 == 3 ? new StateChange(run.get(i), QuotaMemberState.NOT_MATCHED, "NOT_TARGETED", "age " + i)
          : i % 100 == 7 ? new StateChange(run.get(i), QuotaMemberState.EXCEPTION, "INACTIVE", "became INACTIVE")
          : new StateChange(run.get(i), QuotaMemberState.MATCHED, null, "matched"));
    }

    members.setStatesOfRun(PANEL, quota, QuotaMemberState.VALID, changes);

    Map<String, String> expected = new HashMap<>();
    all.forEach(code -> expected.put(code, "VALID null null"));
    changes.forEach(c -> expected.put(c.memberCode(), c.state() + " " + c.reasonCode() + " " + c.reason()));
    assertThat(states(database, quota)).as("the run's members set, those before and after it untouched")
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void aRunThatChangedMeanwhileIsRefused(String database) {
    QuotaMembers members = members(database);
    long quota = 6;
    List<String> all = valid(members, quota, codes("X", 0, 50));
    List<StateChange> changes = new ArrayList<>();
    all.forEach(code -> changes.add(new StateChange(code, QuotaMemberState.MATCHED, null, "matched")));
    changes.remove(20);

    assertThatThrownBy(() -> members.setStatesOfRun(PANEL, quota, QuotaMemberState.VALID, changes))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("49 members in state VALID expected")
        .hasMessageContaining("50 found").hasMessageNotContaining("X-0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void claimsSkipMembersAnotherQuotaOfTheSurveyHolds(String database) {
    QuotaMembers members = members(database);
    SurveyClaims claims = new SurveyClaims(new JdbcTemplate(databases.get(database)));
    long survey = 7;
    List<String> matched = codes("C", 0, 1_500);
    members.storePage(PANEL, 3, matched, null);
    members.setStates(PANEL, 3, matched.stream().map(code -> new StateChange(code, QuotaMemberState.MATCHED, null,
        "matched")).toList());
    List<String> held = List.of("C-0003", "C-1001", "C-1499");
    claims.claim(PANEL, 4, survey, held);

    claims.claim(PANEL, 3, survey, matched);
    claims.claim(PANEL, 3, survey, matched);

    assertThat(members.codesIn(PANEL, 3, QuotaMemberState.OTHER_QUOTA, 10)).containsExactlyElementsOf(held);
    assertThat(members.countByState(PANEL, 3)).containsEntry(QuotaMemberState.MATCHED, 1_497L);
    JdbcTemplate jdbc = new JdbcTemplate(databases.get(database));
    assertThat(jdbc.queryForObject("select count(*) from toluna_survey_member where panel_guid = ? and survey_id = ?"
        + " and quota_id = 3", Long.class, PANEL, survey)).isEqualTo(1_497);
  }

  private static QuotaMembers members(String database) {
    DataSource db = databases.get(database);
    return new QuotaMembers(new JdbcTemplate(db), new DataSourceTransactionManager(db));
  }

  /** {@code codes} stored in {@code quota}, all VALID (none is in the directory). */
  private static List<String> valid(QuotaMembers members, long quota, List<String> codes) {
    members.storePage(PANEL, quota, codes, null);
    members.setStates(PANEL, quota, codes.stream().map(code -> new StateChange(code, QuotaMemberState.VALID, null,
        null)).toList());
    return codes;
  }

  private static Map<String, String> states(String database, long quota) {
    Map<String, String> states = new HashMap<>();
    new JdbcTemplate(databases.get(database)).query("select member_code, state, reason_code, reason from "
        + "toluna_quota_member where panel_guid = ? and quota_id = ?", rs -> {
          states.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
        }, PANEL, quota);
    return states;
  }

  private static List<String> codes(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> String.format("%s-%04d", prefix, i)).toList();
  }
}
