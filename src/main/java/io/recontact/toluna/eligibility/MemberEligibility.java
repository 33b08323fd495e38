package io.recontact.toluna.eligibility;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.recontact.governance.ContactGate;
import io.recontact.governance.ContactGate.Reason;
import io.recontact.governance.ContactGate.Refusal;
import io.recontact.governance.Marketplace;
import io.recontact.panel.PanelMember;
import io.recontact.panel.PanelMembers;
import io.recontact.toluna.client.TolunaApiException;
import io.recontact.toluna.client.TolunaClient;
import io.recontact.toluna.client.TolunaResultCode;
import io.recontact.toluna.model.Quota;
import io.recontact.toluna.sampling.Member;
import io.recontact.toluna.sampling.SamplingEngine;
import io.recontact.toluna.sampling.SamplingResult;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The whole decision for one member and one recontact quota, in the order a person checks it: is the member ours,
 * active, on Toluna's recontact list for the quota, complete enough for Toluna (birth date and gender), and does
 * sampling place them. The first failing check is the answer.
 */
@Service
public class MemberEligibility {

  public enum ReasonCode {
    UNKNOWN_MEMBER, INACTIVE, OPTED_OUT, SUSPENDED, NOT_ON_RECONTACT_LIST, MISSING_REQUIRED_PROFILE,
    NOT_TARGETED, QUOTA_NOT_FOUND, SUPPRESSED, CONTACT_CAP
  }

  /** {@code reasonCode} is null when the member is eligible. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Decision(String memberCode, long quotaId, boolean eligible, ReasonCode reasonCode, String reason) {
  }

  /** Toluna's answers that mean "this panel has no such quota (any more)". */
  static final Set<TolunaResultCode> QUOTA_GONE = EnumSet.of(TolunaResultCode.NO_QUOTA_ID,
      TolunaResultCode.PANEL_DOES_NOT_EXIST, TolunaResultCode.SURVEY_DOES_NOT_EXIST,
      TolunaResultCode.SURVEY_NOT_AVAILABLE_FOR_PARTNER, TolunaResultCode.QUOTA_NOT_LIVE,
      TolunaResultCode.SURVEY_NOT_FOR_RECONTACT, TolunaResultCode.NO_PANEL_GUID);

  private final TolunaClient toluna;
  private final PanelMembers members;
  private final SamplingEngine sampling = new SamplingEngine();
  private final Clock clock;
  /** Null without Spring (tests of the other checks): no do-not-contact list, no caps. */
  private final ContactGate gate;

  @Autowired
  public MemberEligibility(TolunaClient toluna, PanelMembers members, ContactGate gate) {
    this(toluna, members, Clock.systemUTC(), gate);
  }

  MemberEligibility(TolunaClient toluna, PanelMembers members, Clock clock) {
    this(toluna, members, clock, null);
  }

  MemberEligibility(TolunaClient toluna, PanelMembers members, Clock clock, ContactGate gate) {
    this.toluna = toluna;
    this.members = members;
    this.clock = clock;
    this.gate = gate;
  }

  public Decision decide(String panelGuid, long quotaId, String memberCode) {
    Quota quota;
    try {
      quota = toluna.getQuotaStatus(panelGuid, quotaId);
    } catch (TolunaApiException e) {
      if (e.status() == 400 && QUOTA_GONE.contains(e.resultCode())) {
        return no(memberCode, quotaId, ReasonCode.QUOTA_NOT_FOUND, "Toluna does not offer quota " + quotaId
            + " to panel " + panelGuid + ": " + e.resultCode() + " (" + e.resultCode().code() + ")");
      }
      throw e;
    }
    Optional<PanelMember> found = members.find(memberCode);
    if (found.isEmpty()) {
      return no(memberCode, quotaId, ReasonCode.UNKNOWN_MEMBER, "Member " + memberCode
          + " is not in our panel's member directory");
    }
    PanelMember member = found.get();
    switch (member.status()) {
      case INACTIVE -> {
        return no(memberCode, quotaId, ReasonCode.INACTIVE, "Member " + memberCode + " is inactive on our panel");
      }
      case OPTED_OUT -> {
        return no(memberCode, quotaId, ReasonCode.OPTED_OUT, "Member " + memberCode + " opted out of our panel");
      }
      case SUSPENDED -> {
        return no(memberCode, quotaId, ReasonCode.SUSPENDED, "Member " + memberCode + " is suspended on our panel");
      }
      default -> {
        // active: go on
      }
    }
    Refusal refusal = gate == null ? null : gate.screen(Marketplace.TOLUNA, List.of(memberCode)).get(memberCode);
    if (refusal != null) {
      return refusal.reason() == Reason.SUPPRESSED
          ? no(memberCode, quotaId, ReasonCode.SUPPRESSED, "Member " + memberCode + " is on the do-not-contact list")
          : no(memberCode, quotaId, ReasonCode.CONTACT_CAP, "Member " + memberCode + " reached a contact cap; "
              + "may be contacted again from " + refusal.until());
    }
    if (!onRecontactList(panelGuid, quotaId, memberCode)) {
      return no(memberCode, quotaId, ReasonCode.NOT_ON_RECONTACT_LIST, "Toluna's recontact list for quota "
          + quotaId + " does not name " + memberCode + " (not part of the original survey)");
    }
    if (member.birthDate() == null || member.genderAnswerId() == null) {
      return no(memberCode, quotaId, ReasonCode.MISSING_REQUIRED_PROFILE, "Member " + memberCode + " has no "
          + (member.birthDate() == null ? "birth date" : "gender (QuestionID 1001007)")
          + ": Toluna places no member without birth date and gender");
    }
    LocalDate today = LocalDate.now(clock);
    SamplingResult result = sampling.evaluate(new Member(member.memberCode(), member.birthDate(),
        member.genderAnswerId(), member.postalCode(), member.answers()), quota, today);
    if (!result.matched()) {
      return no(memberCode, quotaId, ReasonCode.NOT_TARGETED, result.reason());
    }
    return new Decision(memberCode, quotaId, true, null, "Member " + memberCode
        + " is active, on the recontact list and matches every layer of quota " + quotaId);
  }

  /** Toluna offers no lookup of one code: page through the quota's list (pages of up to 9,999 codes). */
  private boolean onRecontactList(String panelGuid, long quotaId, String memberCode) {
    AtomicBoolean found = new AtomicBoolean();
    try {
      toluna.forEachRecontactMemberCodePage(panelGuid, quotaId, page -> {
        if (page.contains(memberCode)) {
          found.set(true);
        }
      });
    } catch (TolunaApiException e) {
      if (e.status() == 400 && QUOTA_GONE.contains(e.resultCode())) {
        return false;
      }
      throw e;
    }
    return found.get();
  }

  private static Decision no(String memberCode, long quotaId, ReasonCode code, String reason) {
    return new Decision(memberCode, quotaId, false, code, reason);
  }
}
