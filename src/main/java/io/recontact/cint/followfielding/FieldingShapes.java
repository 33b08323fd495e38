package io.recontact.cint.followfielding;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenAPI-only shapes of the fielding endpoints (the controller answers maps), and a reading as a JSON row. */
final class FieldingShapes {

  private FieldingShapes() {
  }

  record FieldingFollowRequest(@Schema(requiredMode = REQUIRED) Integer accountId,
      @Schema(requiredMode = REQUIRED, description = "Cint project id (ULID)") String projectId) {
  }

  record FollowStarted(String processInstanceId, @Schema(description = "fielding-<targetGroupId>") String businessKey,
      @Schema(description = "GET this for the readings") String status) {
  }

  record FieldingReadingRow(String readAt, @Schema(description = "Cint's status: live, paused, completed, …") String status,
      int completes, int prescreens, int goal, BigDecimal conversionRate, BigDecimal incidenceRate, BigDecimal cost,
      String currency, @Schema(description = "the webhook event that woke this reading, if one did") String wokenBy) {
  }

  record FollowedFielding(String targetGroupId, Integer accountId, String projectId, String processInstanceId,
      @Schema(description = "recontact or api") String startedBy, String startedAt,
      @Schema(description = "ACTIVE, COMPLETED, …") String state,
      @Schema(description = "FieldingCompleted, FieldingEnded or FieldingClosed once ended") String endEvent,
      FieldingReadingRow latest, List<FieldingReadingRow> readings) {
  }

  static Map<String, Object> row(FieldingReading r) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("readAt", r.readAt().toString());
    row.put("status", r.status());
    row.put("completes", r.completes());
    row.put("prescreens", r.prescreens());
    row.put("goal", r.goal());
    row.put("conversionRate", r.conversionRate());
    row.put("incidenceRate", r.incidenceRate());
    row.put("cost", r.cost());
    row.put("currency", r.currency());
    row.put("wokenBy", r.wokenBy());
    return row;
  }
}
