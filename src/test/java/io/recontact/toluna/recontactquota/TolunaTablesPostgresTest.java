package io.recontact.toluna.recontactquota;

import io.recontact.toluna.QuotaMemberState;
import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.panel.PanelMember;
import io.recontact.panel.PanelMembers;
import io.recontact.toluna.client.TolunaMessages.Invite;
import io.recontact.toluna.delivery.DeliveryProperties;
import io.recontact.toluna.delivery.DeliveryRound;
import io.recontact.toluna.delivery.InviteChannel;
import io.recontact.toluna.delivery.InviteOutbox;
import io.recontact.toluna.eligibility.MemberEligibility.ReasonCode;
import io.recontact.toluna.inventory.QuotaInventory;
import io.recontact.toluna.model.GetQuotasResponse;
import io.recontact.toluna.model.TolunaJson;
import io.recontact.toluna.recontactquota.Invites.Generated;
import io.recontact.toluna.recontactquota.QuotaMembers.StateChange;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The Toluna flows' SQL on PostgreSQL, production's database: inventory, paging, set-based validation, the survey
 * claim, batched invites with their outbox rows, and a delivery round. No Spring context, to stay quick.
 */
class TolunaTablesPostgresTest {

  static final String PANEL = "5B1E3C2A-7D4F-4E8B-9A61-2C3D4E5F6A01";

  static EmbeddedPostgres postgres;
  static JdbcTemplate jdbc;
  static DataSourceTransactionManager transactions;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    DataSource dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).table("recontact_schema_history").load().migrate();
    jdbc = new JdbcTemplate(dataSource);
    transactions = new DataSourceTransactionManager(dataSource);
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void aQuotaFromInventoryToDeliveredInvites() throws Exception {
    QuotaInventory inventory = new QuotaInventory(jdbc);
    GetQuotasResponse response = TolunaJson.mapper().readValue("""
        {"Surveys": [{"SurveyID": 1, "WaveID": 2, "SurveyName": "S", "IsSurveyRecontact": true, "Quotas": [
          {"QuotaID": 11, "Layers": []}, {"QuotaID": 12, "Layers": []}]}]}""", GetQuotasResponse.class);
    assertThat(inventory.apply(PANEL, response, Instant.now())).extracting(QuotaInventory.Change::kind)
        .containsOnly(QuotaInventory.Kind.NEW);
    assertThat(inventory.apply(PANEL, response, Instant.now())).extracting(QuotaInventory.Change::kind)
        .containsOnly(QuotaInventory.Kind.UNCHANGED);
    assertThat(inventory.find(PANEL, 11)).get().extracting(QuotaInventory.StoredQuota::surveyName).isEqualTo("S");

    new PanelMembers(jdbc, transactions).upsertAll(List.of(
        member("PG-1", PanelMember.Status.ACTIVE, LocalDate.of(1990, 1, 1)),
        member("PG-2", PanelMember.Status.ACTIVE, LocalDate.of(1991, 1, 1)),
        member("PG-3", PanelMember.Status.OPTED_OUT, LocalDate.of(1992, 1, 1)),
        member("PG-4", PanelMember.Status.ACTIVE, null)));
    QuotaMembers members = new QuotaMembers(jdbc, transactions);
    assertThat(members.storePage(PANEL, 11, List.of("PG-1", "PG-2", "PG-3"), "PG-3")).isEqualTo(3);
    assertThat(members.cursor(PANEL, 11)).isEqualTo("PG-3");
    assertThat(members.storePage(PANEL, 11, List.of("PG-3", "PG-4", "PG-5"), null)).isEqualTo(2);
    assertThat(members.cursor(PANEL, 11)).isNull();

    members.validate(PANEL, 11);
    assertThat(new ValidationExceptions(jdbc).byReason(PANEL, 11)).isEqualTo(Map.of(ReasonCode.OPTED_OUT.name(), 1L,
        ReasonCode.MISSING_REQUIRED_PROFILE.name(), 1L, ReasonCode.UNKNOWN_MEMBER.name(), 1L));
    assertThat(members.codesIn(PANEL, 11, QuotaMemberState.VALID, 10)).containsExactly("PG-1", "PG-2");

    // PG-2 matches quota 12 of the same survey first: quota 11 gets only PG-1.
    members.storePage(PANEL, 12, List.of("PG-2"), null);
    members.setStates(PANEL, 12, List.of(new StateChange("PG-2", QuotaMemberState.MATCHED, null, "matched")));
    new SurveyClaims(jdbc).claim(PANEL, 12, 1, List.of("PG-2"));
    members.setStates(PANEL, 11, List.of(new StateChange("PG-1", QuotaMemberState.MATCHED, null, "matched"),
        new StateChange("PG-2", QuotaMemberState.MATCHED, null, "matched")));
    new SurveyClaims(jdbc).claim(PANEL, 11, 1, List.of("PG-1", "PG-2"));
    assertThat(members.codesIn(PANEL, 11, QuotaMemberState.MATCHED, 10)).containsExactly("PG-1");
    assertThat(members.codesIn(PANEL, 11, QuotaMemberState.OTHER_QUOTA, 10)).containsExactly("PG-2");

    List<String> sent = new ArrayList<>();
    InviteChannel channel = new InviteChannel() {
      @Override
      public DeliveryProperties.Channel kind() {
        return DeliveryProperties.Channel.WEBHOOK;
      }

      @Override
      public void deliver(io.recontact.toluna.delivery.InviteMessage message) {
        synchronized (sent) {
          sent.add(message.memberCode());
        }
      }
    };
    DeliveryProperties delivery = new DeliveryProperties(DeliveryProperties.Channel.WEBHOOK, 3,
        Duration.ofSeconds(30), 2, new DeliveryProperties.Webhook("http://127.0.0.1:9/none", "s", Duration.ofSeconds(1)),
        new DeliveryProperties.Email("a@b.invalid", "s"));
    InviteOutbox outbox = new InviteOutbox(jdbc, transactions, delivery, List.of(channel), 300_000);
    Invites invites = new Invites(jdbc, outbox, transactions);
    Invite invite = new Invite(1L, 2L, 11L, 0.0, 1.5, "https://router.invalid/i?di=1", 10, 50);
    invites.recordAll(PANEL, 11, 1, List.of(new Generated("PG-1", invite)));
    invites.recordAll(PANEL, 11, 1, List.of(new Generated("PG-1", invite)));
    assertThat(jdbc.queryForObject("select count(*) from toluna_invite", Long.class)).as("one invite per member")
        .isEqualTo(1);

    DeliveryRound round = outbox.deliverDue(PANEL, 11, 10, () -> true);
    assertThat(round.delivered()).isEqualTo(1);
    assertThat(round.pendingTotal()).isZero();
    assertThat(sent).containsExactly("PG-1");
    assertThat(outbox.deliverDue(PANEL, 11, 10, () -> true).delivered()).isZero();
    assertThat(members.countByState(PANEL, 11)).containsEntry(QuotaMemberState.DELIVERED, 1L);
  }

  static PanelMember member(String code, PanelMember.Status status, LocalDate birthDate) {
    return new PanelMember(code, status, birthDate, null, Map.of(PanelMember.GENDER_QUESTION, Set.of(2000246L)));
  }
}
