package io.recontact.toluna.recontactquota;

import io.recontact.engine.ChunkBudget;
import io.recontact.engine.DaemonThreads;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Samples chunks of valid members against the quota's current definition while the job's time budget lasts
 * ({@link ChunkBudget}, at least one chunk), two at a time, each in a transaction of its own. A member whose
 * directory entry changed since validation (gone, no longer active) becomes an exception: opted-out and suspended
 * members are never invited. Matches then claim (survey, member) ({@link SurveyClaims}), so a member gets one quota
 * per survey. Outcome: MORE or DONE.
 */
@Component("sampleMembers")
class SampleMembers extends QuotaStep {

  /**
   * Chunks sampled at once: sampling is the database's work on one job thread while the machine's other core waits
   * (issue 20). The second chunk's thread is started per pair, so there are never more than the job threads.
   */
  static final int AT_ONCE = 2;

  private final QuotaMembers members;
  private final SurveyClaims claims;
  private final PanelMembers directory;
  private final QuotaInventory inventory;
  private final QuotaProgress progress;
  private final TolunaFlowProperties flow;
  private final RecontactMetrics metrics;
  private final ChunkBudget budget;
  private final TransactionTemplate separate;
  private final ExecutorService pairs = Executors.newCachedThreadPool(DaemonThreads.named("sample-members"));
  private final SamplingEngine sampling = new SamplingEngine();

  SampleMembers(QuotaMembers members, SurveyClaims claims, PanelMembers directory, QuotaInventory inventory,
      QuotaProgress progress, TolunaFlowProperties flow, RecontactMetrics metrics, ChunkBudget budget,
      PlatformTransactionManager transactions) {
    this.members = members;
    this.claims = claims;
    this.directory = directory;
    this.inventory = inventory;
    this.progress = progress;
    this.flow = flow;
    this.metrics = metrics;
    this.budget = budget;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quotaId) {
    // Chunks while the job's budget lasts (a job per chunk paid a hand-off each: at 100,000 codes, 11 jobs; issue 20),
    // each committed on its own: a failed chunk fails the job, which goes on from the members still VALID.
    BooleanSupplier budgetLeft = budget.left();
    StoredQuota quota = null;
    // Past the run sampled last (every member in it changed state), so the key is read once per job, not from its
    // start per chunk; from the start again before DONE, for members that became VALID behind the cursor meanwhile.
    String after = null;
    while (budgetLeft.getAsBoolean()) {
      int limit = AT_ONCE * flow.sampleChunkSize();
      List<String> codes = members.codesIn(panel, quotaId, QuotaMemberState.VALID, after, limit);
      if (codes.isEmpty() && after != null) {
        after = null;
        codes = members.codesIn(panel, quotaId, QuotaMemberState.VALID, null, limit);
      }
      if (codes.isEmpty()) {
        vars.samplingOutcome("DONE");
        progress.stepDone(execution.getProcessInstanceId(), vars);
        return;
      }
      if (quota == null) {
        quota = inventory.find(panel, quotaId).orElseThrow(() -> new IllegalStateException("Quota " + quotaId
            + " of panel " + panel + " is not in the stored inventory: the sweep stores it before starting"));
      }
      StoredQuota definition = quota;
      // Two runs of the code order, so that their range updates and claims never meet.
      List<String> first = codes.subList(0, Math.min(codes.size(), flow.sampleChunkSize()));
      List<String> second = codes.subList(first.size(), codes.size());
      CompletableFuture<Void> other = second.isEmpty() ? CompletableFuture.completedFuture(null)
          : CompletableFuture.runAsync(() -> separate.executeWithoutResult(
              s -> sampleChunk(panel, quotaId, definition, second)), pairs);
      try {
        separate.executeWithoutResult(s -> sampleChunk(panel, quotaId, definition, first));
      } finally {
        awaitOther(other);
      }
      after = codes.get(codes.size() - 1);
    }
    vars.samplingOutcome("MORE");
    progress.chunkDone(execution.getProcessInstanceId(), vars);
  }

  private static void awaitOther(CompletableFuture<Void> other) {
    try {
      other.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void sampleChunk(String panel, long quotaId, StoredQuota quota, List<String> codes) {
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
  }

  /** The chunk's matches and new exceptions, once the chunk's transaction commits. */
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
