package io.recontact.cint.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reads the small {@code request} variable (Json or String) that every Cint recontact instance carries. */
public final class RecontactVariables {

  public static final String REQUEST = "request";
  /** The request's target group name, set at the start: the status API filters on it. */
  public static final String TARGET_GROUP_NAME = "targetGroupName";
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private RecontactVariables() {
  }

  public static RecontactRequest request(VariableScope scope) {
    TypedValue value = scope.getVariableTyped(REQUEST);
    if (value == null || value.getValue() == null) {
      throw new IllegalStateException("The process variable 'request' is missing: start the process with the "
          + "recontact request as JSON (see docs/cint-flows.md)");
    }
    return parse(String.valueOf(value.getValue()));
  }

  public static RecontactRequest parse(String json) {
    try {
      return JSON.readValue(json, RecontactRequest.class);
    } catch (MismatchedInputException e) {
      // Valid JSON with a value of the wrong type: name the field, not "not valid JSON".
      String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex()
          + "]").collect(Collectors.joining("."));
      throw new IllegalArgumentException(path.isEmpty() ? "The recontact request must be a JSON object"
          : "The recontact request has a value of the wrong type at " + path + ": expected "
          + (e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName()), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The recontact request is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String write(RecontactRequest request) {
    try {
      return JSON.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Cint's {@code target_group_customer_reference_number} for an instance: our idempotency key at creation. */
  public static String customerReference(String businessKey) {
    String cleaned = businessKey.replaceAll("[^a-zA-Z0-9\\-_ ]", "-");
    String reference = "rco-" + cleaned;
    return reference.length() <= 128 ? reference : reference.substring(0, 128);
  }
}
