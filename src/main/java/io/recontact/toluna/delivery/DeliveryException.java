package io.recontact.toluna.delivery;

/** A send that did not go through, with a reason for the outbox row and whether a later attempt can succeed. */
public class DeliveryException extends Exception {

  private final boolean retryable;

  private DeliveryException(String reason, boolean retryable, Throwable cause) {
    super(reason, cause);
    this.retryable = retryable;
  }

  /** The receiver or the way to it failed now (non-2xx, timeout, SMTP error): try again after the back-off. */
  public static DeliveryException retryLater(String reason, Throwable cause) {
    return new DeliveryException(reason, true, cause);
  }

  /** No attempt can succeed (for example no e-mail address): the row fails at once. */
  public static DeliveryException permanent(String reason) {
    return new DeliveryException(reason, false, null);
  }

  public boolean retryable() {
    return retryable;
  }
}
