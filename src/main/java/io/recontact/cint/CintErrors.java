package io.recontact.cint;

import io.recontact.cint.client.CintApiException;
import io.recontact.cint.client.TargetGroupRef;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * How a service task treats Cint's answers, the same in every Cint diagram:
 * <ul>
 *   <li>5xx, timeouts, connection errors: rethrown, so Camunda retries and finally raises an incident;</li>
 *   <li>429: rethrown; {@code RateLimitRetryPlugin} reschedules the job after {@code Retry-After};</li>
 *   <li>409 and 400/404/422: BPMN errors {@link #CONFLICT} / {@link #REJECTED}, where the diagram models them;</li>
 *   <li>401/403 (credentials) and 413/415 (our own file defects): incidents that say so.</li>
 * </ul>
 */
public final class CintErrors {

  public static final String CONFLICT = "CINT_CONFLICT";
  public static final String REJECTED = "CINT_REJECTED";

  private CintErrors() {
  }

  /** For tasks with boundary events for {@link #CONFLICT} and {@link #REJECTED}. */
  public static <T> T modelled(String step, Supplier<T> call) {
    try {
      return call.get();
    } catch (CintApiException e) {
      throw translate(step, e, true);
    }
  }

  /** For tasks that model only the 409 (a timer, then again); every other non-technical answer is an incident. */
  public static <T> T conflictAware(String step, Supplier<T> call) {
    try {
      return call.get();
    } catch (CintApiException e) {
      throw e.isConflict() ? translate(step, e, true) : translate(step, e, false);
    }
  }

  /** For tasks without business outcomes: every non-technical answer becomes a readable incident. */
  public static <T> T call(String step, Supplier<T> call) {
    try {
      return call.get();
    } catch (CintApiException e) {
      throw translate(step, e, false);
    }
  }

  static RuntimeException translate(String step, CintApiException e, boolean modelled) {
    int status = e.status();
    if (e.isTechnical() || e.isRateLimited()) {
      return e;
    }
    if (status == 401 || status == 403) {
      return new IllegalStateException(step + ": Cint refused our credentials or permissions (" + status + "). "
          + "Check RECONTACT_CINT_CLIENT_ID / RECONTACT_CINT_CLIENT_SECRET and the account's rights, then retry. "
          + e.getMessage(), e);
    }
    if (status == 413 || status == 415) {
      return new IllegalStateException(step + ": Cint answered " + status + " to our upload. This is a defect of "
          + "Recontact Orchestrator (file splitting or multipart encoding), not of the respondent data. "
          + e.getMessage(), e);
    }
    if (modelled) {
      return new BpmnError(status == 409 ? CONFLICT : REJECTED, step + ": " + e.getMessage());
    }
    return new IllegalStateException(step + ": " + e.getMessage(), e);
  }

  public static TargetGroupRef targetGroup(DelegateExecution execution) {
    return new CintVariables(execution).targetGroup();
  }
}
