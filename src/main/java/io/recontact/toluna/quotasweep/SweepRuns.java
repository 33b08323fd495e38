package io.recontact.toluna.quotasweep;

import io.recontact.toluna.quotasweep.SweepVariables.PanelOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The sweeps of the last day (the definition's history time to live) as Camunda's history holds them: Cockpit CE
 * shows running instances only, and a sweep is over within seconds. Read with the caller's engine authorizations, like
 * the status API: operators and admins see every sweep, approvers none.
 */
@Component
class SweepRuns {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final Comparator<SweepRunView.PanelRun> BY_PANEL = Comparator.comparing(
      SweepRunView.PanelRun::panelGuid, Comparator.nullsLast(Comparator.naturalOrder()));

  /** A sweep: RUNNING (INCIDENT when a panel's job failed for good), COMPLETED, or DELETED before it ended. */
  enum Outcome { RUNNING, INCIDENT, SUSPENDED, COMPLETED, DELETED }

  private final HistoryService history;

  SweepRuns(HistoryService history) {
    this.history = history;
  }

  /** The newest {@code limit} sweeps, newest first. */
  List<SweepRunView.SweepRun> recent(int limit) {
    return runs(history.createHistoricProcessInstanceQuery().processDefinitionKey(TolunaSweepController.PROCESS_KEY)
        .orderByProcessInstanceStartTime().desc().listPage(0, limit));
  }

  Optional<SweepRunView.SweepRun> one(String processInstanceId) {
    return runs(history.createHistoricProcessInstanceQuery().processDefinitionKey(TolunaSweepController.PROCESS_KEY)
        .processInstanceId(processInstanceId).list()).stream().findFirst();
  }

  private List<SweepRunView.SweepRun> runs(List<HistoricProcessInstance> sweeps) {
    if (sweeps.isEmpty()) {
      return List.of();
    }
    // The variables of each panel's SweepPanel scope share its scope execution: one group per panel. (History records
    // them under the multi-instance body's activity instance, the same for every panel.)
    Map<String, Map<String, Map<String, Object>>> panelsBySweep = new LinkedHashMap<>();
    history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(sweeps.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(SweepVariables.PANEL_SCOPE.toArray(String[]::new)).list()
        .forEach(v -> panelsBySweep.computeIfAbsent(v.getProcessInstanceId(), k -> new LinkedHashMap<>())
            .computeIfAbsent(v.getExecutionId(), k -> new LinkedHashMap<>()).put(v.getName(), v.getValue()));
    List<SweepRunView.SweepRun> runs = new ArrayList<>();
    for (HistoricProcessInstance sweep : sweeps) {
      List<SweepRunView.PanelRun> panels = panelsBySweep.getOrDefault(sweep.getId(), Map.of()).values().stream()
          .map(SweepRuns::panel).sorted(BY_PANEL).toList();
      // Only a running sweep can have open incidents.
      List<SweepRunView.Incident> incidents = sweep.getEndTime() != null ? List.of()
          : history.createHistoricIncidentQuery().processInstanceId(sweep.getId()).open().list().stream()
              .map(i -> new SweepRunView.Incident(i.getActivityId(), i.getIncidentMessage())).toList();
      runs.add(new SweepRunView.SweepRun(sweep.getId(), outcome(sweep.getState(), incidents),
          instant(sweep.getStartTime()), instant(sweep.getEndTime()), count(panels, PanelOutcome.SWEPT),
          count(panels, PanelOutcome.SKIPPED), panels.stream().mapToLong(SweepRunView.PanelRun::instancesStarted).sum(),
          panels.stream().mapToLong(SweepRunView.PanelRun::quotasWoken).sum(), incidents, panels));
    }
    return runs;
  }

  private static SweepRunView.PanelRun panel(Map<String, Object> vars) {
    return new SweepRunView.PanelRun((String) vars.get(SweepVariables.SWEPT_PANEL),
        (String) vars.get(SweepVariables.OUTCOME), number(vars.get(SweepVariables.OFFERED)),
        number(vars.get(SweepVariables.CHANGED)), number(vars.get(SweepVariables.STARTED)),
        SweepVariables.ids(vars.get(SweepVariables.TO_WAKE)).size(), (String) vars.get(SweepVariables.SUMMARY));
  }

  private static String outcome(String state, List<SweepRunView.Incident> incidents) {
    return switch (state) {
      case HistoricProcessInstance.STATE_ACTIVE -> incidents.isEmpty() ? Outcome.RUNNING.name()
          : Outcome.INCIDENT.name();
      case HistoricProcessInstance.STATE_SUSPENDED -> Outcome.SUSPENDED.name();
      case HistoricProcessInstance.STATE_COMPLETED -> Outcome.COMPLETED.name();
      default -> Outcome.DELETED.name();
    };
  }

  private static int count(List<SweepRunView.PanelRun> panels, PanelOutcome outcome) {
    return (int) panels.stream().filter(p -> outcome.name().equals(p.outcome())).count();
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0L;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
