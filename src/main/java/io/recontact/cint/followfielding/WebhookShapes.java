package io.recontact.cint.followfielding;

import io.swagger.v3.oas.annotations.media.Schema;

/** OpenAPI-only: Cint's webhook event (WebhookEvent in Cint's document) and this endpoint's answer. */
final class WebhookShapes {

  private WebhookShapes() {
  }

  record WebhookEvent(@Schema(description = "ULID of the event") String id,
      @Schema(description = "target-group-updated, quota-fill-registered or session-updated") String type,
      @Schema(description = "the event's payload, which varies by type") WebhookPayload payload,
      String status, String created_at) {
  }

  record WebhookPayload(Integer account_id, String id, String occurred_at, String project_id,
      @Schema(description = "the target group the event is about") String target_group_id) {
  }

  record Taken(String type, String targetGroupId, @Schema(description = "instances woken (0 or 1)") int woken) {
  }
}
