package io.recontact.cint.status;

import io.recontact.cint.recontact.RecontactVariables;
import io.recontact.cint.removerecontacts.RemovalVariables;
import io.recontact.cint.status.InstanceStatus.CalledProcess;
import io.recontact.cint.status.InstanceStatus.CintJob;
import io.recontact.cint.status.InstanceStatus.WaitingTask;
import io.recontact.cint.uploadrespondents.UploadVariables;
import io.recontact.engine.TaskDecisions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;

/**
 * Reads the status of Cint flows from the engine's history (so ended instances answer too) and the upload batches
 * table, with the caller's engine authorizations: what a user may not read is not found.
 */
@Service
public class CintStatuses {

  public static final String RECONTACT = "cintRecontact";
  public static final String REPLACEMENT = "cintReplaceRecontacts";
  public static final String REMOVAL = "cintRemoveRecontacts";
  static final String UPLOAD = "cintUploadRespondents";

  /** Variables a person asking "where is it?" needs; never IDs. */
  static final List<String> VARIABLES = List.of(RecontactVariables.TARGET_GROUP_ID,
      RecontactVariables.TARGET_GROUP_NAME, RecontactVariables.ACCOUNT_ID, RecontactVariables.PROJECT_ID,
      RecontactVariables.ENTITY_TYPE, RecontactVariables.FILE_NAME, RecontactVariables.LINE_COUNT,
      RecontactVariables.ACCEPTED_COUNT, RecontactVariables.DUPLICATE_COUNT, RecontactVariables.BLANK_COUNT,
      RecontactVariables.INVALID_COUNT, RecontactVariables.HEADER_DETECTED, RecontactVariables.COMPLETES_GOAL,
      RecontactVariables.SAVED_COUNT, UploadVariables.BATCH_COUNT, RecontactVariables.OVER_CAPACITY_COUNT,
      UploadVariables.UPLOAD_JOBS_SUMMARY, RecontactVariables.LAUNCH_JOB_ID, RecontactVariables.LAUNCH_JOB_STATUS,
      RecontactVariables.LAUNCH_FAILURE_REASON, RecontactVariables.FIELDING_RUN_ID,
      RecontactVariables.REJECTION_REASON, RecontactVariables.ABORT_REASON, UploadVariables.UPLOAD_OUTCOME,
      RemovalVariables.REMOVAL_OUTCOME, UploadVariables.GOAL_NOTE, TaskDecisions.COMMENT,
      UploadVariables.UPLOAD_DECISION_COMMENT, RemovalVariables.REMOVAL_DECISION_COMMENT,
      RemovalVariables.REMOVE_JOB_ID, RemovalVariables.REMOVE_JOB_STATUS, RemovalVariables.REMOVE_FAILURE_REASON,
      UploadVariables.UPLOAD_JOB_ID, UploadVariables.UPLOAD_JOB_STATUS, UploadVariables.UPLOAD_JOB_COUNT,
      UploadVariables.SENT_ID_COUNT, UploadVariables.JOB_SENT_ID_COUNT, UploadVariables.JOB_SAVED_ID_COUNT,
      UploadVariables.FAILED_ID_COUNT, UploadVariables.REVIEW_REASON, UploadVariables.RUN_SUMMARY,
      UploadVariables.CINT_DESCRIPTION, UploadVariables.FAILURE_REASON);

  private final HistoryService history;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final UploadJobRows uploadJobs;

  CintStatuses(HistoryService history, RuntimeService runtime, TaskService tasks, UploadJobRows uploadJobs) {
    this.history = history;
    this.runtime = runtime;
    this.tasks = tasks;
    this.uploadJobs = uploadJobs;
  }

  /** By process instance id, else by business key (the newest instance of that key). */
  public Optional<InstanceStatus> find(String processDefinitionKey, String idOrBusinessKey) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(idOrBusinessKey).processDefinitionKey(processDefinitionKey).singleResult();
    if (instance == null) {
      instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(idOrBusinessKey)
          .processDefinitionKey(processDefinitionKey).orderByProcessInstanceStartTime().desc().listPage(0, 1)
          .stream().findFirst().orElse(null);
    }
    return Optional.ofNullable(instance).map(this::status);
  }

  public InstanceStatus.Page<InstanceStatus> list(String processDefinitionKey, ListFilter filter) {
    HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(processDefinitionKey);
    if (filter.state() != null) {
      switch (filter.state()) {
        case "ACTIVE" -> query.active();
        case "SUSPENDED" -> query.suspended();
        case "COMPLETED" -> query.completed();
        case "EXTERNALLY_TERMINATED" -> query.externallyTerminated();
        case "INTERNALLY_TERMINATED" -> query.internallyTerminated();
        default -> throw new IllegalArgumentException(filter.state());
      }
    }
    if (filter.targetGroupId() != null) {
      query.variableValueEquals(RecontactVariables.TARGET_GROUP_ID, filter.targetGroupId());
    }
    if (filter.name() != null) {
      query.matchVariableValuesIgnoreCase().variableValueLike(RecontactVariables.TARGET_GROUP_NAME,
          "%" + like(filter.name()) + "%");
    }
    long total = query.count();
    List<InstanceStatus> items = query.orderByProcessInstanceStartTime().desc()
        .listPage(filter.page() * filter.size(), filter.size()).stream().map(this::status).toList();
    return new InstanceStatus.Page<>(filter.page(), filter.size(), total, items);
  }

  /** Validated list parameters: page from 0, size 1 to {@link ListFilter#MAX_SIZE}. */
  public record ListFilter(String state, String targetGroupId, String name, int page, int size) {
    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;
    public static final List<String> STATES = List.of("ACTIVE", "SUSPENDED", "COMPLETED", "EXTERNALLY_TERMINATED",
        "INTERNALLY_TERMINATED");
  }

  private InstanceStatus status(HistoricProcessInstance instance) {
    String id = instance.getId();
    boolean running = instance.getEndTime() == null;
    List<CintJob> jobs = new ArrayList<>();
    Map<String, Object> variables = variables(id);
    jobs.addAll(jobsOf(instance.getProcessDefinitionKey(), id, variables));
    List<CalledProcess> called = new ArrayList<>();
    for (HistoricProcessInstance child : history.createHistoricProcessInstanceQuery().superProcessInstanceId(id)
        .orderByProcessInstanceStartTime().asc().list()) {
      Map<String, Object> childVariables = variables(child.getId());
      jobs.addAll(jobsOf(child.getProcessDefinitionKey(), child.getId(), childVariables));
      called.add(new CalledProcess(child.getId(), child.getProcessDefinitionKey(), child.getState(),
          child.getEndActivityId(), child.getEndTime() == null ? activeActivities(child.getId()) : null,
          childVariables));
    }
    List<WaitingTask> open = !running || instance.getBusinessKey() == null ? List.of() : tasks.createTaskQuery()
        .processInstanceBusinessKey(instance.getBusinessKey()).list().stream()
        .map(t -> new WaitingTask(t.getId(), t.getTaskDefinitionKey(), t.getName())).toList();
    return new InstanceStatus(id, instance.getBusinessKey(), instance.getProcessDefinitionKey(), instance.getState(),
        instance.getStartTime().toInstant(), instance.getEndTime() == null ? null : instance.getEndTime().toInstant(),
        instance.getEndActivityId(), running ? activeActivities(id) : null, variables, jobs, called, open,
        RECONTACT.equals(instance.getProcessDefinitionKey())
            && variables.get(RecontactVariables.TARGET_GROUP_ID) instanceof String group
            ? uploadJobs.fielding(group) : null);
  }

  private List<String> activeActivities(String processInstanceId) {
    try {
      return runtime.getActiveActivityIds(processInstanceId);
    } catch (RuntimeException endedMeanwhile) {
      return List.of();
    }
  }

  private Map<String, Object> variables(String processInstanceId) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableNameIn(VARIABLES.toArray(String[]::new)).list()) {
      // Task-local variables (form figures) are the task's, not the instance's.
      if (variable.getTaskId() == null && variable.getValue() != null) {
        variables.put(variable.getName(), variable.getValue());
      }
    }
    return variables;
  }

  private List<CintJob> jobsOf(String definitionKey, String id, Map<String, Object> variables) {
    List<CintJob> jobs = new ArrayList<>();
    if (UPLOAD.equals(definitionKey)) {
      jobs.addAll(uploadJobs.of(id));
    }
    if (variables.get(RecontactVariables.LAUNCH_JOB_ID) instanceof String launch) {
      jobs.add(new CintJob("LAUNCH", launch, (String) variables.get(RecontactVariables.LAUNCH_JOB_STATUS), null,
          null, (String) variables.get(RecontactVariables.LAUNCH_FAILURE_REASON)));
    }
    if (variables.get(RemovalVariables.REMOVE_JOB_ID) instanceof String remove) {
      jobs.add(new CintJob("REMOVE_ALL", remove, (String) variables.get(RemovalVariables.REMOVE_JOB_STATUS), null,
          null, (String) variables.get(RemovalVariables.REMOVE_FAILURE_REASON)));
    }
    return jobs;
  }

  /** The name filter is a substring, not a pattern: LIKE's wildcards in it match themselves. */
  static String like(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
