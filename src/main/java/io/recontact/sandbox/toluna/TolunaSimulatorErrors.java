package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Renders simulator failures as JSON (always JSON, also for 400s: toluna-api §11.28), with Toluna's
 * {@code application/json; charset=utf-8}. Spring's own request errors (wrong method, media type, ...) are answered
 * here too, so that they never fall through to the container's error page.
 */
@RestControllerAdvice(assignableTypes = {TolunaSimulatorController.class, TolunaSimulatorAdminController.class})
class TolunaSimulatorErrors {

  static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json; charset=utf-8");
  private static final Logger LOG = LoggerFactory.getLogger(TolunaSimulatorErrors.class);

  @ExceptionHandler(TolunaError.class)
  ResponseEntity<ObjectNode> handle(TolunaError e) {
    return ResponseEntity.status(e.status).contentType(JSON_UTF8).body(e.body);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ObjectNode> unreadable(HttpMessageNotReadableException e) {
    return handle(TolunaError.message(400, "The request body is not valid JSON."));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ObjectNode> other(Exception e) {
    if (e instanceof ErrorResponse spring) {
      String detail = spring.getBody().getDetail();
      return handle(TolunaError.message(spring.getStatusCode().value(), detail == null ? e.getMessage() : detail));
    }
    LOG.error("Toluna simulator failed", e);
    return handle(TolunaError.message(500, "An error has occurred."));
  }
}
