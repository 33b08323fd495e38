package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.SandboxProperties;
import io.recontact.sandbox.seed.TolunaSandboxData;
import io.recontact.sandbox.toluna.Panel.QuotaRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * State and rules of the simulated Toluna Integrated Panel: per-panel quota inventory and recontact lists, quota
 * live flags and invites (calls and faults: {@link TolunaCalls}). All state sits behind this object's monitor; the
 * default sandbox data is loaded lazily on first use and again on reset.
 */
@Component
class TolunaPanels {

  static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");
  static final Set<String> ROUTES = Set.of("GetQuotas", "QuotaStatus", "RecontactMemberCodes", "GenerateInvite",
      "GetMember", "AddMember", "UpdateMember");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  record Page(int maxResults, boolean hasMore, List<String> codes) {}

  private final SandboxProperties.Toluna config;
  private final NotificationTargets notifications;
  private final TolunaCalls calls;
  private Map<String, Panel> panels;
  private Set<Integer> notLive;
  private final IssuedInvites invites = new IssuedInvites();

  TolunaPanels(SandboxProperties properties, NotificationTargets notifications, TolunaCalls calls) {
    this.config = properties.toluna();
    this.notifications = notifications;
    this.calls = calls;
  }

  SandboxProperties.Toluna config() {
    return config;
  }

  private void ensureLoaded() {
    if (panels != null) {
      return;
    }
    panels = new LinkedHashMap<>();
    notLive = new HashSet<>();
    invites.clear();
    for (String guid : config.panelGuids()) {
      String key = normalise(guid);
      if (key == null) {
        continue;
      }
      Panel p = new Panel();
      panels.put(key, p);
      p.setInventory(TolunaSandboxData.inventory(key));
      TolunaSandboxData.memberCodes(key).forEach((quota, codes) -> p.recontact.put(quota, new TreeSet<>(codes)));
    }
  }

  static String normalise(String guid) {
    return guid != null && GUID.matcher(guid).matches() ? guid.toUpperCase(Locale.ROOT) : null;
  }

  synchronized void reset() {
    panels = null;
    calls.reset();
    notifications.reset();
  }

  // ---------------------------------------------------------------- ES routes

  /** The panel for an ES or Member API request: 400/3 when the GUID is malformed or not served by the key. */
  private Panel panel(String guid) {
    ensureLoaded();
    String key = normalise(guid);
    Panel p = key == null ? null : panels.get(key);
    if (p == null) {
      throw TolunaError.panelDoesNotExist();
    }
    return p;
  }

  synchronized ObjectNode quotas(String guid, boolean includeRoutables) {
    return QuotaDocuments.quotas(panel(guid), notLive, includeRoutables);
  }

  synchronized ObjectNode quotaStatus(String guid, int quotaId) {
    Panel p = panel(guid);
    QuotaRef ref = p.quotas.get(quotaId);
    if (ref == null || notLive.contains(quotaId)) {
      throw TolunaError.noQuotaId();
    }
    if (ref.recontact() && !p.targeted(ref)) {
      throw TolunaError.result("SURVEY_NOT_AVAILABLE_FOR_PARTNER", 42);
    }
    return QuotaDocuments.quotaStatus(p, quotaId, ref);
  }

  /** Precedence (toluna-api §11.7): panel 3, quota 10, not for recontact 6, not live 9. */
  synchronized Page memberCodes(String guid, int quotaId, Integer maxResults, String last) {
    Panel p = panel(guid);
    QuotaRef ref = p.quotas.get(quotaId);
    if (ref == null) {
      throw TolunaError.noQuotaId();
    }
    if (!ref.recontact()) {
      throw TolunaError.result("SURVEY_NOT_FOR_RECONTACT", 6);
    }
    if (notLive.contains(quotaId)) {
      throw TolunaError.result("QUOTA_NOT_LIVE", 9);
    }
    int size = maxResults == null || maxResults <= 0 ? config.maxResultsDefault()
        : Math.min(maxResults, config.maxResultsCap());
    TreeSet<String> list = p.recontact.getOrDefault(quotaId, new TreeSet<>());
    Iterator<String> it = (last == null || last.isEmpty() ? list : list.tailSet(last, false)).iterator();
    List<String> codes = new ArrayList<>(Math.min(size, list.size()));
    while (codes.size() < size && it.hasNext()) {
      codes.add(it.next());
    }
    return new Page(size, it.hasNext(), codes);
  }

  /** Precedence: panel 3, quota 10, not live 9, recontact member not on the list 43. */
  synchronized ObjectNode invite(String guid, String memberCode, int quotaId) {
    Panel p = panel(guid);
    QuotaRef ref = p.quotas.get(quotaId);
    if (ref == null) {
      throw TolunaError.noQuotaId();
    }
    if (notLive.contains(quotaId)) {
      throw TolunaError.result("QUOTA_NOT_LIVE", 9);
    }
    if (ref.recontact() && !p.recontact.getOrDefault(quotaId, new TreeSet<>()).contains(memberCode)) {
      throw TolunaError.result("MEMBER_GID_NOT_AVAILABLE", 43);
    }
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String url = config.inviteBaseUrl() + "?pgtid=20&di=" + UUID.randomUUID().toString().replace("-", "");
    ObjectNode survey = ref.survey();
    double price = survey.path("Price").path("Amount").asDouble(1.0);
    // LOI and IR drift a little from GetQuotas, as the FAQ warns.
    int loi = Math.max(1, survey.path("LOI").asInt(10) + r.nextInt(0, 3));
    int ir = Math.min(100, Math.max(1, survey.path("IR").asInt(50) + r.nextInt(-3, 4)));
    // What Toluna pays us per complete is the survey's price; what we pay the member a configured share of it.
    double memberAmount = Math.round(price * config.memberPlay().memberAmountShare() * 100) / 100.0;
    invites.add(new IssuedInvites.Invite(normalise(guid), memberCode, quotaId, ref.surveyId(),
        survey.path("WaveID").asInt(), url, Instant.now(), price));
    return F.objectNode().put("SurveyID", ref.surveyId()).put("WaveID", survey.path("WaveID").asInt())
        .put("QuotaID", quotaId).put("MemberAmount", memberAmount).put("PartnerAmount", price).put("URL", url)
        .put("LOI", loi).put("IR", ir);
  }

  /** The invite of a URL as Toluna answered it, also with parameters the partner appended; null if unknown. */
  synchronized IssuedInvites.Invite inviteOf(String url) {
    ensureLoaded();
    return invites.byUrl(url);
  }

  /** The member's newest invite for the quota in the panel, or null. */
  synchronized IssuedInvites.Invite inviteOf(String guid, String memberCode, int quotaId) {
    ensureLoaded();
    return invites.newest(normalise(guid), memberCode, quotaId);
  }

  // ---------------------------------------------------------------- Member Management v2

  /** The served panel's normalised GUID for a Member API {@code PartnerGUID}, or null. */
  synchronized String servedPanel(String guid) {
    ensureLoaded();
    String key = normalise(guid);
    return key != null && panels.containsKey(key) ? key : null;
  }

  // ---------------------------------------------------------------- admin

  /** Replaces (or creates) a panel's inventory; the panel then counts as served by the configured key. */
  synchronized int putInventory(String guid, ObjectNode inventory) {
    ensureLoaded();
    String key = normalise(guid);
    if (key == null) {
      throw TolunaError.message(400, "Not a GUID: " + guid);
    }
    if (!inventory.path("Surveys").isArray()) {
      throw TolunaError.message(400, "A GetQuotas document with a Surveys array is required.");
    }
    Panel p = panels.computeIfAbsent(key, k -> new Panel());
    p.setInventory(inventory);
    return p.quotas.size();
  }

  synchronized int putRecontact(String guid, int quotaId, Collection<String> codes) {
    ensureLoaded();
    String key = normalise(guid);
    if (key == null) {
      throw TolunaError.message(400, "Not a GUID: " + guid);
    }
    TreeSet<String> set = new TreeSet<>(codes);
    panels.computeIfAbsent(key, k -> {
      Panel p = new Panel();
      p.setInventory(F.objectNode().put("CountryID", TolunaSandboxData.COUNTRY_ID).set("Surveys", F.arrayNode()));
      return p;
    }).recontact.put(quotaId, set);
    return set.size();
  }

  /** Switches a quota on or off; a change queues a quota status notification when a URL is configured. */
  synchronized ObjectNode setLive(int quotaId, boolean live) {
    ensureLoaded();
    QuotaRef ref = panels.values().stream().map(p -> p.quotas.get(quotaId)).filter(q -> q != null).findFirst()
        .orElseThrow(() -> TolunaError.message(404, "Unknown quota " + quotaId));
    boolean changed = live ? notLive.remove(quotaId) : notLive.add(quotaId);
    ObjectNode out = F.objectNode().put("QuotaID", quotaId).put("IsLive", live).put("changed", changed);
    boolean queued = changed && notifications.quotaStatus(quotaId, ref.surveyId(),
        ref.survey().path("WaveID").asInt(), live);
    return out.put("notificationQueued", queued);
  }

  /**
   * Closes a survey (toluna-api §4.2): its quotas leave every panel's inventory, and one survey closed notification is
   * queued when a URL is set.
   */
  synchronized ObjectNode closeSurvey(int surveyId) {
    ensureLoaded();
    ObjectNode closed = null;
    int panelCount = 0;
    int quotaCount = 0;
    for (Panel p : panels.values()) {
      Iterator<JsonNode> surveys = p.inventory.path("Surveys").iterator();
      while (surveys.hasNext()) {
        JsonNode survey = surveys.next();
        if (survey.path("SurveyID").asInt() == surveyId) {
          closed = (ObjectNode) survey;
          quotaCount += survey.path("Quotas").size();
          panelCount++;
          surveys.remove();
        }
      }
      p.setInventory(p.inventory);
    }
    if (closed == null) {
      throw TolunaError.message(404, "Unknown survey " + surveyId);
    }
    boolean queued = notifications.surveyClosed(surveyId, closed.path("SurveyName").asText(String.valueOf(surveyId)),
        closed.path("WaveID").asInt());
    return F.objectNode().put("SurveyID", surveyId).put("panels", panelCount).put("quotasRemoved", quotaCount)
        .put("notificationQueued", queued);
  }

  synchronized ObjectNode state() {
    ensureLoaded();
    ObjectNode out = F.objectNode();
    ObjectNode ps = out.putObject("panels");
    panels.forEach((guid, p) -> {
      ObjectNode n = ps.putObject(guid);
      n.put("surveys", p.inventory.path("Surveys").size()).put("quotas", p.quotas.size());
      ObjectNode rc = n.putObject("recontactMembers");
      new TreeMap<>(p.recontact).forEach((q, codes) -> rc.put(String.valueOf(q), codes.size()));
    });
    ArrayNode nl = out.putArray("notLiveQuotas");
    new TreeSet<>(notLive).forEach(nl::add);
    ArrayNode inv = out.putArray("invites");
    invites.all().forEach(i -> inv.addObject().put("panelGuid", i.panelGuid()).put("memberCode", i.memberCode())
        .put("quotaId", i.quotaId()).put("surveyId", i.surveyId()).put("url", i.url()).put("at", i.at().toString()));
    calls.stateInto(out);
    notifications.stateInto(out);
    return out;
  }
}
