package io.recontact.toluna.recontactquota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.recontact.engine.ChunkBudget;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.panel.PanelMembers;
import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.inventory.QuotaInventory;
import io.recontact.toluna.inventory.QuotaInventory.StoredQuota;
import io.recontact.toluna.recontactquota.QuotaMembers.StateChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * SampleMembers reads the valid members past the run it sampled last (V70: no index by state, so a read from the
 * start skips every member sampled before); before it says DONE it reads from the start once more, so a member that
 * became VALID behind its cursor meanwhile (a recheck, a refresh) is sampled by this job, not left VALID.
 */
class SampleMembersCursorTest {

  static final QuotaMemberState VALID = QuotaMemberState.VALID;

  @Test
  void aMemberThatBecameValidBehindTheCursorIsSampledBeforeTheJobSaysDone() {
    QuotaMembers members = mock(QuotaMembers.class);
    // Chunks of 2, two at a time: 4 codes per read.
    when(members.codesIn("panel", 7L, VALID, null, 4)).thenReturn(List.of("m01", "m02", "m03", "m04"),
        List.of("m02"), List.of());
    when(members.codesIn("panel", 7L, VALID, "m04", 4)).thenReturn(List.of());
    when(members.codesIn("panel", 7L, VALID, "m02", 4)).thenReturn(List.of());
    QuotaInventory inventory = mock(QuotaInventory.class);
    when(inventory.find("panel", 7L)).thenReturn(Optional.of(mock(StoredQuota.class)));
    TolunaFlowProperties flow = mock(TolunaFlowProperties.class);
    when(flow.sampleChunkSize()).thenReturn(2);
    ChunkBudget budget = mock(ChunkBudget.class);
    when(budget.left()).thenReturn(() -> true);
    TolunaQuotaVariables vars = mock(TolunaQuotaVariables.class);
    SampleMembers step = new SampleMembers(members, mock(SurveyClaims.class), mock(PanelMembers.class), inventory,
        mock(QuotaProgress.class), flow, mock(RecontactMetrics.class), budget, mock(PlatformTransactionManager.class));

    step.execute(mock(DelegateExecution.class), vars, "panel", 7L);

    @SuppressWarnings("unchecked")
    ArgumentCaptor<List<StateChange>> runs = ArgumentCaptor.forClass(List.class);
    verify(members, times(3)).setStatesOfRun(anyString(), anyLong(), eq(VALID), runs.capture());
    List<String> sampled = new ArrayList<>();
    runs.getAllValues().forEach(run -> run.forEach(change -> sampled.add(change.memberCode())));
    assertThat(sampled).as("the four of the first read, then the one behind the cursor")
        .containsExactlyInAnyOrder("m01", "m02", "m03", "m04", "m02");
    assertThat(runs.getAllValues().get(2)).extracting(StateChange::memberCode).containsExactly("m02");
    verify(vars).samplingOutcome("DONE");
    verify(members).codesIn("panel", 7L, VALID, "m04", 4);
    verify(members).codesIn("panel", 7L, VALID, "m02", 4);
    verify(members, never()).codesIn(any(), anyLong(), any(), eq("m01"), anyInt());
  }
}
