package io.recontact.cint.replacerecontacts;

import io.recontact.cint.CintVariables;
import io.recontact.cint.FlowRequests;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.respondentfile.RespondentFileIntake;
import io.recontact.cint.respondentfile.RespondentFileRejectedException;
import io.recontact.cint.respondentfile.RespondentFileStore;
import io.recontact.cint.respondentfile.StoredFile;
import io.recontact.engine.FileVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks what a replacement needs (target group coordinates, entity type, completes goal) and stores the new file
 * once, before anything is removed at Cint: a replacement never empties a target group it cannot refill.
 */
@Component("prepareReplacementFile")
class PrepareReplacementFile implements JavaDelegate {

  private final RespondentFileStore files;
  private final RespondentFileIntake intake;

  PrepareReplacementFile(RespondentFileStore files, RespondentFileIntake intake) {
    this.files = files;
    this.intake = intake;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reference = FlowRequests.businessKey(execution);
    CintVariables vars = new CintVariables(execution);
    ReplacementRequest request = ReplacementRequest.of(vars);
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw FlowRequests.invalidRequest("The replacement cannot start: " + String.join("; ", problems));
    }
    EntityType entity = request.entity();
    StoredFile file = files.find(reference).orElseGet(() -> {
      FileVariables.Upload upload = FileVariables.read(execution, CintVariables.RESPONDENT_FILE);
      if (upload == null) {
        throw FlowRequests.invalidRequest("No respondent file: start with a File variable 'respondentFile' or "
            + "use POST /api/cint/target-groups/{targetGroupId}/recontacts/replacement");
      }
      try {
        return intake.intake(reference, upload.fileName(), entity, upload.content());
      } catch (RespondentFileRejectedException e) {
        throw FlowRequests.invalidRequest(e.getMessage());
      }
    });
    vars.removeRespondentFile();
    vars.accountIdAsInteger();
    vars.completesGoal(request.goal());
    vars.file(file);
    if (file.acceptedCount() == 0) {
      throw FlowRequests.invalidRequest("The file holds no valid " + file.entityType() + ": nothing to replace with");
    }
  }
}
