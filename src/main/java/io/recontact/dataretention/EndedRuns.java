package io.recontact.dataretention;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Which Cint runs still need their data, asked of Camunda: a process instance that is still running, or that ended
 * after the cut-off. A run whose history is gone (past its time to live) ended long before: it holds nothing back.
 * Callers pass at most a chunk of keys at a time.
 */
@Component
class EndedRuns {

  private final RuntimeService runtime;
  private final HistoryService history;

  EndedRuns(RuntimeService runtime, HistoryService history) {
    this.runtime = runtime;
    this.history = history;
  }

  /** The business keys (a respondent file's reference) of instances still running or ended after the cut-off. */
  Set<String> businessKeysInUse(Collection<String> businessKeys, Instant cutoff) {
    Set<String> inUse = new HashSet<>();
    if (businessKeys.isEmpty()) {
      return inUse;
    }
    // History holds every running instance too (unfinished; the cleanup never removes one), so one query answers.
    String[] keys = businessKeys.toArray(String[]::new);
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyIn(keys).list()) {
      if (endedAfter(instance, cutoff)) {
        inUse.add(instance.getBusinessKey());
      }
    }
    return inUse;
  }

  /** The process instance ids (an upload run's key) of instances still running or ended after the cut-off. */
  Set<String> instancesInUse(Collection<String> instanceIds, Instant cutoff) {
    Set<String> inUse = new HashSet<>();
    if (instanceIds.isEmpty()) {
      return inUse;
    }
    Set<String> ids = new HashSet<>(instanceIds);
    for (ProcessInstance running : runtime.createProcessInstanceQuery().processInstanceIds(ids).list()) {
      inUse.add(running.getId());
    }
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery().processInstanceIds(ids)
        .list()) {
      if (endedAfter(instance, cutoff)) {
        inUse.add(instance.getId());
      }
    }
    return inUse;
  }

  private static boolean endedAfter(HistoricProcessInstance instance, Instant cutoff) {
    return instance.getEndTime() == null || !instance.getEndTime().toInstant().isBefore(cutoff);
  }
}
