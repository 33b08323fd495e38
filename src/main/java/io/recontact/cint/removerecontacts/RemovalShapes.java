package io.recontact.cint.removerecontacts;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/** OpenAPI-only: the body CintRemoveRecontactsController reads as a map. */
final class RemovalShapes {

  private RemovalShapes() {
  }

  record RemovalRequest(@Schema(requiredMode = REQUIRED) Integer accountId,
      @Schema(requiredMode = REQUIRED, description = "Cint project id (ULID)") String projectId) {
  }
}
