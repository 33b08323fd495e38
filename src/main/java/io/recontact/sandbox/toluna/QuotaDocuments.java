package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.seed.TolunaSandboxData;
import io.recontact.sandbox.toluna.Panel.QuotaRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** The External Sample API's quota documents (GetQuotas, QuotaStatus), built from a panel's state. */
final class QuotaDocuments {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private QuotaDocuments() {
  }

  /** GetQuotas: the live quotas; a recontact survey only while one of its quotas has a recontact list. */
  static ObjectNode quotas(Panel p, Set<Integer> notLive, boolean includeRoutables) {
    ObjectNode out = F.objectNode();
    ArrayNode surveys = out.putArray("Surveys");
    for (JsonNode survey : p.inventory.path("Surveys")) {
      boolean recontact = survey.path("IsSurveyRecontact").asBoolean(false);
      ArrayNode quotas = F.arrayNode();
      boolean targeted = false;
      for (JsonNode quota : survey.path("Quotas")) {
        int id = quota.path("QuotaID").asInt();
        TreeSet<String> list = p.recontact.get(id);
        targeted |= list != null && !list.isEmpty();
        if (notLive.contains(id)) {
          continue;
        }
        ObjectNode copy = includeRoutables ? (ObjectNode) quota.deepCopy() : withoutRoutables(quota);
        if (copy != null) {
          quotas.add(copy);
        }
      }
      if ((recontact && !targeted) || quotas.isEmpty()) {
        continue;
      }
      ObjectNode s = ((ObjectNode) survey).deepCopy();
      s.set("Quotas", quotas);
      surveys.add(s);
    }
    out.put("CountryID", p.inventory.path("CountryID").asInt(TolunaSandboxData.COUNTRY_ID));
    out.put("CacheExpires", cacheExpires());
    return out;
  }

  /** includeRoutables=false drops each subquota with a routable question; a quota left with an empty layer goes. */
  private static ObjectNode withoutRoutables(JsonNode quota) {
    ObjectNode copy = quota.deepCopy();
    for (JsonNode layer : copy.path("Layers")) {
      Iterator<JsonNode> subs = layer.path("SubQuotas").iterator();
      while (subs.hasNext()) {
        JsonNode sub = subs.next();
        for (JsonNode qa : sub.path("QuestionsAndAnswers")) {
          if (qa.path("IsRoutable").asBoolean(false)) {
            subs.remove();
            break;
          }
        }
      }
      if (layer.path("SubQuotas").isEmpty()) {
        return null;
      }
    }
    return copy;
  }

  private static String cacheExpires() {
    return Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS).toString();
  }

  static ObjectNode quotaStatus(Panel p, int quotaId, QuotaRef ref) {
    ObjectNode out = F.objectNode().put("QuotaID", quotaId)
        .put("CountryID", p.inventory.path("CountryID").asInt(TolunaSandboxData.COUNTRY_ID));
    out.set("CompletesRequired", ref.quota().path("CompletesRequired"));
    out.set("EstimatedCompletesRemaining", ref.quota().path("EstimatedCompletesRemaining"));
    out.set("Layers", ref.quota().path("Layers").deepCopy());
    out.put("CacheExpires", cacheExpires());
    return out;
  }
}
