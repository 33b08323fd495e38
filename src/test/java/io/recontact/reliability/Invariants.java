package io.recontact.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What must hold after a load, whatever was killed on the way; every breach as one line. */
final class Invariants {

  private final List<String> problems = new ArrayList<>();

  static List<String> check(MixedLoad load, EngineApi engine, SimulatorAdmin simulators) {
    Invariants invariants = new Invariants();
    invariants.engine(engine);
    invariants.cint(load, simulators);
    invariants.toluna(load, engine, simulators);
    invariants.incentives(load, engine, simulators);
    return invariants.problems;
  }

  /** Every instance completed or waits in a user task (a quota instance: for a change, or paused); no incident. */
  private void engine(EngineApi engine) {
    engine.incidents().forEach(i -> problems.add("incident at " + i.path("activityId").asText() + ": "
        + i.path("incidentMessage").asText()));
    engine.jobs("?withException=true").forEach(j -> problems.add("failing job " + j.path("id").asText() + ": "
        + j.path("exceptionMessage").asText()));
    Set<String> withTask = new HashSet<>();
    engine.tasks().forEach(t -> withTask.add(t.path("processInstanceId").asText()));
    for (JsonNode instance : engine.instances()) {
      String id = instance.path("id").asText();
      String definition = instance.path("definitionId").asText();
      List<String> at = engine.activeActivities(id);
      boolean waiting = definition.startsWith("tolunaRecontactQuota:")
          && (at.contains("WaitForQuotaChange") || at.contains("QuotaPaused"));
      if (!waiting && !withTask.contains(id) && !calledWaitsInTask(engine, id, withTask)) {
        problems.add("stuck: " + definition.split(":")[0] + " " + instance.path("businessKey").asText(id) + " at "
            + at);
      }
    }
  }

  private static boolean calledWaitsInTask(EngineApi engine, String id, Set<String> withTask) {
    return engine.instances().stream().anyMatch(i -> withTask.contains(i.path("id").asText())
        && id.equals(i.path("rootProcessInstanceId").asText(null)));
  }

  private void cint(MixedLoad load, SimulatorAdmin simulators) {
    JsonNode state = simulators.cintState();
    Map<String, List<JsonNode>> groupsByReference = new HashMap<>();
    state.path("targetGroups").forEach(g -> groupsByReference.computeIfAbsent(g.path("customerReference").asText(),
        r -> new ArrayList<>()).add(g));
    for (String key : List.of(load.liveKey, load.partialKey)) {
      int groups = groupsByReference.getOrDefault("rco-" + key, List.of()).size();
      if (groups != 1) {
        problems.add("Cint: " + groups + " target groups for " + key);
      }
    }
    if (state.path("targetGroups").size() != 2) {
      problems.add("Cint: " + state.path("targetGroups").size() + " target groups in all, 2 expected");
    }
    String live = load.targetGroupOf(load.liveKey);
    String partial = load.targetGroupOf(load.partialKey);
    if (live == null || partial == null) {
      return;
    }
    jobs(state, live, "UPLOAD", batches(load.liveIds.size()));
    jobs(state, live, "LAUNCH", 1);
    jobs(state, live, "REMOVE_ALL", 0);
    jobs(state, partial, "UPLOAD", batches(load.partialIds.size()) + batches(load.replaceIds.size()));
    jobs(state, partial, "LAUNCH", 0);
    jobs(state, partial, "REMOVE_ALL", 1);
    state.path("targetGroups").forEach(g -> {
      if (g.path("id").asText().equals(live) && !"live".equals(g.path("status").asText())) {
        problems.add("Cint: group " + live + " is " + g.path("status").asText() + ", not live");
      }
    });
    stored(simulators, live, load.liveIds);
    stored(simulators, partial, load.replaceIds);
  }

  private static int batches(int ids) {
    return (ids + MixedLoad.IDS_PER_FILE - 1) / MixedLoad.IDS_PER_FILE;
  }

  /** {@code expected} jobs of that kind on the group, and no file name sent twice. */
  private void jobs(JsonNode state, String group, String kind, int expected) {
    List<String> names = new ArrayList<>();
    state.path("jobs").forEach(j -> {
      if (group.equals(j.path("targetGroupId").asText()) && kind.equals(j.path("kind").asText())) {
        names.add(j.path("fileName").asText(""));
      }
    });
    if (names.size() != expected) {
      problems.add("Cint: " + names.size() + " " + kind + " jobs on " + group + ", " + expected + " expected");
    }
    if ("UPLOAD".equals(kind) && new HashSet<>(names).size() != names.size()) {
      problems.add("Cint: a batch file uploaded twice on " + group + ": " + names);
    }
  }

  private void stored(SimulatorAdmin simulators, String group, List<String> expected) {
    Set<String> stored = simulators.storedRsids(MixedLoad.ACCOUNT, MixedLoad.PROJECT, group);
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(stored);
    Set<String> extra = new TreeSet<>(stored);
    expected.forEach(extra::remove);
    if (!extra.isEmpty()) {
      problems.add("Cint: group " + group + " stores " + extra.size() + " extra IDs");
    }
    if (!missing.isEmpty()) {
      problems.add("Cint: group " + group + " lost " + missing.size() + " IDs");
    }
  }

  /** One delivered invite per (survey, member), one quota per member and survey, every eligible member delivered. */
  private void toluna(MixedLoad load, EngineApi engine, SimulatorAdmin simulators) {
    Map<String, Set<String>> invites = new HashMap<>();
    Map<String, Set<Long>> quotas = new HashMap<>();
    for (JsonNode message : simulators.partnerMessages().path("messages")) {
      JsonNode body = message.path("body");
      String key = body.path("surveyId").asText() + "/" + body.path("memberCode").asText();
      invites.computeIfAbsent(key, k -> new HashSet<>()).add(message.path("idempotencyKey").asText());
      quotas.computeIfAbsent(key, k -> new HashSet<>()).add(body.path("quotaId").asLong());
    }
    invites.forEach((key, ids) -> {
      if (ids.size() != 1) {
        problems.add("Toluna: " + ids.size() + " different invites delivered to " + key);
      }
    });
    quotas.forEach((key, ids) -> {
      if (ids.size() != 1) {
        problems.add("Toluna: " + key + " invited on quotas " + ids);
      }
    });
    Set<String> eligible = new TreeSet<>();
    for (int n = 1; n <= MixedLoad.MEMBERS; n++) {
      String code = io.recontact.sandbox.seed.TolunaSandboxData.code(n);
      for (long quota : load.quotas) {
        if (engine.eligible(MixedLoad.PANEL, quota, code)) {
          eligible.add(load.survey + "/" + code);
        }
      }
    }
    if (!invites.keySet().equals(eligible)) {
      Set<String> missing = new TreeSet<>(eligible);
      missing.removeAll(invites.keySet());
      Set<String> extra = new TreeSet<>(invites.keySet());
      extra.removeAll(eligible);
      problems.add("Toluna: eligible but not delivered " + missing + "; delivered but not eligible " + extra);
    }
    for (long quota : load.quotas) {
      String key = MixedLoad.businessKey(quota);
      long runs = engine.historicInstances("tolunaRecontactQuota").stream()
          .filter(i -> key.equals(i.path("businessKey").asText())).count();
      if (runs != 1) {
        problems.add("Toluna: " + runs + " instances for quota " + quota);
      }
    }
  }

  /**
   * The load's ledger entries (its survey) balance, and each SETTLED one was booked by the rewards system exactly
   * once under its id (a resend after a crash is dropped by the receiver and only counted): the receiver's keys for
   * this survey are exactly the settled entries.
   */
  private void incentives(MixedLoad load, EngineApi engine, SimulatorAdmin simulators) {
    Set<String> settled = new TreeSet<>();
    for (int n = 1; n <= MixedLoad.MEMBERS; n++) {
      String code = io.recontact.sandbox.seed.TolunaSandboxData.code(n);
      Rest.Answer answer = engine.rest().send("GET", "/api/panel/members/" + code + "/incentives", null, null);
      if (!answer.ok()) {
        continue;  // no entry and not in the directory
      }
      JsonNode ledger = answer.body();
      JsonNode balance = ledger.path("balance");
      if (balance.path("creditedCents").asLong() - balance.path("reversedCents").asLong()
          != balance.path("balanceCents").asLong()) {
        problems.add("Incentives: " + code + " credits - reversals != balance " + balance);
      }
      for (JsonNode entry : ledger.path("entries")) {
        if (entry.path("surveyId").asLong() != load.survey || !"SETTLED".equals(entry.path("state").asText())) {
          continue;
        }
        settled.add(entry.path("id").asText());
        if (!"SENT".equals(entry.path("payout").asText())) {
          problems.add("Incentives: entry " + entry.path("id").asText() + " settled, payout "
              + entry.path("payout").asText("none"));
        }
      }
    }
    Map<String, Integer> booked = new HashMap<>();
    JsonNode payouts = simulators.payouts();
    payouts.path("payouts").forEach(p -> {
      if (p.path("body").path("surveyId").asLong() == load.survey) {
        booked.merge(p.path("idempotencyKey").asText(), 1, Integer::sum);
      }
    });
    booked.forEach((key, times) -> {
      if (times != 1) {
        problems.add("Incentives: entry " + key + " booked " + times + " times");
      }
    });
    if (settled.isEmpty() || !booked.keySet().equals(settled)) {
      problems.add("Incentives: settled " + settled + " but the rewards system booked " + new TreeSet<>(
          booked.keySet()));
    }
    // Reported, not a breach: a resend after a kill between send and mark is what the idempotency key is for.
    System.out.println("[invariants] incentives: " + settled.size() + " settled entries, each booked once; "
        + payouts.path("duplicates").asLong() + " resent payout(s) dropped by the rewards system");
  }
}
