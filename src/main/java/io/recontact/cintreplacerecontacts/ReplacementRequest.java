package io.recontact.cintreplacerecontacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.process.TargetGroupCoordinates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a replacement needs, as the caller sent it: the JSON part of POST .../replacement with the path's target
 * group, or the instance's variables. One {@link #problems()} checks both.
 */
record ReplacementRequest(Object accountId, Object projectId, Object targetGroupId, Object entityType,
    Object completesGoal) {

  /** The request part; absent fields stay null, as in the variables (entityType defaults to RSID). */
  static ReplacementRequest of(JsonNode json, String targetGroupId) {
    Object accountId = json.path("accountId").isNumber() ? json.get("accountId").numberValue() : null;
    return new ReplacementRequest(accountId, json.path("projectId").asText(null), targetGroupId,
        json.path("entityType").asText("RSID"), json.path("completesGoal").asInt(0));
  }

  /** Every problem a person must fix before anything is removed at Cint, one message each. */
  List<String> problems() {
    List<String> problems = new ArrayList<>(TargetGroupCoordinates.problems(accountId, projectId, targetGroupId));
    if (entity() == null) {
      problems.add("entityType '" + entityType + "' is unknown: use RSID, RESPONDENT_ID, RID or RESPONSE_ID");
    }
    if (!(completesGoal instanceof Number goal) || goal.intValue() < 1) {
      problems.add("completesGoal is required: at least 1");
    }
    return problems;
  }

  /** RSID when absent, null when unknown. */
  EntityType entity() {
    try {
      return entityType == null ? EntityType.RSID
          : EntityType.valueOf(entityType.toString().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  int goal() {
    return ((Number) completesGoal).intValue();
  }

  int account() {
    return ((Number) accountId).intValue();
  }
}
