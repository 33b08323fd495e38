package io.recontact.cintreplacerecontacts;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.process.TargetGroupCoordinates;
import io.recontact.process.FileVariables;
import io.recontact.respondentfile.RespondentFileIntake;
import io.recontact.respondentfile.RespondentFileRejectedException;
import io.recontact.respondentfile.RespondentFileStore;
import io.recontact.respondentfile.StoredFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks what a replacement needs (target group coordinates, entity type, completes goal) and stores the new file
 * once, before anything is removed at Cint: a replacement never empties a target group it cannot refill.
 */
@Component("prepareReplacementFile")
class PrepareReplacementFile implements JavaDelegate {

  static final String INVALID_REQUEST = "INVALID_REQUEST";

  private final RespondentFileStore files;
  private final RespondentFileIntake intake;

  PrepareReplacementFile(RespondentFileStore files, RespondentFileIntake intake) {
    this.files = files;
    this.intake = intake;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (execution.getProcessBusinessKey() == null || execution.getProcessBusinessKey().isBlank()) {
      execution.setProcessBusinessKey(execution.getProcessInstanceId());
    }
    List<String> problems = new ArrayList<>(TargetGroupCoordinates.problems(execution.getVariable("accountId"),
        execution.getVariable("projectId"), execution.getVariable("targetGroupId")));
    EntityType type = null;
    Object entityType = execution.getVariable("entityType");
    try {
      type = entityType == null ? EntityType.RSID : EntityType.valueOf(entityType.toString().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add("entityType '" + entityType + "' is unknown: use RSID, RESPONDENT_ID, RID or RESPONSE_ID");
    }
    if (!(execution.getVariable("completesGoal") instanceof Number goal) || goal.intValue() < 1) {
      problems.add("completesGoal is required: at least 1");
    }
    if (!problems.isEmpty()) {
      throw new BpmnError(INVALID_REQUEST, "The replacement cannot start: " + String.join("; ", problems));
    }
    String reference = execution.getProcessBusinessKey();
    EntityType entity = type;
    StoredFile file = files.find(reference).orElseGet(() -> {
      FileVariables.Upload upload = FileVariables.read(execution, "respondentFile");
      if (upload == null) {
        throw new BpmnError(INVALID_REQUEST, "No respondent file: start with a File variable 'respondentFile' or "
            + "use POST /api/cint/target-groups/{targetGroupId}/recontacts/replacement");
      }
      try {
        return intake.intake(reference, upload.fileName(), entity, upload.content());
      } catch (RespondentFileRejectedException e) {
        throw new BpmnError(INVALID_REQUEST, e.getMessage());
      }
    });
    execution.removeVariable("respondentFile");
    execution.setVariable("accountId", ((Number) execution.getVariable("accountId")).intValue());
    execution.setVariable("completesGoal", ((Number) execution.getVariable("completesGoal")).intValue());
    execution.setVariable("entityType", file.entityType().name());
    execution.setVariable("respondentFileId", file.id());
    execution.setVariable("fileName", file.fileName());
    execution.setVariable("acceptedCount", file.acceptedCount());
    execution.setVariable("duplicateCount", file.duplicateCount());
    execution.setVariable("blankCount", file.blankCount());
    execution.setVariable("invalidCount", file.invalidCount());
    if (file.acceptedCount() == 0) {
      throw new BpmnError(INVALID_REQUEST, "The file holds no valid " + file.entityType() + ": nothing to replace with");
    }
  }
}
