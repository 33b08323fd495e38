package io.recontact.cint.respondentfile;

/** A reference is already taken by a different file; a retry must send the same file, a new file needs a new reference. */
public class RespondentFileConflictException extends RuntimeException {

  public RespondentFileConflictException(String message) {
    super(message);
  }
}
