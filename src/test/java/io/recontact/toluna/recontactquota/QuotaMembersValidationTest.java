package io.recontact.toluna.recontactquota;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.panel.PanelMember;
import io.recontact.panel.PanelMember.Status;
import io.recontact.panel.PanelMembers;
import io.recontact.storage.MigratedDatabases;
import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.recontactquota.QuotaMembers.StateChange;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Validation against the member directory, every reason and its precedence, on H2 and PostgreSQL. */
class QuotaMembersValidationTest {

  static final String PANEL = "8f1b7c1e-0000-4000-8000-00000000a11d";
  static final LocalDate BORN = LocalDate.of(1990, 1, 1);
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
  void eachCodeGetsTheFirstReasonThatAppliesAndTheRestAreValid(String database) {
    DataSource db = databases.get(database);
    JdbcTemplate jdbc = new JdbcTemplate(db);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(db);
    new PanelMembers(jdbc, transactions).upsertAll(List.of(
        member("V-OK", Status.ACTIVE, BORN, true),
        member("V-INACTIVE", Status.INACTIVE, BORN, true),
        member("V-OPTED", Status.OPTED_OUT, null, true),
        member("V-SUSPENDED", Status.SUSPENDED, null, false),
        member("V-NOBIRTH", Status.ACTIVE, null, true),
        member("V-NOGENDER", Status.ACTIVE, BORN, false),
        member("V-EARLIER", Status.INACTIVE, BORN, true)));
    QuotaMembers members = new QuotaMembers(jdbc, transactions);
    long quota = database.hashCode() & 0xffff;
    members.storePage(PANEL, quota, List.of("V-EARLIER"), null);
    members.setStates(PANEL, quota, List.of(new StateChange("V-EARLIER", QuotaMemberState.NOT_MATCHED, null, "x")));
    members.storePage(PANEL, quota, List.of("V-OK", "V-INACTIVE", "V-OPTED", "V-SUSPENDED", "V-NOBIRTH",
        "V-NOGENDER", "V-UNKNOWN"), null);

    Map<String, Integer> found = members.validate(PANEL, quota);

    assertThat(found).containsOnly(Map.entry("UNKNOWN_MEMBER", 1), Map.entry("INACTIVE", 1),
        Map.entry("OPTED_OUT", 1), Map.entry("SUSPENDED", 1), Map.entry("MISSING_REQUIRED_PROFILE", 2));
    Map<String, String> states = new HashMap<>();
    jdbc.query("select member_code, state, reason_code, reason, reviewed from toluna_quota_member where "
        + "panel_guid = ? and quota_id = ?", rs -> {
          states.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3)
              + (rs.getString(4) == null ? "" : " reviewed=" + rs.getBoolean(5) + " " + rs.getString(4)));
        }, PANEL, quota);
    assertThat(states).containsOnly(
        Map.entry("V-OK", "VALID null"),
        Map.entry("V-EARLIER", "NOT_MATCHED null reviewed=false x"),
        Map.entry("V-UNKNOWN", "EXCEPTION UNKNOWN_MEMBER reviewed=false not in our panel's member directory"),
        Map.entry("V-INACTIVE", "EXCEPTION INACTIVE reviewed=false inactive on our panel"),
        Map.entry("V-OPTED", "EXCEPTION OPTED_OUT reviewed=false opted out of our panel: never invited"),
        Map.entry("V-SUSPENDED", "EXCEPTION SUSPENDED reviewed=false suspended on our panel: never invited"),
        Map.entry("V-NOBIRTH", "EXCEPTION MISSING_REQUIRED_PROFILE reviewed=false no birth date or gender: Toluna "
            + "places no member without both"),
        Map.entry("V-NOGENDER", "EXCEPTION MISSING_REQUIRED_PROFILE reviewed=false no birth date or gender: Toluna "
            + "places no member without both"));
    assertThat(new ValidationExceptions(jdbc).unreviewed(PANEL, quota)).isEqualTo(6);
    assertThat(members.validate(PANEL, quota)).as("nothing RECEIVED is left").isEmpty();
  }

  static PanelMember member(String code, Status status, LocalDate birthDate, boolean gender) {
    return new PanelMember(code, status, birthDate, null,
        gender ? Map.of(PanelMember.GENDER_QUESTION, Set.of(2000246L)) : Map.of(7L, Set.of(8L)));
  }
}
