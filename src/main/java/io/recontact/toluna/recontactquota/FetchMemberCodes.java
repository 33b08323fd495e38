package io.recontact.toluna.recontactquota;

import io.recontact.engine.ChunkBudget;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.toluna.TolunaErrors;
import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.client.MemberCodePager;
import io.recontact.toluna.client.TolunaApiException;
import io.recontact.toluna.client.TolunaClient;
import io.recontact.toluna.client.TolunaMessages.MemberCodesPage;
import io.recontact.toluna.client.TolunaProperties;
import io.recontact.toluna.recontactquota.TolunaQuotaVariables.Count;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pages GetRecontactMembersForQuota after the stored cursor, a few pages per job. Each page is stored with the
 * cursor in its own transaction, so a crash resumes after the last stored code; a new round (cursor cleared) reads
 * the list from the start and keeps only codes not stored yet. Outcome: MORE, DONE or UNAVAILABLE.
 */
@Component("fetchMemberCodes")
class FetchMemberCodes extends QuotaStep {

  private static final Logger LOG = LoggerFactory.getLogger(FetchMemberCodes.class);

  private final TolunaClient toluna;
  private final QuotaMembers members;
  private final TolunaProperties connection;
  private final TolunaFlowProperties flow;
  private final RecontactMetrics metrics;
  private final ChunkBudget budget;

  FetchMemberCodes(TolunaClient toluna, QuotaMembers members, TolunaProperties connection, TolunaFlowProperties flow,
      RecontactMetrics metrics, ChunkBudget budget) {
    this.toluna = toluna;
    this.members = members;
    this.connection = connection;
    this.flow = flow;
    this.metrics = metrics;
    this.budget = budget;
  }

  @Override
  void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quota) {
    // Pages while the job's time budget lasts, at least one (each page is stored with its cursor).
    BooleanSupplier budgetLeft = budget.left();
    for (int pages = 0; pages < flow.fetchPagesPerJob() && budgetLeft.getAsBoolean(); pages++) {
      String cursor = members.cursor(panel, quota);
      MemberCodesPage page;
      try {
        page = toluna.getRecontactMemberCodes(panel, quota, connection.pageSize(), cursor);
      } catch (TolunaApiException e) {
        if (TolunaErrors.quotaUnavailable(e)) {
          vars.unavailableReason("GetRecontactMembersForQuota: " + e.getMessage());
          vars.fetchOutcome("UNAVAILABLE");
          return;
        }
        throw TolunaErrors.incident("Fetch member codes", panel, e);
      }
      String next = MemberCodePager.next(cursor, page);
      int stored = members.storePage(panel, quota, MemberCodePager.codes(page), next);
      // The page committed in its own transaction; a retry skips codes already stored, so they count once.
      metrics.memberCodesReceived(stored);
      vars.add(Count.codesReceived, stored);
      if (next == null) {
        vars.fetchOutcome("DONE");
        logReceived(vars, "all pages read");
        return;
      }
    }
    vars.fetchOutcome("MORE");
    // A long list takes many of these jobs: one line per job is its progress.
    logReceived(vars, "more pages to read");
  }

  private static void logReceived(TolunaQuotaVariables vars, String state) {
    LOG.info("Toluna quota {} of panel {}: {} member codes received so far, {}", vars.quotaId(), vars.panelGuid(),
        vars.count(Count.codesReceived), state);
  }
}
