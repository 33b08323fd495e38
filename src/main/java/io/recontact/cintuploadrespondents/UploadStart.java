package io.recontact.cintuploadrespondents;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.process.StartVariables;
import io.recontact.respondentfile.RespondentFileStore;
import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Start listener of cintUploadRespondents ({@code ${uploadStart.check(execution)}}): the target group, a stored
 * respondent file and the goal. Called by cintRecontact and cintReplaceRecontacts, which pass these on.
 */
@Component("uploadStart")
public class UploadStart {

  static final String PROCESS_KEY = "cintUploadRespondents";

  private final RespondentFileStore files;

  public UploadStart(RespondentFileStore files) {
    this.files = files;
  }

  public void check(DelegateExecution execution) {
    StartVariables start = StartVariables.of(PROCESS_KEY, execution)
        .positiveInteger("accountId", "the Cint account id")
        .ulid("projectId", "the Cint project id")
        .ulid("targetGroupId", "the Cint target group id")
        .oneOf("entityType", Arrays.stream(EntityType.values()).map(Enum::name).toList(), false)
        .positiveInteger("completesGoal", "the completes goal");
    int before = start.problems().size();
    start.positiveInteger("respondentFileId", "the id of a stored respondent file");
    if (start.problems().size() == before
        && !files.exists(((Number) start.value("respondentFileId")).longValue())) {
      start.problem("respondentFileId " + start.value("respondentFileId") + " is not a stored respondent file: "
          + "start cintRecontact or cintReplaceRecontacts, which store the file first");
    }
    start.orRefuse();
  }
}
