package io.recontact.cint.recontact;

import io.recontact.cint.respondentfile.HygieneResult;
import io.recontact.cint.respondentfile.RespondentFileIntake;
import io.recontact.cint.respondentfile.RespondentFileRejectedException;
import io.recontact.cint.respondentfile.StoredFile;
import java.time.Instant;
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
 * stored once under the new business key, and the instance gets only the request and the file's reference. A
 * recontact of the same respondents that still runs for the same account and project refuses the start
 * ({@link DuplicateRecontact}, 409) unless the request says {@code "allowDuplicate": true}.
 */
@Service
public class RecontactStarter {

  public static final String PROCESS_KEY = "cintRecontact";

  private final RuntimeService runtime;
  private final RespondentFileIntake intake;
  private final CintRecontactProperties defaults;

  private final RunningRecontacts running;

  RecontactStarter(RuntimeService runtime, RespondentFileIntake intake, CintRecontactProperties defaults,
      RunningRecontacts running) {
    this.runtime = runtime;
    this.intake = intake;
    this.defaults = defaults;
    this.running = running;
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

  /** A recontact of the same respondents already runs for the account and project, and the request allows none. */
  public static class DuplicateRecontact extends RuntimeException {
    private final String processInstanceId;
    private final String businessKey;
    private final Instant startedAt;
    private final Integer accountId;
    private final String projectId;

    DuplicateRecontact(RecontactRequest request, RunningRecontacts.Running running) {
      super("a recontact of the same respondents runs: " + running.businessKey());
      this.processInstanceId = running.processInstanceId();
      this.businessKey = running.businessKey();
      this.startedAt = running.startedAt();
      this.accountId = request.accountId();
      this.projectId = request.projectId();
    }

    public String processInstanceId() {
      return processInstanceId;
    }

    public String businessKey() {
      return businessKey;
    }

    public Instant startedAt() {
      return startedAt;
    }

    public Integer accountId() {
      return accountId;
    }

    public String projectId() {
      return projectId;
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
    // Until this transaction ends, no other start of the project checks or starts (also with allowDuplicate, so that
    // a start without it sees this one).
    running.lockProject(request);
    if (!request.duplicateAllowed()) {
      RecontactRequest checked = request;
      running.sameRespondents(request, result.accepted()).ifPresent(r -> {
        throw new DuplicateRecontact(checked, r);
      });
    }
    String businessKey = "rc-" + UUID.randomUUID();
    StoredFile file = intake.intake(businessKey, fileName, request.entity(), content, result);
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey,
        Map.of(RecontactVariables.REQUEST, RecontactVariables.write(request)));
    return new Started(instance.getId(), businessKey, file);
  }
}
