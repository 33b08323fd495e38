package io.recontact.toluna.recontactquota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.recontact.governance.ContactGate;
import io.recontact.governance.ContactGate.Reason;
import io.recontact.governance.ContactGate.Refusal;
import io.recontact.governance.Marketplace;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.recontactquota.QuotaMembers.StateChange;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * ValidateMembers screens the valid codes against the do-not-contact list and the caps a page at a time, each page
 * read past the last code of the one before, so a quota of any size is screened whole without one list of all its
 * codes; the refusals of every page are stored together.
 */
class ValidateMembersScreenTest {

  static final QuotaMemberState VALID = QuotaMemberState.VALID;

  @Test
  void everyPageOfValidCodesIsScreenedAndTheRefusalsOfAllPagesAreStored() {
    int page = ValidateMembers.SCREEN_PAGE;
    List<String> first = IntStream.range(0, page).mapToObj(i -> String.format("m%06d", i)).toList();
    List<String> second = List.of("m900001", "m900002");
    QuotaMembers members = mock(QuotaMembers.class);
    when(members.validate("panel", 7L)).thenReturn(Map.of());
    when(members.codesIn("panel", 7L, VALID, null, page)).thenReturn(first);
    when(members.codesIn("panel", 7L, VALID, first.get(page - 1), page)).thenReturn(second);
    ContactGate gate = mock(ContactGate.class);
    when(gate.screen(Marketplace.TOLUNA, first)).thenReturn(Map.of("m000003", new Refusal(Reason.SUPPRESSED, null)));
    when(gate.screen(Marketplace.TOLUNA, second)).thenReturn(Map.of("m900002", new Refusal(Reason.SUPPRESSED, null)));
    ValidateMembers step = new ValidateMembers(members, mock(ValidationExceptions.class), mock(QuotaProgress.class),
        mock(RecontactMetrics.class), gate);

    step.execute(mock(DelegateExecution.class), mock(TolunaQuotaVariables.class), "panel", 7L);

    verify(gate).screen(Marketplace.TOLUNA, first);
    verify(gate).screen(Marketplace.TOLUNA, second);
    verify(members, never()).codesIn(anyString(), eq(7L), any(), eq("m900002"), anyInt());
    verify(gate, never()).screen(eq(Marketplace.TOLUNA), eq(List.of()));
    @SuppressWarnings("unchecked")
    ArgumentCaptor<List<StateChange>> refused = ArgumentCaptor.forClass(List.class);
    verify(members).setStates(eq("panel"), eq(7L), refused.capture());
    assertThat(refused.getValue()).extracting(StateChange::memberCode).containsExactly("m000003", "m900002");
    assertThat(refused.getValue()).extracting(StateChange::state).containsOnly(QuotaMemberState.EXCEPTION);
  }

  @Test
  void aQuotaWithoutValidCodesIsScreenedOnceAndStoresNoRefusal() {
    QuotaMembers members = mock(QuotaMembers.class);
    when(members.validate("panel", 7L)).thenReturn(Map.of());
    when(members.codesIn("panel", 7L, VALID, null, ValidateMembers.SCREEN_PAGE)).thenReturn(List.of());
    ContactGate gate = mock(ContactGate.class);
    when(gate.screen(eq(Marketplace.TOLUNA), anyCollection())).thenReturn(Map.of());
    ValidateMembers step = new ValidateMembers(members, mock(ValidationExceptions.class), mock(QuotaProgress.class),
        mock(RecontactMetrics.class), gate);

    step.execute(mock(DelegateExecution.class), mock(TolunaQuotaVariables.class), "panel", 7L);

    verify(members).codesIn("panel", 7L, VALID, null, ValidateMembers.SCREEN_PAGE);
    verify(members).setStates("panel", 7L, List.of());
  }
}
