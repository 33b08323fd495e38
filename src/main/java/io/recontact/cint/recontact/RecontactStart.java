package io.recontact.cint.recontact;

import io.recontact.cint.respondentfile.HygieneResult;
import io.recontact.cint.respondentfile.RespondentFileIntake;
import io.recontact.cint.respondentfile.RespondentFileRejectedException;
import io.recontact.cint.respondentfile.RespondentFileStore;
import io.recontact.engine.FileVariables;
import io.recontact.engine.StartCheck;
import io.recontact.engine.StartVariables;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Start listener of cintRecontact ({@code ${recontactStart.check(execution)}}): a usable {@code request} and a
 * usable respondent file (the File variable {@code respondentFile}, or the one POST /api/cint/recontacts stored
 * under the business key). Engine REST gets the same checks, and the same messages, as the /api start.
 */
@Component("recontactStart")
public class RecontactStart implements StartCheck {

  /** Files are stored under the business key (respondent_file.reference). */
  static final int MAX_BUSINESS_KEY = 64;

  private final RespondentFileStore files;
  private final RespondentFileIntake intake;
  private final CintRecontactProperties defaults;

  public RecontactStart(RespondentFileStore files, RespondentFileIntake intake, CintRecontactProperties defaults) {
    this.files = files;
    this.intake = intake;
    this.defaults = defaults;
  }

  @Override
  public void check(DelegateExecution execution) {
    StartVariables start = StartVariables.of(RecontactStarter.PROCESS_KEY, execution)
        .businessKeyAtMost(MAX_BUSINESS_KEY);
    RecontactRequest request = null;
    Object json = start.value(RecontactVariables.REQUEST);
    if (json == null) {
      start.problem("request is missing: the recontact request as a Json (or String) variable, see docs/cint-flows.md");
    } else {
      try {
        request = RecontactRequests.read(String.valueOf(json), defaults);
        start.problems(request.problems().stream().map(p -> "request." + p).toList());
      } catch (IllegalArgumentException e) {
        start.problem("request: " + e.getMessage());
      }
    }
    String key = execution.getProcessBusinessKey();
    if (key == null || key.isBlank() || key.length() > MAX_BUSINESS_KEY || files.find(key).isEmpty()) {
      FileVariables.Upload upload = start.file(PrepareRespondentFile.FILE_VARIABLE, "the respondent IDs");
      if (upload != null && request != null && start.problems().isEmpty()) {
        fileProblem(upload.content(), request).ifPresent(start::problem);
      }
    }
    start.orRefuse();
    if (request.targetGroup() != null && request.targetGroup().name() != null) {
      new RecontactVariables(execution).targetGroupName(request.targetGroup().name().strip());
    }
  }

  /** What makes a file unusable for this request: unreadable, or not one valid ID in it. */
  Optional<String> fileProblem(byte[] content, RecontactRequest request) {
    try {
      HygieneResult result = intake.check(content, request.entity());
      return result.acceptedCount() > 0 ? Optional.empty() : Optional.of(noValidIds(request, result));
    } catch (RespondentFileRejectedException e) {
      return Optional.of("respondentFile: " + e.getMessage());
    }
  }

  static String noValidIds(RecontactRequest request, HygieneResult result) {
    return "the file holds no valid " + request.entity() + " (" + result.invalidCount() + " invalid, "
        + result.blankCount() + " blank line(s))" + result.droppedNote() + ": nothing to upload";
  }
}
