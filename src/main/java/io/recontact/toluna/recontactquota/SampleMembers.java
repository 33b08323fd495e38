package io.recontact.toluna.recontactquota;

import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.panel.PanelMember;
import io.recontact.panel.PanelMembers;
import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.eligibility.MemberEligibility.ReasonCode;
import io.recontact.toluna.inventory.QuotaInventory.StoredQuota;
import io.recontact.toluna.inventory.QuotaInventory;
import io.recontact.toluna.recontactquota.QuotaMembers.StateChange;
import io.recontact.toluna.sampling.Member;
import io.recontact.toluna.sampling.SamplingEngine;
import io.recontact.toluna.sampling.SamplingResult;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Samples one chunk of valid members against the quota's current definition. A member whose directory entry changed
 * since validation (gone, no longer active) becomes an exception: opted-out and suspended members are never invited.
 * Matches then claim (survey, member) ({@link SurveyClaims}), so a member gets one quota per survey. Outcome: MORE or DONE.
 */
@Component("sampleMembers")
class SampleMembers extends QuotaStep {

  private final QuotaMembers members;
  private final SurveyClaims claims;
  private final PanelMembers directory;
  private final QuotaInventory inventory;
  private final QuotaProgress progress;
  private final TolunaFlowProperties flow;
  private final RecontactMetrics metrics;
  private final SamplingEngine sampling = new SamplingEngine();

  SampleMembers(QuotaMembers members, SurveyClaims claims, PanelMembers directory, QuotaInventory inventory,
      QuotaProgress progress, TolunaFlowProperties flow, RecontactMetrics metrics) {
    this.members = members;
    this.claims = claims;
    this.directory = directory;
    this.inventory = inventory;
    this.progress = progress;
    this.flow = flow;
    this.metrics = metrics;
  }

  @Override
  void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quotaId) {
    List<String> codes = members.codesIn(panel, quotaId, QuotaMemberState.VALID, flow.sampleChunkSize());
    if (codes.isEmpty()) {
      vars.samplingOutcome("DONE");
      progress.stepDone(execution.getProcessInstanceId(), vars);
      return;
    }
    StoredQuota quota = inventory.find(panel, quotaId).orElseThrow(() -> new IllegalStateException("Quota "
        + quotaId + " of panel " + panel + " is not in the stored inventory: the sweep stores it before starting"));
    Map<String, PanelMember> found = directory.findAll(codes);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<StateChange> changes = new ArrayList<>(codes.size());
    for (String code : codes) {
      changes.add(sample(code, found.get(code), quota, today));
    }
    members.setStatesOfRun(panel, quotaId, QuotaMemberState.VALID, changes);
    claims.claim(panel, quotaId, quota.surveyId(), changes.stream()
        .filter(c -> c.state() == QuotaMemberState.MATCHED).map(StateChange::memberCode).toList());
    count(changes);
    vars.samplingOutcome("MORE");
    progress.chunkDone(execution.getProcessInstanceId(), vars);
  }

  /** The chunk's matches and new exceptions, once the job that wrote them commits. */
  private void count(List<StateChange> changes) {
    long matched = changes.stream().filter(c -> c.state() == QuotaMemberState.MATCHED).count();
    Map<String, Long> exceptions = changes.stream().filter(c -> c.state() == QuotaMemberState.EXCEPTION)
        .collect(Collectors.groupingBy(StateChange::reasonCode, Collectors.counting()));
    OnCommit.run(() -> {
      metrics.membersMatched(matched);
      exceptions.forEach((reason, n) -> metrics.memberExceptions(reason, "sample", n));
    });
  }

  private StateChange sample(String code, PanelMember member, StoredQuota quota, LocalDate today) {
    if (member == null) {
      return StateChange.exception(code, ReasonCode.UNKNOWN_MEMBER, "left the member directory after validation");
    }
    if (member.status() != PanelMember.Status.ACTIVE) {
      return StateChange.exception(code, ReasonCode.valueOf(member.status().name()), "became " + member.status()
          + " in the member directory after validation: not invited");
    }
    if (member.birthDate() == null || member.genderAnswerId() == null) {
      return StateChange.exception(code, ReasonCode.MISSING_REQUIRED_PROFILE,
          "lost birth date or gender after validation");
    }
    SamplingResult result = sampling.evaluate(new Member(code, member.birthDate(), member.genderAnswerId(),
        member.postalCode(), member.answers()), quota.definition(), today);
    return result.matched() ? new StateChange(code, QuotaMemberState.MATCHED, null, result.reason())
        : new StateChange(code, QuotaMemberState.NOT_MATCHED, ReasonCode.NOT_TARGETED.name(), result.reason());
  }
}
