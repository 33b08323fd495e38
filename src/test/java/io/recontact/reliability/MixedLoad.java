package io.recontact.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Both flows at once. Cint: {@code live} (60 IDs, 3 batches of 25, launched), {@code partial} (30 IDs of which Cint
 * refuses 2: a partial-upload review accepted with a lowered goal, not launched) and, once {@code partial} is ready,
 * {@code replace} (its group's IDs replaced by 20 new ones: removal then upload). Toluna: one survey whose two
 * recontact quotas list the same 40 members, one sweep; the first 5 webhook sends fail, so deliveries wait for a
 * retry. Once delivered, every invite is completed over Toluna's notification endpoint (the first two then
 * reconciled, which cancels their pending credits) and a settlement run pays the credits to the partner's rewards
 * system. {@link #step} decides the review tasks over engine REST, as a person in Tasklist would.
 */
final class MixedLoad {

  static final int ACCOUNT = 101;
  static final String PROJECT = "01JX2X0N5RTR012AYDTA83QWP1";
  static final int IDS_PER_FILE = 25;
  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final int MEMBERS = 40;

  final List<String> liveIds = ids(60);
  final List<String> partialIds = ids(30);
  final List<String> refused = partialIds.subList(3, 5);
  final List<String> replaceIds = ids(20);
  String liveKey;
  String partialKey;
  String replaceKey;
  String liveInstance;
  String partialInstance;
  String replaceInstance;
  final List<String> notes = new ArrayList<>();
  boolean done;
  /** The settlement run the load starts once Toluna is settled and the delivered invites were completed. */
  String settlementInstance;

  final long survey;
  final List<Long> quotas;
  private final SimulatorAdmin simulators;

  MixedLoad(SimulatorAdmin simulators) {
    this(simulators, 0);
  }

  /** {@code series} gives the Toluna survey and quotas their own IDs, so loads can follow each other on one database. */
  MixedLoad(SimulatorAdmin simulators, int series) {
    this.simulators = simulators;
    this.survey = 3900001 + series;
    this.quotas = List.of(4900001L + 10L * series, 4900002L + 10L * series);
  }

  /** Simulator state for this load; before any engine runs. */
  void prepareSimulators() {
    simulators.resetAll();
    // completesPerHour 0: the launched group stays live however long the load runs (the settlement at its end and a
    // kill there lengthen it past the simulated fielding's goal).
    simulators.cintSettings("{\"jobBaseMillis\": 1000, \"jobPerIdMicros\": 10, \"launchMillis\": 1000, "
        + "\"completesPerHour\": 0, "
        + "\"refusedIds\": [\"" + String.join("\", \"", refused) + "\"]}");
    simulators.tolunaInventory(PANEL, inventory());
    for (long quota : quotas) {
      simulators.tolunaRecontactList(PANEL, quota, codes());
    }
    simulators.failPartner(500, 5);
  }

  void start(EngineApi engine) {
    JsonNode live = engine.startRecontact(request(30, true), String.join("\n", liveIds) + "\n");
    liveKey = live.path("businessKey").asText();
    liveInstance = live.path("processInstanceId").asText();
    JsonNode partial = engine.startRecontact(request(30, false), String.join("\n", partialIds) + "\n");
    partialKey = partial.path("businessKey").asText();
    partialInstance = partial.path("processInstanceId").asText();
    engine.sweep().require();
  }

  /** Decides open reviews and starts the replacement when its group is ready. Returns true when all is done. */
  boolean step(EngineApi engine) {
    for (JsonNode task : engine.tasks()) {
      String key = task.path("taskDefinitionKey").asText();
      String id = task.path("id").asText();
      Rest.Answer answer = switch (key) {
        case "ReviewValidationExceptions" -> engine.complete(id, "{\"exceptionDecision\": {\"value\": \"proceed\"}}");
        case "ReviewPartialUpload" -> {
          long saved = engine.taskVariables(id).path("savedCount").path("value").asLong();
          yield engine.complete(id, "{\"uploadDecision\": {\"value\": \"accept\"}, \"completesGoal\": {\"value\": "
              + saved + ", \"type\": \"Long\"}}");
        }
        default -> null; // any other review is not expected: it stays open and the run does not finish
      };
      if (answer != null && !answer.ok()) {
        notes.add(key + " not completed: " + answer.status() + " " + answer.text());
      }
    }
    if (replaceKey == null && "TargetGroupReady".equals(endOf(engine, partialInstance))) {
      String group = targetGroupOf(partialKey);
      JsonNode replace = engine.startReplacement(group, "{\"accountId\": " + ACCOUNT + ", \"projectId\": \"" + PROJECT
          + "\", \"entityType\": \"RSID\", \"completesGoal\": 10}", String.join("\n", replaceIds) + "\n");
      replaceKey = replace.path("businessKey").asText();
      replaceInstance = replace.path("processInstanceId").asText();
    }
    return "TargetGroupLive".equals(endOf(engine, liveInstance))
        && replaceInstance != null && "RecontactsReplaced".equals(endOf(engine, replaceInstance))
        && tolunaSettled(engine) && incentivesSettled(engine);
  }

  /** Completes the delivered invites, then starts one settlement run; true once it ended. */
  private boolean incentivesSettled(EngineApi engine) {
    if (settlementInstance == null) {
      int n = 0;
      for (JsonNode message : simulators.partnerMessages().path("messages")) {
        if (message.path("duplicate").asBoolean()) {
          continue;
        }
        JsonNode invite = message.path("body");
        String url = invite.path("url").asText();
        String member = invite.path("memberCode").asText();
        engine.notify("completion", """
            {"UniqueCode": "%s", "SurveyId": %d, "SurveyRef": "RC-CRASH", "Revenue": 200,
             "DateTime": "2026-03-01 10:00:00", "WaveId": %d, "QuotaID": %d, "AdditionalData": "%s"}"""
            .formatted(member, invite.path("surveyId").asLong(), invite.path("waveId").asLong(),
                invite.path("quotaId").asLong(), url.contains("?") ? url.substring(url.indexOf('?') + 1) : ""))
            .require();
        if (n++ < 2) {
          engine.notify("reconciliation", """
              {"SurveyId": %d, "SurveyRef": "RC-CRASH", "WaveId": %d, "QuotaId": %d, "UniqueCode": "%s",
               "IsAutoRouted": false, "OriginalSurveyId": null, "ReconciliationId": "%s", "Revenue": 200,
               "OriginalCompleteDateTime": "2026-03-01 10:00:00",
               "ReconciliationDateTime": "2026-03-05T15:40:03.350Z"}"""
              .formatted(invite.path("surveyId").asLong(), invite.path("waveId").asLong(),
                  invite.path("quotaId").asLong(), member, UUID.randomUUID())).require();
        }
      }
      settlementInstance = engine.settle().require().path("processInstanceId").asText();
      return false;
    }
    return "SettlementDone".equals(endOf(engine, settlementInstance));
  }

  /** Both quota instances wait for a quota change with nothing left to run, and no sweep runs. */
  private boolean tolunaSettled(EngineApi engine) {
    List<JsonNode> running = engine.instances().stream()
        .filter(i -> quotas.stream().anyMatch(q -> businessKey(q).equals(i.path("businessKey").asText()))).toList();
    if (running.size() != quotas.size() || engine.instances().stream()
        .anyMatch(i -> i.path("definitionId").asText().startsWith("tolunaQuotaSweep:"))) {
      return false;
    }
    for (JsonNode quota : running) {
      String id = quota.path("id").asText();
      if (!engine.activeActivities(id).contains("WaitForQuotaChange")
          || !engine.jobs("?processInstanceId=" + id + "&executable=true").isEmpty()) {
        return false;
      }
    }
    return true;
  }

  static String businessKey(long quota) {
    return "toluna-" + PANEL + "-" + quota;
  }

  /** The end event an instance reached, or null while it runs (engine REST's history has no endActivityId). */
  static String endOf(EngineApi engine, String instanceId) {
    return instanceId == null ? null : engine.endEvent(instanceId);
  }

  String targetGroupOf(String businessKey) {
    String reference = "rco-" + businessKey;
    for (JsonNode group : simulators.cintState().path("targetGroups")) {
      if (reference.equals(group.path("customerReference").asText())) {
        return group.path("id").asText();
      }
    }
    return null;
  }

  static String request(int goal, boolean launch) {
    Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    return """
        {"accountId": %d, "projectId": "%s", "entityType": "RSID", "launch": %s, "endFieldingAt": "%s",
         "targetGroup": {"name": "Crash harness", "locale": "eng_us", "business_unit_id": "3337",
           "project_manager_id": "b551326b-ac9d-4d32-8823-4f025787dab9",
           "fielding_specification": {"start_at": "%s", "end_at": "%s"},
           "completes_goal": %d, "expected_length_of_interview_minutes": 10, "expected_incidence_rate": 0.9,
           "live_url": "https://survey.example.com/?rsid=[%%RECONTACT_RSID%%]",
           "test_url": "https://survey.example.com/t?rsid=[%%RECONTACT_RSID%%]"}}
        """.formatted(ACCOUNT, PROJECT, launch, start.plus(20, ChronoUnit.DAYS), start,
        start.plus(14, ChronoUnit.DAYS), goal);
  }

  String inventory() {
    String quota = """
        {"QuotaID": %d, "CompletesRequired": 100, "EstimatedCompletesRemaining": 100, "Layers": [{"LayerID": %d,
          "SubQuotas": [{"SubQuotaID": %d, "CurrentCompletes": 0, "MaxTargetCompletes": 100,
            "QuestionsAndAnswers": [{"QuestionID": 1001538, "AnswerIDs": [], "AnswerValues": ["18-99"],
              "IsRoutable": false}]}]}]}""";
    List<String> defined = quotas.stream().map(q -> quota.formatted(q, q * 10, q * 100)).toList();
    return """
        {"CountryID": 2000223, "Surveys": [{"SurveyID": %d, "SurveyName": "RC-CRASH", "WaveID": 3990001, "LOI": 10,
          "IR": 60, "Price": {"Amount": 2.0, "CurrencyID": 1}, "IsSurveyRecontact": true, "CompletesRequired": 200,
          "EstimatedCompletesRemaining": 200, "Quotas": [%s]}]}
        """.formatted(survey, String.join(", ", defined));
  }

  static String codes() {
    List<String> codes = new ArrayList<>();
    for (int n = 1; n <= MEMBERS; n++) {
      codes.add("\"" + TolunaSandboxData.code(n) + "\"");
    }
    return "[" + String.join(",", codes) + "]";
  }

  private static List<String> ids(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(UUID.randomUUID().toString().toLowerCase(Locale.ROOT));
    }
    return List.copyOf(ids);
  }
}
