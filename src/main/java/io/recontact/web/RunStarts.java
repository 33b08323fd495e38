package io.recontact.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/** The 202 answer of an endpoint that starts a run of a process (a sweep, a settlement): where to follow it. */
public final class RunStarts {

  private RunStarts() {
  }

  /**
   * {@code {processInstanceId, process, status: <statusBase>/<id>, history}}, then {@code more} in order; mutable
   * order kept for the idempotent-start record.
   */
  public static ResponseEntity<Map<String, Object>> accepted(String processKey, String processInstanceId,
      String statusBase, Map<String, Object> more) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("processInstanceId", processInstanceId);
    body.put("process", processKey);
    body.put("status", statusBase + "/" + processInstanceId);
    body.put("history", "/engine-rest/history/process-instance/" + processInstanceId);
    body.putAll(more);
    return ResponseEntity.accepted().body(body);
  }
}
