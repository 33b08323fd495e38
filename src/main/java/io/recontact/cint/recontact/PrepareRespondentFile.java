package io.recontact.cint.recontact;

import io.recontact.cint.CintVariables;
import io.recontact.cint.FlowRequests;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.respondentfile.Rejection;
import io.recontact.cint.respondentfile.RespondentFileController;
import io.recontact.cint.respondentfile.RespondentFileIntake;
import io.recontact.cint.respondentfile.RespondentFileRejectedException;
import io.recontact.cint.respondentfile.RespondentFileStore;
import io.recontact.cint.respondentfile.StoredFile;
import io.recontact.engine.FileVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Makes sure the respondent file sits in the project's tables and leaves only its reference and counts in the
 * process. Started through {@code /api} the file is already stored under the business key; started through engine
 * REST it arrives as the File variable {@code respondentFile}, which is read once and removed.
 */
@Component("prepareRespondentFile")
class PrepareRespondentFile implements JavaDelegate {

  static final String FILE_VARIABLE = CintVariables.RESPONDENT_FILE;

  private final RespondentFileStore files;
  private final RespondentFileIntake intake;
  private final CintRecontactProperties defaults;

  PrepareRespondentFile(RespondentFileStore files, RespondentFileIntake intake, CintRecontactProperties defaults) {
    this.files = files;
    this.intake = intake;
    this.defaults = defaults;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reference = FlowRequests.businessKey(execution);
    RecontactRequest request;
    try {
      request = RecontactRequests.filled(RecontactVariables.request(execution), defaults);
    } catch (IllegalArgumentException e) {
      throw FlowRequests.invalidRequest(e.getMessage());
    }
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw FlowRequests.invalidRequest("The recontact request cannot be used: " + String.join("; ", problems));
    }
    StoredFile file = files.find(reference).orElseGet(() -> store(execution, reference, request));
    RecontactVariables vars = new RecontactVariables(execution);
    vars.removeRespondentFile();

    vars.request(request);
    vars.target(request.accountId(), request.projectId());
    vars.file(file);
    vars.fileLines(file);
    int goal = request.targetGroup().completesGoal();
    vars.completesGoal(goal);
    vars.overCapacityCount(Math.max(0, file.acceptedCount() - CintClient.MAX_RECONTACT_IDS));
    boolean changed = file.headerDetected() || file.duplicateCount() + file.blankCount() + file.invalidCount()
        + file.suppressedCount() + file.cappedCount() > 0;
    vars.fileReview(request.launchRequested(), examples(files.examples(file.id())),
        RespondentFileController.rejectionsPath(file.reference()), changed
        || goal > file.acceptedCount() || file.acceptedCount() > CintClient.MAX_RECONTACT_IDS);
  }

  private StoredFile store(DelegateExecution execution, String reference, RecontactRequest request) {
    FileVariables.Upload upload = FileVariables.read(execution, FILE_VARIABLE);
    if (upload == null) {
      throw FlowRequests.invalidRequest("No respondent file: start with a File variable 'respondentFile' "
          + "(engine REST) or use POST /api/cint/recontacts");
    }
    try {
      return intake.intake(reference, upload.fileName(), request.entity(), upload.content());
    } catch (RespondentFileRejectedException e) {
      throw FlowRequests.invalidRequest(e.getMessage());
    }
  }

  /**
   * Where the rejected lines are, per kind ("DUPLICATE: lines 4, 9"), never what they hold: a line may be an ID or an
   * e-mail address, which must not become a variable. The form links to the lines themselves.
   */
  static String examples(List<Rejection> rejections) {
    Map<Rejection.Kind, List<Integer>> lines = new TreeMap<>();
    rejections.forEach(r -> lines.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r.lineNo()));
    return io.recontact.engine.Text.fitVariable(lines.entrySet().stream()
        .map(e -> e.getKey() + ": line" + (e.getValue().size() == 1 ? " " : "s ")
            + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n")));
  }
}
