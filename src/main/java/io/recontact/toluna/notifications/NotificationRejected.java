package io.recontact.toluna.notifications;

/** A notification request answered with a 4xx (or 503) and a JSON message; nothing was applied. */
class NotificationRejected extends RuntimeException {

  private final int status;

  NotificationRejected(int status, String message) {
    super(message);
    this.status = status;
  }

  static NotificationRejected badRequest(String message) {
    return new NotificationRejected(400, message);
  }

  int status() {
    return status;
  }
}
