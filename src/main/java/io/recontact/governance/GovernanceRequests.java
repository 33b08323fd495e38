package io.recontact.governance;

import io.recontact.engine.Text;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** What the governance endpoints take apart: marketplace and identifier, refused with a 400 that says why. */
@RestControllerAdvice(assignableTypes = {RespondentContactsController.class, SuppressionController.class})
class GovernanceRequests {

  /** A refusal: status and the API's error body. */
  static final class Refused extends RuntimeException {
    final int status;
    final transient Map<String, Object> body;

    Refused(int status, String message, List<String> problems) {
      super(message);
      this.status = status;
      this.body = new LinkedHashMap<>();
      body.put("message", message);
      if (problems != null && !problems.isEmpty()) {
        body.put("problems", problems);
      }
    }
  }

  @ExceptionHandler(Refused.class)
  ResponseEntity<Map<String, Object>> refused(Refused e) {
    return ResponseEntity.status(e.status).body(e.body);
  }

  static Marketplace marketplace(String name) {
    return Marketplace.parse(name).orElseThrow(() -> new Refused(400, "marketplace must be cint or toluna, not '"
        + Text.abbreviate(String.valueOf(name), 40) + "'", null));
  }

  /** The stored form of {@code id}; refuses blank, over-long and control-character identifiers. */
  static String respondent(Marketplace marketplace, String id) {
    String normalised = RespondentIds.normalise(marketplace, id);
    if (normalised == null) {
      throw new Refused(400, problem(id), null);
    }
    return normalised;
  }

  static String problem(String id) {
    return id == null || id.isBlank() ? "id is required: a Cint RSID or RID, or a Toluna member code"
        : "id must be 1 to " + RespondentIds.MAX_LENGTH + " characters without control characters";
  }

  /** One CSV field, quoted when it holds a separator, quote or line end. */
  static String csvField(String value) {
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0;
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
