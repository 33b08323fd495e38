package io.recontact.cint.recontact;

import io.recontact.cint.respondentfile.HygieneResult;
import io.recontact.cint.respondentfile.RespondentFileIntake;
import io.recontact.cint.respondentfile.RespondentFileRejectedException;
import io.recontact.cint.respondentfile.StoredFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts {@code cintRecontact} from a file and a request: everything is checked before anything starts, the file is
 * stored once under the new business key, and the instance gets only the request and the file's reference.
 */
@Service
public class RecontactStarter {

  public static final String PROCESS_KEY = "cintRecontact";

  private final RuntimeService runtime;
  private final RespondentFileIntake intake;
  private final CintRecontactProperties defaults;

  RecontactStarter(RuntimeService runtime, RespondentFileIntake intake, CintRecontactProperties defaults) {
    this.runtime = runtime;
    this.intake = intake;
    this.defaults = defaults;
  }

  /** The request could not be started; every problem is listed. */
  public static class InvalidRecontact extends RuntimeException {
    private final List<String> problems;

    InvalidRecontact(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  public record Started(String processInstanceId, String businessKey, StoredFile file) {
  }

  @Transactional
  public Started start(String requestJson, String fileName, byte[] content) {
    List<String> problems = new ArrayList<>();
    RecontactRequest request = null;
    try {
      request = RecontactRequests.read(requestJson == null ? "" : requestJson, defaults);
      problems.addAll(request.problems());
    } catch (IllegalArgumentException e) {
      problems.add("request: " + e.getMessage());
    }
    HygieneResult result = null;
    if (content == null || content.length == 0) {
      problems.add("file: the respondent file is missing or empty");
    } else if (request != null && problems.stream().noneMatch(p -> p.startsWith("entityType"))) {
      try {
        result = intake.check(content, request.entity());
        if (result.acceptedCount() == 0) {
          problems.add("file: " + RecontactStart.noValidIds(request, result));
        }
      } catch (RespondentFileRejectedException e) {
        problems.add("file: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRecontact(problems);
    }
    String businessKey = "rc-" + UUID.randomUUID();
    StoredFile file = intake.intake(businessKey, fileName, request.entity(), content, result);
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey,
        Map.of(RecontactVariables.REQUEST, RecontactVariables.write(request)));
    return new Started(instance.getId(), businessKey, file);
  }
}
