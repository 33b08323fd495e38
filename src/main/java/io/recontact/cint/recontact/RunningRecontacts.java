package io.recontact.cint.recontact;

import io.recontact.cint.respondentfile.FileHashes;
import io.recontact.cint.respondentfile.RespondentFileStore;
import io.recontact.storage.NamedLocks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Which cintRecontact instance already runs (has not ended) for the same account and project with the same
 * respondents ({@link RespondentFileStore#idSetSha256}: the cleaned set of accepted IDs, whatever the file's bytes).
 * The starts of one project are serialised ({@link NamedLocks}) until the starting transaction ends, so two
 * concurrent starts of the same file (a double click) cannot both miss each other.
 */
@Component
class RunningRecontacts {

  /** At most this many business keys per IN list. */
  static final int KEYS_PER_QUERY = 500;

  private final HistoryService history;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final RespondentFileStore files;
  private final NamedLocks locks;

  RunningRecontacts(HistoryService history, RuntimeService runtime, IdentityService identity,
      RespondentFileStore files, NamedLocks locks) {
    this.history = history;
    this.runtime = runtime;
    this.identity = identity;
    this.files = files;
    this.locks = locks;
  }

  record Running(String processInstanceId, String businessKey, Instant startedAt) {
  }

  /** Holds the recontact starts of this request's project until the current transaction ends. */
  void lockProject(RecontactRequest request) {
    locks.lock(RecontactStarter.PROCESS_KEY + ":" + request.accountId() + ":" + request.projectId());
  }

  /** The earliest-started running recontact of this account and project with exactly these respondents. */
  Optional<Running> sameRespondents(RecontactRequest request, List<String> accepted) {
    List<String> keys = files.referencesWithIdSet(FileHashes.idSetSha256(request.entity(), accepted));
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    return asEngine(() -> {
      for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
        List<String> part = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
        for (HistoricProcessInstance running : history.createHistoricProcessInstanceQuery()
            .processDefinitionKey(RecontactStarter.PROCESS_KEY)
            .processInstanceBusinessKeyIn(part.toArray(String[]::new))
            .unfinished().orderByProcessInstanceStartTime().asc().list()) {
          if (sameProject(running.getId(), request)) {
            return Optional.of(new Running(running.getId(), running.getBusinessKey(),
                running.getStartTime().toInstant()));
          }
        }
      }
      return Optional.empty();
    });
  }

  private boolean sameProject(String instanceId, RecontactRequest request) {
    try {
      Object json = runtime.getVariable(instanceId, RecontactVariables.REQUEST);
      if (json == null) {
        return false;
      }
      RecontactRequest other = RecontactVariables.parse(String.valueOf(json));
      return Objects.equals(other.accountId(), request.accountId())
          && Objects.equals(other.projectId(), request.projectId());
    } catch (IllegalArgumentException unreadable) {
      return false;
    } catch (ProcessEngineException ended) {
      // It ended after the query: no longer running.
      return false;
    }
  }

  /**
   * Reads as the engine, not as the caller: an operator must be warned of a recontact whose instance or variables
   * their authorizations do not show them.
   */
  private <T> T asEngine(Supplier<T> read) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
