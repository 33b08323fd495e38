package io.recontact.toluna.eligibility;

import io.recontact.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** "Why wasn't this member invited?" for operators: one member, one quota, the whole decision. */
@RestController
@Tag(name = ApiTags.TOLUNA_QUOTAS)
class EligibilityController {

  private final MemberEligibility eligibility;

  EligibilityController(MemberEligibility eligibility) {
    this.eligibility = eligibility;
  }

  @GetMapping("/api/toluna/panels/{panelGuid}/quotas/{quotaId}/members/{memberCode}/eligibility")
  @Operation(summary = "Whether a member may be invited to a quota, and why not")
  MemberEligibility.Decision eligibility(@PathVariable String panelGuid, @PathVariable long quotaId,
      @PathVariable String memberCode) {
    return eligibility.decide(panelGuid, quotaId, memberCode);
  }
}
