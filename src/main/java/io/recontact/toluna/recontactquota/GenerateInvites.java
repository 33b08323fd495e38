package io.recontact.toluna.recontactquota;

import io.recontact.engine.ChunkBudget;
import io.recontact.marketplace.BoundedCalls;
import io.recontact.marketplace.Pacer;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.storage.AsyncBatcher;
import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.TolunaErrors;
import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.client.TolunaApiException;
import io.recontact.toluna.client.TolunaClient;
import io.recontact.toluna.client.TolunaResultCode;
import io.recontact.toluna.eligibility.MemberEligibility.ReasonCode;
import io.recontact.toluna.recontactquota.Invites.Generated;
import io.recontact.toluna.recontactquota.QuotaMembers.StateChange;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Generates invites for one chunk of matched members with GenerateInvite, bounded in parallel and rate. Per-member
 * answers are recorded as they come: 43/17/37 not on the recontact list, 41 subquota full, other member refusals as
 * exceptions; 9/10/42 (and the other "quota not available" codes) stop the chunk and the instance waits. Nothing is
 * generated while the quota is paused or closed. Outcome: MORE, DONE, HALTED or UNAVAILABLE.
 */
@Component("generateInvites")
class GenerateInvites extends QuotaStep {

  private static final Logger LOG = LoggerFactory.getLogger(GenerateInvites.class);
  /**
   * Invites stored per transaction: a crash regenerates at most this many (one of each pair is delivered). A quarter
   * of a chunk: fewer commits, each of which rewrites the touched index pages on H2's file database.
   */
  static final int STORE_BATCH = 250;
  /**
   * Full batches that may wait for the writer: a crash loses at most these and the one being stored (their members
   * stay MATCHED and get new invites, as above); beyond them, the callers wait for the database.
   */
  static final int STORES_QUEUED = 2;

  private final TolunaClient toluna;
  private final QuotaMembers members;
  private final Invites invites;
  private final QuotaGate gate;
  private final QuotaProgress progress;
  private final TolunaFlowProperties flow;
  /** One per node: every quota's invite jobs together keep {@code invite.max-per-second}. */
  private final Pacer pacer;
  private final RecontactMetrics metrics;
  private final ChunkBudget budget;

  GenerateInvites(TolunaClient toluna, QuotaMembers members, Invites invites, QuotaGate gate, QuotaProgress progress,
      TolunaFlowProperties flow, RecontactMetrics metrics, ChunkBudget budget) {
    this.toluna = toluna;
    this.members = members;
    this.invites = invites;
    this.gate = gate;
    this.progress = progress;
    this.flow = flow;
    this.pacer = new Pacer(flow.invite().maxPerSecond());
    this.metrics = metrics;
    this.budget = budget;
  }

  @Override
  void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quota) {
    BooleanSupplier open = gate.open(panel, quota);
    if (!open.getAsBoolean()) {
      vars.inviteOutcome("HALTED");
      return;
    }
    int chunk = flow.invite().chunkSize();
    List<String> codes = members.codesIn(panel, quota, QuotaMemberState.MATCHED, chunk);
    if (codes.isEmpty()) {
      vars.inviteOutcome("DONE");
      progress.stepDone(execution.getProcessInstanceId(), vars);
      return;
    }
    long survey = vars.surveyId();
    AtomicReference<String> unavailable = new AtomicReference<>();
    // The job's time budget bounds the job: members not reached stay MATCHED for the next job ("MORE"). The calls go
    // on from chunk to chunk while it lasts (a job per chunk paid a hand-off each, a run per chunk waited at each
    // chunk's end for its slowest call; issue 20). With member sync on, this job's sync step sent the first chunk's
    // profiles only: the next chunk waits for the next job and its sync.
    BooleanSupplier budgetLeft = budget.left();
    BooleanSupplier keepGoing = () -> unavailable.get() == null && open.getAsBoolean() && budgetLeft.getAsBoolean();
    MatchedCodes matched = new MatchedCodes(members, panel, quota, codes, chunk, flow.memberSync().enabled());
    // How many calls the job makes is known for one chunk (member sync on, or the last chunk); else the budget decides.
    int expected = flow.memberSync().enabled() || codes.size() < chunk ? codes.size() : -1;
    generate(panel, quota, survey, matched, expected, keepGoing, unavailable);
    progress.chunkDone(execution.getProcessInstanceId(), vars);
    LOG.info("Toluna quota {} of panel {}: GenerateInvite in a job's chunks, {} matched members", quota, panel,
        matched.taken());
    if (unavailable.get() != null || !open.getAsBoolean()) {
      progress.stepDone(execution.getProcessInstanceId(), vars);
    }
    if (unavailable.get() != null) {
      vars.unavailableReason(unavailable.get());
      vars.inviteOutcome("UNAVAILABLE");
    } else {
      vars.inviteOutcome(open.getAsBoolean() ? "MORE" : "HALTED");
    }
  }

  /**
   * The calls, their invites stored as they come, {@link #STORE_BATCH} per transaction, by a writer thread of their
   * own: the callers go on calling while a batch is stored.
   */
  private void generate(String panel, long quota, long survey, MatchedCodes codes, int expected,
      BooleanSupplier keepGoing, AtomicReference<String> unavailable) {
    AsyncBatcher<Generated> stored = new AsyncBatcher<>(STORE_BATCH, STORES_QUEUED, "invite-store",
        batch -> invites.recordAll(panel, quota, survey, batch));
    try {
      BoundedCalls.run("GenerateInvite calls", codes, expected, flow.invite().concurrency(), pacer, keepGoing,
          // Worker threads: no process variables in here (they live in the job's command context).
          code -> invite(panel, quota, code, stored, unavailable));
    } finally {
      stored.flush();
    }
  }

  private void invite(String panel, long quota, String code, AsyncBatcher<Generated> stored,
      AtomicReference<String> unavailable) {
    try {
      stored.add(new Generated(code, toluna.generateInvite(panel, code, quota)));
    } catch (TolunaApiException e) {
      if (TolunaErrors.quotaUnavailable(e)) {
        unavailable.compareAndSet(null, "GenerateInvite: " + e.getMessage());
      } else if (e.status() == 400 && TolunaErrors.NOT_ON_LIST.contains(e.resultCode())) {
        members.setStateNow(panel, quota, new StateChange(code, QuotaMemberState.EXCEPTION,
            ReasonCode.NOT_ON_RECONTACT_LIST.name(), "GenerateInvite: " + e.getMessage()));
        metrics.memberExceptions(ReasonCode.NOT_ON_RECONTACT_LIST.name(), "invite", 1);
      } else if (e.status() == 400 && e.resultCode() == TolunaResultCode.SUB_QUOTA_FULL) {
        members.setStateNow(panel, quota, new StateChange(code, QuotaMemberState.SUBQUOTA_FULL, null,
            "GenerateInvite: " + e.getMessage()));
      } else if (e.status() == 400 && !TolunaErrors.PANEL_MISCONFIGURED.contains(e.resultCode())) {
        members.setStateNow(panel, quota, new StateChange(code, QuotaMemberState.EXCEPTION, "INVITE_REFUSED",
            "GenerateInvite: " + e.getMessage()));
        metrics.memberExceptions(MemberExceptionCounters.INVITE_REFUSED, "invite", 1);
      } else {
        throw TolunaErrors.incident("Generate invites", panel, e);
      }
    }
  }
}
