package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A simulated Toluna error; {@link TolunaSimulatorErrors} renders it. */
class TolunaError extends RuntimeException {

  final int status;
  final ObjectNode body;

  TolunaError(int status, ObjectNode body) {
    super(body.toString(), null, false, false);
    this.status = status;
    this.body = body;
  }

  /** 400 with the documented {@code {"Result", "ResultCode"}} body (toluna-api §5.2). */
  static TolunaError result(String result, int code) {
    return new TolunaError(400, JsonNodeFactory.instance.objectNode().put("Result", result).put("ResultCode", code));
  }

  /** Bodies the docs leave open (403, 500, Member API): {@code {"Message": ...}}. */
  static TolunaError message(int status, String message) {
    return new TolunaError(status, JsonNodeFactory.instance.objectNode().put("Message", message));
  }

  static TolunaError panelDoesNotExist() {
    return result("PANEL_DOES_NOT_EXIST", 3);
  }

  static TolunaError noQuotaId() {
    return result("NO_QUOTA_ID", 10);
  }
}
