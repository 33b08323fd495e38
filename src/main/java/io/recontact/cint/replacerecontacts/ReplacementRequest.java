package io.recontact.cint.replacerecontacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.cint.CintVariables;
import io.recontact.cint.TargetGroupCoordinates;
import io.recontact.cint.client.CintModel.EntityType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a replacement needs, as the caller sent it: the JSON part of POST .../replacement with the path's target
 * group, or the instance's variables. One {@link #problems()} checks both.
 */
record ReplacementRequest(Object accountId, Object projectId, Object targetGroupId, Object entityType,
    Object completesGoal) {

  /** The request part; absent fields stay null, as in the variables (entityType defaults to RSID). */
  static ReplacementRequest of(JsonNode json, String targetGroupId) {
    JsonNode account = json.path(CintVariables.ACCOUNT_ID);
    return new ReplacementRequest(account.isNumber() ? account.numberValue() : null,
        json.path(CintVariables.PROJECT_ID).asText(null), targetGroupId,
        json.path(CintVariables.ENTITY_TYPE).asText("RSID"), json.path(CintVariables.COMPLETES_GOAL).asInt(0));
  }

  /** The instance's variables, as engine REST or the controller started it. */
  static ReplacementRequest of(CintVariables vars) {
    return new ReplacementRequest(vars.value(CintVariables.ACCOUNT_ID), vars.value(CintVariables.PROJECT_ID),
        vars.value(CintVariables.TARGET_GROUP_ID), vars.value(CintVariables.ENTITY_TYPE),
        vars.value(CintVariables.COMPLETES_GOAL));
  }

  /** The start variables of cintReplaceRecontacts for a checked request. */
  Map<String, Object> start(EntityType type) {
    Map<String, Object> variables = new HashMap<>(CintVariables.targetGroupStart(account(), projectId,
        (String) targetGroupId));
    variables.put(CintVariables.ENTITY_TYPE, type.name());
    variables.put(CintVariables.COMPLETES_GOAL, goal());
    return variables;
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
