package io.recontact.cint.recontact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.recontact.cint.CintVariables;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The variables of a cintRecontact instance: the small {@code request} (Json or String) it carries, what the start
 * derives from it, the file review's figures and the launch job.
 */
public class RecontactVariables extends CintVariables {

  public static final String REQUEST = "request";
  public static final String LAUNCH = "launch";
  /** The rejected lines' numbers per kind, never their content (PrepareRespondentFile#examples). */
  public static final String REJECTED_EXAMPLES = "rejectedExamples";
  /** The form's link to the rejected lines as written, read from the project's tables by the person. */
  public static final String REJECTIONS_PATH = "rejectionsPath";
  public static final String FILE_NEEDS_REVIEW = "fileNeedsReview";
  public static final String FILE_DECISION = "fileDecision";
  public static final String LAUNCH_DECISION = "launchDecision";
  public static final String LAUNCH_ATTEMPT = "launchAttempt";
  public static final String LAUNCH_JOB_ID = "launchJobId";
  public static final String LAUNCH_JOB_STATUS = "launchJobStatus";
  public static final String LAUNCH_FAILURE_REASON = "launchFailureReason";
  public static final String FIELDING_RUN_ID = "fieldingRunId";
  /** Set by the diagram (review outcomes), read by the status API. */
  public static final String REJECTION_REASON = "rejectionReason";
  public static final String ABORT_REASON = "abortReason";
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public RecontactVariables(VariableScope scope) {
    super(scope);
  }

  public boolean hasRequest() {
    return scope.hasVariable(REQUEST);
  }

  public void request(RecontactRequest request) {
    scope.setVariable(REQUEST, write(request));
  }

  public void targetGroupName(String name) {
    scope.setVariable(TARGET_GROUP_NAME, name);
  }

  /** What the file review and the routing need: launch or not, where the rejected lines are, review or not. */
  public void fileReview(boolean launch, String rejectedLines, String rejectionsPath, boolean needsReview) {
    scope.setVariable(LAUNCH, launch);
    scope.setVariable(REJECTED_EXAMPLES, rejectedLines);
    scope.setVariable(REJECTIONS_PATH, rejectionsPath);
    scope.setVariable(FILE_NEEDS_REVIEW, needsReview);
  }

  /** The launch attempt: 1 until a person retries a failed launch. */
  public int launchAttempt() {
    return scope.getVariable(LAUNCH_ATTEMPT) instanceof Number attempt ? attempt.intValue() : 1;
  }

  public void launchAttempt(int attempt) {
    scope.setVariable(LAUNCH_ATTEMPT, attempt);
  }

  public String launchJobId() {
    return (String) scope.getVariable(LAUNCH_JOB_ID);
  }

  public void launchJobId(String jobId) {
    scope.setVariable(LAUNCH_JOB_ID, jobId);
  }

  public void launchJobStatus(String status) {
    scope.setVariable(LAUNCH_JOB_STATUS, status);
  }

  public String launchFailureReason() {
    return (String) scope.getVariable(LAUNCH_FAILURE_REASON);
  }

  public void fieldingRunId(String fieldingRunId) {
    scope.setVariable(FIELDING_RUN_ID, fieldingRunId);
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
