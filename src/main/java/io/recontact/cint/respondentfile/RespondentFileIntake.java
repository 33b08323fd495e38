package io.recontact.cint.respondentfile;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.governance.erasure.ErasedRespondents;
import io.recontact.governance.erasure.Respondent;
import io.recontact.governance.ContactGate;
import io.recontact.governance.ContactGate.Reason;
import io.recontact.governance.ContactGate.Refusal;
import io.recontact.governance.Marketplace;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one way a respondent file enters the project: cleaned by {@link RespondentFileHygiene}, stored once under a
 * reference (the business key). A second intake under the same reference returns the stored file.
 */
@Component
public class RespondentFileIntake {

  private final RespondentFileStore store;
  private final RespondentFileHygiene hygiene = new RespondentFileHygiene();
  private final RecontactMetrics metrics;
  private final ErasedRespondents erased;
  /** Null without Spring (flow tests): no do-not-contact list, no caps. */
  private final ContactGate gate;

  public RespondentFileIntake(RespondentFileStore store) {
    this(store, RecontactMetrics.none(), null, null);
  }

  @Autowired
  public RespondentFileIntake(RespondentFileStore store, RecontactMetrics metrics, ErasedRespondents erased,
      ContactGate gate) {
    this.store = store;
    this.metrics = metrics;
    this.erased = erased;
    this.gate = gate;
  }

  /**
   * Checks the file without storing it; throws {@link RespondentFileRejectedException} for unusable files. IDs of
   * erased respondents are dropped (counted as erased); valid IDs of suppressed or capped respondents are dropped and counted: nothing later sends them to Cint.
   */
  public HygieneResult check(byte[] content, EntityType type) {
    HygieneResult result = hygiene.check(content, type,
        erased == null ? id -> false : erased.matcher(Respondent.CINT));
    if (gate == null || result.acceptedCount() == 0) {
      return result;
    }
    Map<String, Refusal> refused = gate.screen(Marketplace.CINT, result.accepted());
    if (refused.isEmpty()) {
      return result;
    }
    int suppressed = (int) refused.values().stream().filter(r -> r.reason() == Reason.SUPPRESSED).count();
    return result.without(refused.keySet(), suppressed, refused.size() - suppressed);
  }

  public StoredFile intake(String reference, String fileName, EntityType type, byte[] content) {
    return intake(reference, fileName, type, content, check(content, type));
  }

  public StoredFile intake(String reference, String fileName, EntityType type, byte[] content, HygieneResult checked) {
    Optional<StoredFile> stored = store.find(reference);
    if (stored.isPresent()) {
      return stored.get();
    }
    StoredFile saved = store.save(reference, fileName == null || fileName.isBlank() ? "respondents.csv" : fileName,
        type, content, checked);
    // Counted when this intake stored it (a second intake of the reference returned above).
    OnCommit.run(() -> metrics.respondentIdsAccepted(saved.acceptedCount()));
    return saved;
  }
}
