package io.recontact.respondentfile;

import io.recontact.cint.client.CintModel.EntityType;
import org.springframework.stereotype.Component;

/**
 * The one way a respondent file enters the project: cleaned by {@link RespondentFileHygiene}, stored once under a
 * reference (the business key). A second intake under the same reference returns the stored file.
 */
@Component
public class RespondentFileIntake {

  private final RespondentFileStore store;
  private final RespondentFileHygiene hygiene = new RespondentFileHygiene();

  public RespondentFileIntake(RespondentFileStore store) {
    this.store = store;
  }

  /** Checks the file without storing it; throws {@link RespondentFileRejectedException} for unusable files. */
  public HygieneResult check(byte[] content, EntityType type) {
    return hygiene.check(content, type);
  }

  public StoredFile intake(String reference, String fileName, EntityType type, byte[] content) {
    return intake(reference, fileName, type, content, hygiene.check(content, type));
  }

  public StoredFile intake(String reference, String fileName, EntityType type, byte[] content, HygieneResult checked) {
    return store.find(reference).orElseGet(() -> store.save(reference,
        fileName == null || fileName.isBlank() ? "respondents.csv" : fileName, type, content, checked));
  }
}
