package io.recontact.toluna.recontactquota;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;

/** A wake-up that loses a race with the instance is tried again while the instance runs, and only then. */
class QuotaSignalsTest {

  private final RuntimeService runtime = mock(RuntimeService.class, RETURNS_DEEP_STUBS);
  private final QuotaSignals signals = new QuotaSignals(runtime, mock(PlatformTransactionManager.class),
      mock(QuotaRuns.class));

  @AfterEach
  void stop() {
    signals.stop();
  }

  @Test
  void aCorrelationThatLostARaceIsTriedAgainUntilItReachesTheInstance() {
    when(runtime.createMessageCorrelation(anyString()).processInstanceBusinessKey(anyString())
        .correlateAllWithResult())
        .thenThrow(new OptimisticLockingException("MessageEntity was updated by another transaction concurrently"))
        .thenReturn(List.of())
        .thenReturn(List.of(mock(MessageCorrelationResult.class)));
    when(runtime.createProcessInstanceQuery().processInstanceBusinessKey(anyString()).active().count())
        .thenReturn(1L);

    signals.surveyClosed("PANEL", 7);

    verify(runtime.createMessageCorrelation(anyString()).processInstanceBusinessKey(anyString()),
        timeout(5_000).times(3)).correlateAllWithResult();
    verify(runtime.createMessageCorrelation(anyString()).processInstanceBusinessKey(anyString()),
        after(3_000).times(3)).correlateAllWithResult();
  }

  @Test
  void noInstanceRunningMeansNoSecondAttempt() {
    when(runtime.createMessageCorrelation(anyString()).processInstanceBusinessKey(anyString())
        .correlateAllWithResult()).thenReturn(List.of());
    when(runtime.createProcessInstanceQuery().processInstanceBusinessKey(anyString()).active().count())
        .thenReturn(0L);

    signals.quotaUpdated("PANEL", 7);

    verify(runtime.createMessageCorrelation(anyString()).processInstanceBusinessKey(anyString()),
        after(3 * QuotaSignals.BACKOFF_MILLIS).times(1)).correlateAllWithResult();
  }

  @Test
  void attemptsEndAfterTheLastOneWhileTheInstanceStaysBusy() {
    when(runtime.createMessageCorrelation(anyString()).processInstanceBusinessKey(anyString())
        .correlateAllWithResult()).thenReturn(List.of());
    when(runtime.createProcessInstanceQuery().processInstanceBusinessKey(anyString()).active().count())
        .thenReturn(1L);

    signals.quotaUpdated("PANEL", 7);

    verify(runtime.createMessageCorrelation(anyString()).processInstanceBusinessKey(anyString()),
        timeout(10_000).times(QuotaSignals.ATTEMPTS)).correlateAllWithResult();
    verify(runtime.createMessageCorrelation(anyString()).processInstanceBusinessKey(anyString()),
        after(3_000).times(QuotaSignals.ATTEMPTS))
        .correlateAllWithResult();
  }
}
