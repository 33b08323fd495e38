package io.recontact.toluna.recontactquota;

import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.membersync.TolunaMemberSync;
import io.recontact.toluna.recontactquota.TolunaQuotaVariables.Count;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Step 4 of Toluna's recontact diagram: before the next chunk of matched members is invited, brings Toluna's copy of
 * their profiles up to date (only members whose profile changed since it was last sent). The same job then
 * generates the chunk's invites, so a retry repeats only what the sync's hashes say is still different.
 */
@Component("updateMembersAtToluna")
class UpdateMembersAtToluna extends QuotaStep {

  private final TolunaMemberSync sync;
  private final QuotaMembers members;
  private final TolunaFlowProperties flow;

  UpdateMembersAtToluna(TolunaMemberSync sync, QuotaMembers members, TolunaFlowProperties flow) {
    this.sync = sync;
    this.members = members;
    this.flow = flow;
  }

  @Override
  void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quota) {
    List<String> codes = members.codesIn(panel, quota, QuotaMemberState.MATCHED, flow.invite().chunkSize());
    if (!codes.isEmpty()) {
      TolunaMemberSync.SyncResult result = sync.sync(panel, codes);
      vars.add(Count.membersSynced, result.added() + result.updated());
    }
  }
}
