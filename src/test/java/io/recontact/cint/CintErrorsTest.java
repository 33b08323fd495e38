package io.recontact.cint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recontact.cint.client.CintApiException;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.junit.jupiter.api.Test;

/** How Cint's answers become retries, incidents or modelled BPMN errors. */
class CintErrorsTest {

  static CintApiException answer(int status, String object) {
    return new CintApiException("CintApi#op", status, "id-1", object, "detail " + status, List.of(),
        status == 429 ? Duration.ofSeconds(3) : null);
  }

  static Object fail(int status, String object) {
    throw answer(status, object);
  }

  @Test
  void technicalAndRateLimitedAnswersPropagateForRetries() {
    assertThatThrownBy(() -> CintErrors.modelled("Step", () -> fail(503, null))).isInstanceOf(CintApiException.class);
    assertThatThrownBy(() -> CintErrors.modelled("Step", () -> fail(429, "too_many_requests_problem_details")))
        .isInstanceOf(CintApiException.class);
  }

  @Test
  void ourOwnFileDefectsAreIncidentsThatSaySo() {
    for (int status : new int[] {413, 415}) {
      assertThatThrownBy(() -> CintErrors.conflictAware("Start upload job", () -> fail(status, "x_error")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("defect of Recontact Orchestrator")
          .hasMessageContaining(String.valueOf(status));
    }
  }

  @Test
  void credentialsProblemsNameTheSettings() {
    assertThatThrownBy(() -> CintErrors.call("Check upload job", () -> fail(403, "authorization_error")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("RECONTACT_CINT_CLIENT_SECRET");
  }

  @Test
  void businessAnswersBecomeModelledErrorsOnlyWhereTheDiagramModelsThem() {
    assertThatThrownBy(() -> CintErrors.modelled("Create", () -> fail(400, "bad_request_error")))
        .isInstanceOfSatisfying(BpmnError.class, e -> assertThat(e.getErrorCode()).isEqualTo(CintErrors.REJECTED));
    assertThatThrownBy(() -> CintErrors.conflictAware("Upload", () -> fail(409, "conflict_error")))
        .isInstanceOfSatisfying(BpmnError.class, e -> assertThat(e.getErrorCode()).isEqualTo(CintErrors.CONFLICT));
    assertThatThrownBy(() -> CintErrors.conflictAware("Upload", () -> fail(404, "not_found_error")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("404");
    assertThatThrownBy(() -> CintErrors.call("Check", () -> fail(409, "conflict_error")))
        .isInstanceOf(IllegalStateException.class);
  }
}
