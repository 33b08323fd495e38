package io.recontact.cint.respondentfile;

/** The file as a whole cannot be used; the message tells the uploader what to do about it. */
public class RespondentFileRejectedException extends RuntimeException {

  public enum Reason { EMPTY, NO_CONTENT, BINARY, NOT_UTF8, UTF16, ARCHIVE, PDF }

  private final Reason reason;

  public RespondentFileRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
