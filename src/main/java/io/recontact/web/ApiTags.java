package io.recontact.web;

import io.swagger.v3.oas.models.tags.Tag;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups of {@code /api} operations in the OpenAPI document and Swagger UI, named after what a person does with
 * them. Every {@code /api} controller carries {@code @Tag(name = ApiTags.…)}; the names and descriptions are declared
 * here once, in this order, and {@link ApiDocsConfig} puts exactly this list into the document (springdoc would
 * otherwise name an untagged controller after its class, e.g. {@code quota-run-controller}). ApiDocumentTest holds
 * every operation to one of these tags.
 */
public final class ApiTags {

  public static final String CINT_RECONTACTS = "Cint recontacts";
  public static final String CINT_REPLACEMENT_AND_REMOVAL = "Cint replacement and removal";
  public static final String RECONTACT_STATUS = "Recontact status";
  public static final String CINT_FIELDING = "Cint fielding";
  public static final String CINT_WEBHOOKS = "Cint webhooks (called by Cint)";
  public static final String TOLUNA_QUOTAS = "Toluna quotas";
  public static final String TOLUNA_SWEEPS = "Toluna sweeps";
  public static final String TOLUNA_INCENTIVES = "Toluna incentive settlement";
  public static final String TOLUNA_NOTIFICATIONS = "Toluna notifications (called by Toluna)";
  public static final String PANEL_MEMBERS = "Panel members";
  public static final String RESPONDENT_ERASURE = "Respondent erasure";
  public static final String DATA_RETENTION = "Data retention";
  public static final String RESPONDENTS = "Respondents";

  /** Name and description of each tag, in the order Swagger UI shows them. */
  static final Map<String, String> DESCRIPTIONS = orderedDescriptions();

  private ApiTags() {
  }

  /** The document's tag list: every declared tag with its description. */
  public static List<Tag> declared() {
    return DESCRIPTIONS.entrySet().stream().map(e -> new Tag().name(e.getKey()).description(e.getValue())).toList();
  }

  private static Map<String, String> orderedDescriptions() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(CINT_RECONTACTS, "Start a Cint recontact: a respondent file and a request become a draft target group, "
        + "upload jobs and a launch (operators and admins).");
    map.put(CINT_REPLACEMENT_AND_REMOVAL, "Replace a target group's recontact list with the IDs of a new file, or "
        + "remove every ID from it; each runs as a process of its own (operators and admins).");
    map.put(RECONTACT_STATUS, "Where a Cint recontact, replacement or removal stands: state, Cint jobs, counts and "
        + "open review tasks, by process instance id or business key; the rejected lines and failed IDs the review "
        + "forms link to (approvers, operators and admins).");
    map.put(CINT_FIELDING, "Follow a live Cint target group: its readings of completes, prescreens, goal, "
        + "conversion, incidence and cost, and the pace review (start: operators and admins; read: approvers too).");
    map.put(CINT_WEBHOOKS, "Cint calls this when a target group changes or a quota fills; it authenticates with the "
        + "Cint-Signature (HMAC-SHA256 over '<t>.<body>'), not HTTP Basic, and wakes the instance that follows the "
        + "target group for an early reading. The subscription is optional: the timer reads anyway.");
    map.put(TOLUNA_QUOTAS, "The Toluna recontact quota runs: figures, open review task, member codes as CSV, and "
        + "whether a member may be invited to a quota (approvers, operators and admins).");
    map.put(TOLUNA_SWEEPS, "Sweep the Toluna panels now instead of waiting for the timer: new recontact quotas get a "
        + "process, running ones are woken (operators and admins).");
    map.put(TOLUNA_INCENTIVES, "Settle the incentive ledger now instead of waiting for the timer, and read what "
        + "each settlement run confirmed, paid and sent to review (starting: operators and admins).");
    map.put(TOLUNA_NOTIFICATIONS, "Toluna calls these when a quota is switched on or off and when a survey closes. "
        + "They take the notification token, not HTTP Basic; people do not call them.");
    map.put(PANEL_MEMBERS, "Our panel's member directory: import members (JSON, CSV or a file) and read them "
        + "(operators and admins: it holds personal data).");
    map.put(RESPONDENT_ERASURE, "Erase a data subject (a Cint RSID or a Toluna member code) from every table, "
        + "Camunda's included, and keep them from coming back (privacy officers and admins).");
    map.put(DATA_RETENTION, "Remove respondent files, quota member lists and invite bodies past recontact.retention."
        + "after-end, and Camunda history past its time to live, now instead of waiting for the daily timer "
        + "(operators and admins).");
    map.put(RESPONDENTS, "A respondent's contact history across both marketplaces (also the answer to a data-subject "
        + "access request) and the do-not-contact list (operators and admins: personal data).");
    return Collections.unmodifiableMap(map);
  }
}
