package io.recontact.toluna.recontactquota;

import io.recontact.metrics.RecontactMetrics;
import io.recontact.toluna.eligibility.MemberEligibility.ReasonCode;
import org.springframework.stereotype.Component;

/**
 * {@code recontact_toluna_member_exceptions_total} exists from the start, at 0, for every reason each step can set
 * (validation and sampling: any {@link ReasonCode}; invites: the two of {@link GenerateInvites}), so the dashboard's
 * exceptions panel shows 0 rather than "no data" before the first exception.
 */
@Component
class MemberExceptionCounters {

  static final String INVITE_REFUSED = "INVITE_REFUSED";

  MemberExceptionCounters(RecontactMetrics metrics) {
    for (ReasonCode reason : ReasonCode.values()) {
      metrics.memberExceptions(reason.name(), "validate", 0);
      metrics.memberExceptions(reason.name(), "sample", 0);
    }
    metrics.memberExceptions(ReasonCode.NOT_ON_RECONTACT_LIST.name(), "invite", 0);
    metrics.memberExceptions(INVITE_REFUSED, "invite", 0);
  }
}
