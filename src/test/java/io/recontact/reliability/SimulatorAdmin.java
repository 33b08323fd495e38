package io.recontact.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The simulator process's admin APIs (Cint, Toluna, sandbox partner) and the Cint API where the admin state stops. */
final class SimulatorAdmin {

  static final String CINT_API = "/sandbox/cint/v1";
  private final Rest rest;

  SimulatorAdmin(String baseUrl) {
    this.rest = new Rest(baseUrl, null, null);
  }

  void resetAll() {
    rest.post("/sandbox/cint/admin/reset", null);
    rest.post("/sandbox/toluna/admin/reset", null);
    rest.delete("/sandbox/partner/messages");
    rest.delete("/sandbox/partner/payouts");
  }

  /** Every incentive payout the partner's rewards system booked (newest first), with its counts. */
  JsonNode payouts() {
    return rest.get("/sandbox/partner/payouts?limit=100000");
  }

  JsonNode cintState() {
    return rest.get("/sandbox/cint/admin/state");
  }

  JsonNode tolunaState() {
    return rest.get("/sandbox/toluna/admin/state");
  }

  /** Every webhook message the partner received (newest first). */
  JsonNode partnerMessages() {
    return rest.get("/sandbox/partner/messages?limit=100000");
  }

  void cintSettings(String json) {
    rest.post("/sandbox/cint/admin/settings", json);
  }

  /** The next call of a Cint operation sleeps first, then behaves normally. */
  void delayCint(String operation, long millis) {
    rest.post("/sandbox/cint/admin/faults", "{\"operation\": \"" + operation + "\", \"delayMillis\": " + millis
        + ", \"count\": 1}");
  }

  void delayToluna(String route, long millis) {
    rest.post("/sandbox/toluna/admin/faults", "{\"route\": \"" + route + "\", \"status\": 200, \"delayMillis\": "
        + millis + ", \"count\": 1}");
  }

  void failPartner(int status, int count) {
    rest.post("/sandbox/partner/faults", "{\"status\": " + status + ", \"count\": " + count + "}");
  }

  void tolunaInventory(String panel, String inventory) {
    rest.put("/sandbox/toluna/admin/panels/" + panel + "/quotas", inventory);
  }

  void tolunaRecontactList(String panel, long quota, String codesJson) {
    rest.put("/sandbox/toluna/admin/panels/" + panel + "/recontact/" + quota + "/members", codesJson);
  }

  /** Calls counted so far for a Cint operation or Toluna route (counted when they arrive, before any delay). */
  long calls(String operationOrRoute) {
    long cint = cintState().path("calls").path(operationOrRoute).asLong(0);
    return cint + tolunaState().path("calls").path(operationOrRoute).asLong(0);
  }

  /** The RSIDs Cint stores for a target group, read through the Cint API itself (lower case). */
  Set<String> storedRsids(int account, String project, String targetGroup) {
    String token = rest.post("/sandbox/cint/oauth/token", "{\"client_id\": \"sandbox-client\", \"client_secret\": "
        + "\"sandbox-secret\", \"grant_type\": \"client_credentials\", \"auth_scopes\": \"app:api\", "
        + "\"audience\": \"https://api.luc.id\"}").path("access_token").asText();
    Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Cint-API-Version", "2025-12-18");
    Set<String> ids = new TreeSet<>();
    String path = CINT_API + "/demand/accounts/" + account + "/projects/" + project + "/target-groups/" + targetGroup
        + "/recontacts/rsids?page_size=1000";
    String cursor = null;
    for (int page = 0; page < 1000; page++) {
      JsonNode answer = rest.send("GET", path + (cursor == null ? "" : "&start_after=" + cursor), null, null, headers)
          .require();
      answer.path("data").forEach(r -> ids.add(r.asText()));
      cursor = answer.path("next_cursor").asText(null);
      if (cursor == null || cursor.isEmpty()) {
        return ids;
      }
    }
    throw new IllegalStateException("RSID list of " + targetGroup + " did not end");
  }
}
