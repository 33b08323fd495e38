package io.recontact.cint;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What the first task of the Cint flows that take a request and a file shares (cintRecontact,
 * cintReplaceRecontacts): the modelled error for a request that cannot be used, and the business key the file is
 * stored under.
 */
public final class FlowRequests {

  /** The BPMN error code both diagrams catch on their first task. */
  public static final String INVALID_REQUEST = "INVALID_REQUEST";

  private FlowRequests() {
  }

  public static BpmnError invalidRequest(String message) {
    return new BpmnError(INVALID_REQUEST, message);
  }

  /** The business key, or the instance id for an instance started without one (it becomes the key). */
  public static String businessKey(DelegateExecution execution) {
    if (execution.getProcessBusinessKey() == null || execution.getProcessBusinessKey().isBlank()) {
      execution.setProcessBusinessKey(execution.getProcessInstanceId());
    }
    return execution.getProcessBusinessKey();
  }
}
