package io.recontact.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One engine node over HTTP as user demo: the project's /api and Camunda's engine REST. */
final class EngineApi {

  final String baseUrl;
  private final Rest rest;

  EngineApi(String baseUrl) {
    this.baseUrl = baseUrl;
    this.rest = new Rest(baseUrl, "demo", "demo");
  }

  JsonNode startRecontact(String request, String file) {
    return rest.postMultipart("/api/cint/recontacts", request, "respondents.csv", file);
  }

  JsonNode startReplacement(String targetGroupId, String request, String file) {
    return rest.postMultipart("/api/cint/target-groups/" + targetGroupId + "/recontacts/replacement", request,
        "replacement.csv", file);
  }

  Rest.Answer sweep() {
    return rest.send("POST", "/api/toluna/sweeps", null, null);
  }

  Rest.Answer settle() {
    return rest.send("POST", "/api/toluna/incentives/settlements", null, null);
  }

  /** A Toluna notification as Toluna posts it (the sandbox token). */
  Rest.Answer notify(String kind, String json) {
    return rest.send("POST", "/api/toluna/notifications/" + kind + "?token=sandbox-notification-token",
        "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  Rest rest() {
    return rest;
  }

  List<JsonNode> tasks() {
    return list(rest.get("/engine-rest/task"));
  }

  JsonNode taskVariables(String taskId) {
    return rest.get("/engine-rest/task/" + taskId + "/variables");
  }

  Rest.Answer complete(String taskId, String variablesJson) {
    return rest.send("POST", "/engine-rest/task/" + taskId + "/complete", "application/json",
        ("{\"variables\": " + variablesJson + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  List<JsonNode> incidents() {
    return list(rest.get("/engine-rest/incident"));
  }

  List<JsonNode> instances() {
    return list(rest.get("/engine-rest/process-instance"));
  }

  List<JsonNode> historicInstances(String processKey) {
    return list(rest.get("/engine-rest/history/process-instance?processDefinitionKey=" + processKey));
  }

  JsonNode historicInstance(String id) {
    Rest.Answer answer = rest.send("GET", "/engine-rest/history/process-instance/" + id, null, null);
    return answer.ok() ? answer.body() : null;
  }

  String endEvent(String instanceId) {
    for (JsonNode activity : rest.get("/engine-rest/history/activity-instance?processInstanceId=" + instanceId
        + "&finished=true")) {
      if (activity.path("activityType").asText().endsWith("EndEvent")) {
        return activity.path("activityId").asText();
      }
    }
    return null;
  }

  /** How often an activity finished in a process instance. */
  /** The start of the instance's first activity instance that started after {@code after}; null when none did. */
  java.time.Instant firstActivityStartedAfter(String instanceId, java.time.Instant after) {
    String since = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
        .format(after.atOffset(java.time.ZoneOffset.UTC)).replace("+", "%2B");
    JsonNode first = rest.get("/engine-rest/history/activity-instance?" + (instanceId == null ? ""
        : "processInstanceId=" + instanceId + "&") + "startedAfter=" + since
        + "&sortBy=startTime&sortOrder=asc&maxResults=1");
    return first.isEmpty() ? null : parseTime(first.get(0).path("startTime").asText());
  }

  private static java.time.Instant parseTime(String time) {
    return java.time.OffsetDateTime.parse(time, java.time.format.DateTimeFormatter.ofPattern(
        "yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
  }

  /** When each finished run of the activity in the instance started, earliest first. */
  List<java.time.Instant> finishedActivityStarts(String instanceId, String activityId) {
    List<java.time.Instant> starts = new ArrayList<>();
    rest.get("/engine-rest/history/activity-instance?processInstanceId=" + instanceId + "&activityId=" + activityId
        + "&finished=true&sortBy=startTime&sortOrder=asc").forEach(a -> starts.add(parseTime(
            a.path("startTime").asText())));
    return starts;
  }

  int finishedActivities(String instanceId, String activityId) {
    return rest.get("/engine-rest/history/activity-instance?processInstanceId=" + instanceId + "&activityId="
        + activityId + "&finished=true").size();
  }

  /** Activity ids where the instance waits now (leaves of its activity-instance tree). */
  List<String> activeActivities(String instanceId) {
    Rest.Answer tree = rest.send("GET", "/engine-rest/process-instance/" + instanceId + "/activity-instances", null,
        null);
    List<String> ids = new ArrayList<>();
    if (tree.ok()) {
      collect(tree.body(), ids);
    }
    return ids;
  }

  private static void collect(JsonNode node, List<String> ids) {
    if (node.path("childActivityInstances").isEmpty() && node.path("childTransitionInstances").isEmpty()) {
      ids.add(node.path("activityId").asText());
    }
    node.path("childActivityInstances").forEach(child -> collect(child, ids));
    node.path("childTransitionInstances").forEach(child -> ids.add(child.path("activityId").asText()));
  }

  List<JsonNode> jobs(String query) {
    return list(rest.get("/engine-rest/job" + query));
  }

  boolean eligible(String panel, long quota, String code) {
    return rest.get("/api/toluna/panels/" + panel + "/quotas/" + quota + "/members/" + code + "/eligibility")
        .path("eligible").asBoolean();
  }

  /** A counter or gauge of {@code /actuator/prometheus} without tags (as user demo), or NaN when it is absent. */
  double metric(String name) {
    Rest.Answer scrape = rest.send("GET", "/actuator/prometheus", null, null);
    if (!scrape.ok()) {
      throw new IllegalStateException("scrape: HTTP " + scrape.status() + " " + scrape.text());
    }
    for (String line : scrape.text().split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Double.NaN;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
