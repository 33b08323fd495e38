package io.recontact.cint.replacerecontacts;

import io.recontact.cint.CintVariables;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.respondentfile.RespondentFileIntake;
import io.recontact.cint.respondentfile.RespondentFileRejectedException;
import io.recontact.cint.respondentfile.RespondentFileStore;
import io.recontact.engine.FileVariables;
import io.recontact.engine.StartCheck;
import io.recontact.engine.StartVariables;
import java.util.Arrays;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Start listener of cintReplaceRecontacts ({@code ${replacementStart.check(execution)}}): the target group, the goal
 * and a usable new file (a File variable, or the one POST .../replacement stored under the business key).
 */
@Component("replacementStart")
public class ReplacementStart implements StartCheck {

  /** Files are stored under the business key (respondent_file.reference). */
  static final int MAX_BUSINESS_KEY = 64;

  private final RespondentFileStore files;
  private final RespondentFileIntake intake;

  public ReplacementStart(RespondentFileStore files, RespondentFileIntake intake) {
    this.files = files;
    this.intake = intake;
  }

  @Override
  public void check(DelegateExecution execution) {
    StartVariables start = StartVariables.of(CintReplaceRecontactsController.PROCESS_KEY, execution)
        .businessKeyAtMost(MAX_BUSINESS_KEY)
        .positiveInteger(CintVariables.ACCOUNT_ID, "the Cint account id")
        .ulid(CintVariables.PROJECT_ID, "the Cint project id")
        .ulid(CintVariables.TARGET_GROUP_ID, "the Cint target group id")
        .oneOfIgnoringCase(CintVariables.ENTITY_TYPE, Arrays.stream(EntityType.values()).map(Enum::name).toList(),
            true)
        .positiveInteger(CintVariables.COMPLETES_GOAL, "the completes goal");
    String key = execution.getProcessBusinessKey();
    if (key == null || key.isBlank() || key.length() > MAX_BUSINESS_KEY || files.find(key).isEmpty()) {
      FileVariables.Upload upload = start.file(CintVariables.RESPONDENT_FILE, "the new respondent IDs");
      if (upload != null && start.problems().isEmpty()) {
        Object type = start.value(CintVariables.ENTITY_TYPE);
        try {
          if (intake.check(upload.content(), type == null ? EntityType.RSID
              : EntityType.valueOf(type.toString().toUpperCase(Locale.ROOT))).acceptedCount() == 0) {
            start.problem("respondentFile holds no valid " + (type == null ? "RSID" : type) + ": nothing to replace "
                + "with");
          }
        } catch (RespondentFileRejectedException e) {
          start.problem("respondentFile: " + e.getMessage());
        }
      }
    }
    start.orRefuse();
  }
}
