package io.recontact.cint.followfielding;

import io.recontact.cint.CintVariables;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How others start or wake cintFollowFielding: one instance per target group ({@code cint_fielding_follow}'s key),
 * business key {@code fielding-<targetGroupId>}; a wake is the message {@value #WAKE_MESSAGE}, which the instance
 * takes while it waits for its next reading (otherwise it is reading already, and the wake is not needed).
 */
@Component
public class FieldingSignals {

  public static final String PROCESS_KEY = "cintFollowFielding";
  public static final String WAKE_MESSAGE = "CintFieldingUpdate";
  /** The message's variable: what woke the instance (the webhook's event type). */
  public static final String WOKEN_BY = "wokenBy";

  /** The instance that follows the target group, and whether this call started it. */
  public record Followed(String processInstanceId, String businessKey, boolean started) {
  }

  private final RuntimeService runtime;
  private final FieldingFollows follows;

  public FieldingSignals(RuntimeService runtime, FieldingFollows follows) {
    this.runtime = runtime;
    this.follows = follows;
  }

  public static String businessKey(String targetGroupId) {
    return "fielding-" + targetGroupId;
  }

  /** Starts following the target group unless an instance (running or ended) already does. */
  @Transactional
  public Followed follow(int accountId, String projectId, String targetGroupId, String startedBy) {
    String businessKey = businessKey(targetGroupId);
    if (!follows.claim(targetGroupId, accountId, projectId, startedBy)) {
      String existing = follows.find(targetGroupId).map(FieldingFollows.Follow::processInstanceId).orElse(null);
      return new Followed(existing, businessKey, false);
    }
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey,
        Map.of(CintVariables.ACCOUNT_ID, accountId, CintVariables.PROJECT_ID, projectId,
            CintVariables.TARGET_GROUP_ID, targetGroupId));
    follows.instance(targetGroupId, instance.getId());
    return new Followed(instance.getId(), businessKey, true);
  }

  /**
   * Wakes the target group's instance for an early reading; the number of instances woken (0 or 1). When its timer
   * fires at the same moment, the engine's optimistic lock lets one of the two win: a reading happens either way, so
   * the losing wake counts 0 rather than failing the webhook.
   */
  public int wake(String targetGroupId, String event) {
    try {
      return runtime.createMessageCorrelation(WAKE_MESSAGE).processInstanceBusinessKey(businessKey(targetGroupId))
          .setVariable(WOKEN_BY, event).correlateAllWithResult().size();
    } catch (OptimisticLockingException raced) {
      return 0;
    }
  }
}
