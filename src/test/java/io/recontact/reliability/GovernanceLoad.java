package io.recontact.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.sandbox.seed.TolunaSandboxData;
import io.recontact.toluna.recontactquota.TolunaGovernanceIntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Caps and the do-not-contact list on a cluster: two surveys with one recontact quota each list the same 40 members;
 * the nodes run with a cap of one contact per member, and one invitable member is suppressed before the sweep. Each
 * quota's review is decided on its own node at the same moment, so the two quotas store their invites at once.
 * {@link #check} reads the shared database and the simulators: what the cap and the list promise.
 */
final class GovernanceLoad {

  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final int MEMBERS = 40;
  static final List<Long> SURVEYS = List.of(3990101L, 3990102L);
  static final List<Long> QUOTAS = List.of(4990101L, 4990102L);

  private final SimulatorAdmin simulators;
  private final String jdbcUrl;
  final List<String> notes = new ArrayList<>();
  String suppressed;

  GovernanceLoad(SimulatorAdmin simulators, String jdbcUrl) {
    this.simulators = simulators;
    this.jdbcUrl = jdbcUrl;
  }

  void prepareSimulators() {
    simulators.resetAll();
    simulators.tolunaInventory(PANEL, TolunaGovernanceIntegrationTest.inventory(SURVEYS, QUOTAS));
    for (long quota : QUOTAS) {
      simulators.tolunaRecontactList(PANEL, quota, MixedLoad.codes());
    }
  }

  /** Suppresses the first member of the list the flow would invite (active, birth date and gender known). */
  void suppressOne(EngineApi engine) {
    suppressed = query("select member_code from panel_member where status = 'ACTIVE' and birth_date is not null "
        + "and gender_answer_id is not null and member_code in (" + quotedCodes() + ") order by member_code")
        .get(0).get(0);
    engine.rest().send("POST", "/api/suppressions", "application/json", ("{\"marketplace\": \"toluna\", \"id\": \""
        + suppressed + "\", \"reason\": \"asked us to stop\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .require();
  }

  /** Decides each quota's review (proceed) on its own node, together once both are open; true once both were sent. */
  boolean decideTogether(List<EngineApi> nodes) {
    List<String> reviews = new ArrayList<>();
    for (long quota : QUOTAS) {
      String instance = instanceOf(nodes.get(0), quota);
      nodes.get(0).tasks().stream().filter(t -> t.path("processInstanceId").asText().equals(instance)
          && "ReviewValidationExceptions".equals(t.path("taskDefinitionKey").asText()))
          .findFirst().ifPresent(t -> reviews.add(t.path("id").asText()));
    }
    if (reviews.size() < QUOTAS.size()) {
      return false;
    }
    List<java.util.concurrent.CompletableFuture<Rest.Answer>> decisions = new ArrayList<>();
    for (int i = 0; i < reviews.size(); i++) {
      EngineApi node = nodes.get(i % nodes.size());
      String task = reviews.get(i);
      decisions.add(java.util.concurrent.CompletableFuture.supplyAsync(
          () -> node.complete(task, "{\"exceptionDecision\": {\"value\": \"proceed\"}}")));
    }
    decisions.forEach(d -> {
      Rest.Answer answer = d.join();
      if (!answer.ok()) {
        notes.add("review not completed: " + answer.status() + " " + answer.text());
      }
    });
    return true;
  }

  /** Both quota instances wait for a quota change with no job left and every stored invite delivered. */
  boolean settled(EngineApi engine) {
    for (long quota : QUOTAS) {
      String instance = instanceOf(engine, quota);
      if (instance == null || !engine.activeActivities(instance).contains("WaitForQuotaChange")
          || !engine.jobs("?processInstanceId=" + instance + "&executable=true").isEmpty()) {
        return false;
      }
    }
    return Integer.parseInt(query("select count(*) from toluna_invite").get(0).get(0))
        == simulators.partnerMessages().path("received").asInt();
  }

  static String instanceOf(EngineApi engine, long quota) {
    for (JsonNode instance : engine.instances()) {
      if (MixedLoad.businessKey(quota).equals(instance.path("businessKey").asText())) {
        return instance.path("id").asText();
      }
    }
    return null;
  }

  /** What the cap of one and the suppression promise; empty when all holds. */
  List<String> check(List<EngineApi> nodes) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> contacts = new HashMap<>();
    // An invite that names the member is its contact (V68).
    for (List<String> row : query("select member_code, count(*) from toluna_invite group by member_code")) {
      contacts.put(row.get(0), Integer.parseInt(row.get(1)));
    }
    if (contacts.isEmpty()) {
      problems.add("nobody was invited");
    }
    contacts.forEach((member, n) -> {
      if (n > 1) {
        problems.add(member + " contacted " + n + " times with a cap of one");
      }
    });
    int rows = Integer.parseInt(query("select count(*) from respondent_contact").get(0).get(0));
    if (rows != 0) {
      problems.add(rows + " contact rows beside the invites");
    }
    // Toluna generates a link per quota and matched member before the gate decides (a capped member's link is dropped
    // unsent): at most one per quota and member. The partner receives each contacted member's invite exactly once.
    Set<String> generatedPairs = new HashSet<>();
    Set<String> generated = new HashSet<>();
    JsonNode links = simulators.tolunaState().path("invites");
    links.forEach(i -> {
      generatedPairs.add(i.path("quotaId").asText() + "/" + i.path("memberCode").asText());
      generated.add(i.path("memberCode").asText());
    });
    if (generatedPairs.size() != links.size() || !generated.equals(contacts.keySet())) {
      problems.add("Toluna generated " + links.size() + " links for " + generatedPairs.size() + " quota members, "
          + contacts.size() + " members contacted");
    }
    List<String> delivered = new ArrayList<>();
    simulators.partnerMessages().path("messages")
        .forEach(m -> delivered.add(m.path("body").path("memberCode").asText()));
    if (new HashSet<>(delivered).size() != delivered.size() || !contacts.keySet().equals(new HashSet<>(delivered))) {
      problems.add("the partner received " + delivered.size() + " invites, " + contacts.size() + " members contacted");
    }
    if (contacts.containsKey(suppressed) || generated.contains(suppressed) || delivered.contains(suppressed)) {
      problems.add("the suppressed member was invited");
    }
    List<String> suppressedReasons = column("select reason_code from toluna_quota_member where member_code = '"
        + suppressed + "' order by quota_id");
    if (!suppressedReasons.equals(List.of("SUPPRESSED", "SUPPRESSED"))) {
      problems.add("the suppressed member's reasons in the two quotas: " + suppressedReasons);
    }
    // Whoever one quota invited is the other quota's CONTACT_CAP exception, with the date they may be contacted again.
    List<List<String>> capped = query("select member_code, quota_id, reason from toluna_quota_member "
        + "where reason_code = 'CONTACT_CAP'");
    Set<String> cappedMembers = new HashSet<>();
    capped.forEach(row -> {
      cappedMembers.add(row.get(0));
      if (!row.get(2).contains("may be contacted again from ")) {
        problems.add("capped without a date: " + row.get(2));
      }
    });
    if (capped.size() != cappedMembers.size() || !cappedMembers.equals(contacts.keySet())) {
      problems.add(capped.size() + " CONTACT_CAP exceptions of " + cappedMembers.size() + " members, "
          + contacts.size() + " invited");
    }
    // The history each node answers: one invite for an invited member, none and suppressed for the suppressed one.
    String invited = contacts.keySet().iterator().next();
    JsonNode history = nodes.get(1).rest().get("/api/respondents/toluna/" + invited + "/contacts");
    if (history.path("contacts").size() != 1 || !"DELIVERED".equals(history.path("contacts").get(0)
        .path("deliveryState").asText())) {
      problems.add("history of an invited member: " + history);
    }
    JsonNode none = nodes.get(0).rest().get("/api/respondents/toluna/" + suppressed + "/contacts");
    if (!none.path("suppressed").asBoolean() || !none.path("contacts").isEmpty()) {
      problems.add("history of the suppressed member: " + none);
    }
    return problems;
  }

  /** Successful jobs of the two quota instances per engine host name: where the work ran. */
  Map<String, Integer> jobsByNode() {
    Map<String, Integer> jobs = new java.util.TreeMap<>();
    query("select hostname_, count(*) from act_hi_job_log where process_def_key_ = 'tolunaRecontactQuota' "
        + "and job_state_ = 2 group by hostname_").forEach(row -> jobs.put(row.get(0), Integer.parseInt(row.get(1))));
    return jobs;
  }

  private static String quotedCodes() {
    List<String> codes = new ArrayList<>();
    for (int n = 1; n <= MEMBERS; n++) {
      codes.add("'" + TolunaSandboxData.code(n) + "'");
    }
    return String.join(",", codes);
  }

  private List<String> column(String sql) {
    return query(sql).stream().map(row -> row.get(0)).toList();
  }

  private List<List<String>> query(String sql) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int c = 1; c <= columns; c++) {
          row.add(rs.getString(c));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
