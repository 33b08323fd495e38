package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

/** Turns simulator failures into the spec's error bodies; limited to the simulator's controllers. */
@RestControllerAdvice(assignableTypes = {CintSimulatorController.class, CintSimulatorRecontactController.class,
    CintSimulatorFieldingController.class,
    CintTokenController.class})
class CintSimulatorErrors {

  static ObjectNode body(String object, String detail, List<SimulatedError.InvalidParam> params) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if ("too_many_requests_problem_details".equals(object)) {
      // The 429 schema is different: only object + "details" (plural).
      node.put("object", object);
      node.put("details", detail);
      return node;
    }
    node.put("id", UUID.randomUUID().toString());
    node.put("object", object);
    node.put("detail", detail);
    if (params != null) {
      ArrayNode array = node.putArray("invalid_params");
      params.forEach(p -> array.addObject().put("name", p.name()).put("reason", p.reason()));
    }
    return node;
  }

  /** For servlet filters, which run outside Spring MVC's exception handling. */
  static void write(HttpServletResponse response, ObjectMapper mapper, SimulatedError e) throws IOException {
    response.setStatus(e.status);
    e.headers.forEach(response::setHeader);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    mapper.writeValue(response.getOutputStream(), body(e.object, e.getMessage(), e.invalidParams));
  }

  static ResponseEntity<ObjectNode> entity(SimulatedError e) {
    var builder = ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_JSON);
    e.headers.forEach(builder::header);
    return builder.body(body(e.object, e.getMessage(), e.invalidParams));
  }

  @ExceptionHandler(SimulatedError.class)
  ResponseEntity<ObjectNode> handle(SimulatedError e) {
    return entity(e);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ObjectNode> unreadable(HttpMessageNotReadableException e) {
    return entity(SimulatedError.badRequest("The request body is not valid JSON.", null));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ObjectNode> mediaType(HttpMediaTypeNotSupportedException e) {
    return entity(SimulatedError.unsupportedMediaType(String.valueOf(e.getContentType())));
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ObjectNode> multipart(MultipartException e) {
    return entity(new SimulatedError(415, "unsupported_media_type_error", "The request is not a valid multipart upload."));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ObjectNode> method(HttpRequestMethodNotSupportedException e) {
    return entity(new SimulatedError(HttpStatus.METHOD_NOT_ALLOWED.value(), "method_not_allowed_error",
        "Method " + e.getMethod() + " is not allowed here."));
  }
}
