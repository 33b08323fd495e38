package io.recontact.sandbox.cint;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The path parameters (account, project, target group) and the caller of a simulated Demand API request. */
final class CintRequests {

  private CintRequests() {
  }

  static int account(CintMarketplace market, String a) {
    int account;
    try {
      account = Integer.parseInt(a);
    } catch (NumberFormatException e) {
      throw SimulatedError.invalidParam("account_id", "must be an integer");
    }
    if (!market.config().accounts().contains(account)) {
      throw SimulatedError.notFound();
    }
    return account;
  }

  static void project(String p) {
    if (!Ulid.isValid(p)) {
      throw SimulatedError.invalidParam("project_id", "must match ^[0-9A-Z]{26}$");
    }
  }

  /** The target group named by the path, 400 for a malformed and 404 for an unknown one. */
  static TargetGroup targetGroup(CintMarketplace market, String a, String p, String tg) {
    int account = account(market, a);
    project(p);
    if (!Ulid.isValid(tg)) {
      throw SimulatedError.invalidParam("target_group_id", "must match ^[0-9A-Z]{26}$");
    }
    return market.targetGroup(account, p, tg);
  }

  /** The user behind the token: a stable uuid derived from the client id. */
  static String createdBy(HttpServletRequest request) {
    Object subject = request.getAttribute(CintApiFilter.SUBJECT);
    return UUID.nameUUIDFromBytes(String.valueOf(subject).getBytes(StandardCharsets.UTF_8)).toString();
  }

  static String traceId(HttpServletRequest request) {
    return (String) request.getAttribute(CintApiFilter.TRACE_ID);
  }
}
