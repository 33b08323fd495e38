package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** One simulated panel: its GetQuotas inventory, the quotas by id, and the recontact lists. Guarded by TolunaPanels. */
final class Panel {

  record QuotaRef(ObjectNode survey, ObjectNode quota) {
    int surveyId() {
      return survey.path("SurveyID").asInt();
    }

    boolean recontact() {
      return survey.path("IsSurveyRecontact").asBoolean(false);
    }
  }

  ObjectNode inventory;
  final Map<Integer, QuotaRef> quotas = new HashMap<>();
  final Map<Integer, TreeSet<String>> recontact = new HashMap<>();

  void setInventory(ObjectNode inventory) {
    this.inventory = inventory;
    quotas.clear();
    for (JsonNode survey : inventory.path("Surveys")) {
      for (JsonNode quota : survey.path("Quotas")) {
        quotas.put(quota.path("QuotaID").asInt(), new QuotaRef((ObjectNode) survey, (ObjectNode) quota));
      }
    }
  }

  /** Whether any quota of the reference's survey has a recontact list with members. */
  boolean targeted(QuotaRef ref) {
    for (JsonNode q : ref.survey().path("Quotas")) {
      TreeSet<String> list = recontact.get(q.path("QuotaID").asInt());
      if (list != null && !list.isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
