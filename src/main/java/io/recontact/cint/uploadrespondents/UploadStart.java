package io.recontact.cint.uploadrespondents;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.respondentfile.RespondentFileStore;
import io.recontact.engine.StartCheck;
import io.recontact.engine.StartVariables;
import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Start listener of cintUploadRespondents ({@code ${uploadStart.check(execution)}}): the target group, a stored
 * respondent file and the goal. Called by cintRecontact and cintReplaceRecontacts, which pass these on.
 */
@Component("uploadStart")
public class UploadStart implements StartCheck {

  static final String PROCESS_KEY = "cintUploadRespondents";

  private final RespondentFileStore files;

  public UploadStart(RespondentFileStore files) {
    this.files = files;
  }

  @Override
  public void check(DelegateExecution execution) {
    StartVariables start = StartVariables.of(PROCESS_KEY, execution)
        .positiveInteger(UploadVariables.ACCOUNT_ID, "the Cint account id")
        .ulid(UploadVariables.PROJECT_ID, "the Cint project id")
        .ulid(UploadVariables.TARGET_GROUP_ID, "the Cint target group id")
        .oneOf(UploadVariables.ENTITY_TYPE, Arrays.stream(EntityType.values()).map(Enum::name).toList(), false)
        .positiveInteger(UploadVariables.COMPLETES_GOAL, "the completes goal");
    int before = start.problems().size();
    start.positiveInteger(UploadVariables.RESPONDENT_FILE_ID, "the id of a stored respondent file");
    if (start.problems().size() == before && !files.exists(new UploadVariables(execution).respondentFileId())) {
      start.problem(UploadVariables.RESPONDENT_FILE_ID + " " + start.value(UploadVariables.RESPONDENT_FILE_ID)
          + " is not a stored respondent file: "
          + "start cintRecontact or cintReplaceRecontacts, which store the file first");
    }
    start.orRefuse();
  }
}
