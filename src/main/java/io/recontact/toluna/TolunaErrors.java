package io.recontact.toluna;

import static io.recontact.toluna.client.TolunaResultCode.*;

import io.recontact.toluna.client.TolunaApiException;
import io.recontact.toluna.client.TolunaResultCode;
import java.util.EnumSet;
import java.util.Set;

/**
 * How the Toluna service tasks treat Toluna's answers, the same in both diagrams: 5xx, timeouts and connection
 * errors are rethrown (Camunda retries, then raises an incident); a 403 or a panel misconfiguration is an incident
 * that says what to fix; the quota answers of §5.3 that mean "not available now" are outcomes the diagram waits on;
 * member answers are recorded per member.
 */
public final class TolunaErrors {

  /** The quota cannot take sample now (or any more): stop and wait for the next check. */
  public static final Set<TolunaResultCode> QUOTA_UNAVAILABLE = EnumSet.of(QUOTA_NOT_LIVE, NO_QUOTA_ID,
      SURVEY_NOT_AVAILABLE_FOR_PARTNER, SURVEY_DOES_NOT_EXIST, SURVEY_NOT_FOR_RECONTACT, QUOTA_NOT_ES_ENABLED,
      SURVEY_NOT_ENABLED_FOR_IP_ES, SURVEY_COMPLETES_CAP_ACHIEVED, SURVEY_IPPARTNER_COMPLETES_ALLOCATION_ACHIEVED,
      QUOTA_FULL, IP_EXTERNAL_RESPONDENTTYPE_FULL);
  /** GenerateInvite for a member Toluna has no recontact link for. */
  public static final Set<TolunaResultCode> NOT_ON_LIST = EnumSet.of(MEMBER_GID_NOT_AVAILABLE, NO_RECONTACT_GID,
      UNABLE_TO_GET_GID);
  /** Our panel's own set-up at Toluna is wrong: a person must fix it, retrying changes nothing. */
  public static final Set<TolunaResultCode> PANEL_MISCONFIGURED = EnumSet.of(PANEL_DOES_NOT_EXIST, PANEL_NOT_ES_ENABLED,
      NO_PANEL_GUID, PANEL_INVALID_ES_REQUEST, NO_MEMBER_CODE);

  private TolunaErrors() {
  }

  public static boolean quotaUnavailable(TolunaApiException e) {
    return e.status() == 400 && QUOTA_UNAVAILABLE.contains(e.resultCode());
  }

  /** The exception to let through for answers the step does not handle itself, with a message naming the panel. */
  public static RuntimeException incident(String step, String panelGuid, TolunaApiException e) {
    if (e.isTechnical()) {
      return e;
    }
    if (e.isBadKey()) {
      return new IllegalStateException(step + " for panel " + panelGuid + ": Toluna refused our API_AUTH_KEY (403). "
          + "Check RECONTACT_TOLUNA_API_AUTH_KEY and that the key serves this panel, then retry. " + e.getMessage(), e);
    }
    if (PANEL_MISCONFIGURED.contains(e.resultCode())) {
      return new IllegalStateException(step + " for panel " + panelGuid + ": Toluna does not serve this panel for "
          + "External Sample (" + e.resultCode() + "). Check RECONTACT_TOLUNA_PANEL_GUIDS with Toluna, then retry. "
          + e.getMessage(), e);
    }
    return new IllegalStateException(step + " for panel " + panelGuid + ": " + e.getMessage(), e);
  }
}
