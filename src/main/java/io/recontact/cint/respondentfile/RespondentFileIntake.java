package io.recontact.cint.respondentfile;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.governance.erasure.ErasedRespondents;
import io.recontact.governance.erasure.Respondent;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
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

  public RespondentFileIntake(RespondentFileStore store) {
    this(store, RecontactMetrics.none(), null);
  }

  @Autowired
  public RespondentFileIntake(RespondentFileStore store, RecontactMetrics metrics, ErasedRespondents erased) {
    this.store = store;
    this.metrics = metrics;
    this.erased = erased;
  }

  /**
   * Checks the file without storing it; throws {@link RespondentFileRejectedException} for unusable files. IDs of
   * erased respondents are dropped (counted as erased).
   */
  public HygieneResult check(byte[] content, EntityType type) {
    return hygiene.check(content, type, erased == null ? id -> false : erased.matcher(Respondent.CINT));
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
