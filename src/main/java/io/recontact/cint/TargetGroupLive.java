package io.recontact.cint;

import io.recontact.cint.client.TargetGroupRef;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The shared start hook of "a target group went live": the recontact's end event {@code TargetGroupLive} calls
 * {@code ${targetGroupLive.reached(execution)}}, and every {@link Listener} bean (e.g. the fielding follow-up, which
 * registers itself) is told, in the recontact's transaction. The recontact knows no listener, and no listener the
 * recontact: both know only this class.
 */
@Component("targetGroupLive")
public class TargetGroupLive {

  /** Told of each target group that went live; {@code origin} names the flow that launched it. */
  public interface Listener {
    void live(TargetGroupRef targetGroup, String origin);
  }

  private final ObjectProvider<Listener> listeners;

  public TargetGroupLive(ObjectProvider<Listener> listeners) {
    this.listeners = listeners;
  }

  public void reached(DelegateExecution execution) {
    TargetGroupRef targetGroup = new CintVariables(execution).targetGroup();
    List<Listener> all = listeners.orderedStream().toList();
    all.forEach(listener -> listener.live(targetGroup, execution.getProcessDefinitionId() == null ? "recontact"
        : execution.getProcessDefinitionId().split(":")[0]));
  }
}
