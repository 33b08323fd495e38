package io.recontact.toluna.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders simulator failures as JSON (always JSON, also for 400s: notes §11.28). */
@RestControllerAdvice(assignableTypes = {TolunaSimulatorController.class, TolunaSimulatorAdminController.class})
@ConditionalOnProperty(prefix = "recontact.sandbox", name = "enabled", havingValue = "true")
class TolunaSimulatorErrors {

  @ExceptionHandler(TolunaError.class)
  ResponseEntity<ObjectNode> handle(TolunaError e) {
    return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_JSON).body(e.body);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ObjectNode> unreadable(HttpMessageNotReadableException e) {
    return handle(TolunaError.message(400, "The request body is not valid JSON."));
  }
}
