package io.recontact.cint;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.cint.respondentfile.StoredFile;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables every Cint flow shares (the target group, the stored respondent file and its counts, the goal),
 * with their types: call activities pass them on under the same names, and the diagrams' expressions use them.
 * Each flow's own variables are in its subclass.
 */
public class CintVariables {

  public static final String ACCOUNT_ID = "accountId";
  public static final String PROJECT_ID = "projectId";
  public static final String TARGET_GROUP_ID = "targetGroupId";
  /**
   * The name the user gave a new target group, set at the recontact's start and passed to the upload: the status
   * API filters on it and the review tasks show it. Flows on an existing target group (replacement) have none.
   */
  public static final String TARGET_GROUP_NAME = "targetGroupName";
  public static final String ENTITY_TYPE = "entityType";
  public static final String COMPLETES_GOAL = "completesGoal";
  /** The goal last written to Cint's draft target group. */
  public static final String CINT_COMPLETES_GOAL = "cintCompletesGoal";
  public static final String SAVED_COUNT = "savedCount";
  /** The File variable an engine REST start brings; read once, stored and removed. */
  public static final String RESPONDENT_FILE = "respondentFile";
  public static final String RESPONDENT_FILE_ID = "respondentFileId";
  public static final String FILE_NAME = "fileName";
  public static final String LINE_COUNT = "lineCount";
  public static final String ACCEPTED_COUNT = "acceptedCount";
  public static final String DUPLICATE_COUNT = "duplicateCount";
  public static final String BLANK_COUNT = "blankCount";
  public static final String INVALID_COUNT = "invalidCount";
  /** Valid IDs dropped because they are on the do-not-contact list / over a contact cap. */
  public static final String SUPPRESSED_COUNT = "suppressedCount";
  public static final String CAPPED_COUNT = "cappedCount";
  public static final String HEADER_DETECTED = "headerDetected";
  public static final String OVER_CAPACITY_COUNT = "overCapacityCount";

  protected final VariableScope scope;

  public CintVariables(VariableScope scope) {
    this.scope = scope;
  }

  /** The start variables of a flow on an existing target group. */
  public static Map<String, Object> targetGroupStart(int accountId, Object projectId, String targetGroupId) {
    return Map.of(ACCOUNT_ID, accountId, PROJECT_ID, projectId, TARGET_GROUP_ID, targetGroupId);
  }

  /** A variable as the caller sent it, for the checks that name what is wrong with it. */
  public Object value(String name) {
    return scope.getVariable(name);
  }

  public int accountId() {
    return ((Number) scope.getVariable(ACCOUNT_ID)).intValue();
  }

  public String projectId() {
    return (String) scope.getVariable(PROJECT_ID);
  }

  /** The target group's name, or null when the flow has none (or it is blank). */
  public String targetGroupName() {
    return scope.getVariable(TARGET_GROUP_NAME) instanceof String name && !name.isBlank() ? name : null;
  }

  public String targetGroupId() {
    return (String) scope.getVariable(TARGET_GROUP_ID);
  }

  public TargetGroupRef targetGroup() {
    return new TargetGroupRef(accountId(), projectId(), targetGroupId());
  }

  public void target(int accountId, String projectId) {
    scope.setVariable(ACCOUNT_ID, accountId);
    scope.setVariable(PROJECT_ID, projectId);
  }

  public void targetGroupId(String targetGroupId) {
    scope.setVariable(TARGET_GROUP_ID, targetGroupId);
  }

  /** Engine REST may send the account id as a Long: the flows pass on an Integer. */
  public void accountIdAsInteger() {
    scope.setVariable(ACCOUNT_ID, accountId());
  }

  public EntityType entityType() {
    return EntityType.valueOf((String) scope.getVariable(ENTITY_TYPE));
  }

  public int completesGoal() {
    return ((Number) scope.getVariable(COMPLETES_GOAL)).intValue();
  }

  public void completesGoal(int goal) {
    scope.setVariable(COMPLETES_GOAL, goal);
  }

  /** The goal last written to Cint, or null before the draft exists. */
  public Integer cintCompletesGoal() {
    return scope.getVariable(CINT_COMPLETES_GOAL) instanceof Number goal ? goal.intValue() : null;
  }

  public void cintCompletesGoal(int goal) {
    scope.setVariable(CINT_COMPLETES_GOAL, goal);
  }

  /** Cint's count of saved respondent IDs, or null before it was read. */
  public Integer savedCount() {
    return scope.getVariable(SAVED_COUNT) instanceof Number saved ? saved.intValue() : null;
  }

  public void savedCount(int saved) {
    scope.setVariable(SAVED_COUNT, saved);
  }

  public long respondentFileId() {
    return ((Number) scope.getVariable(RESPONDENT_FILE_ID)).longValue();
  }

  public void removeRespondentFile() {
    scope.removeVariable(RESPONDENT_FILE);
  }

  /** The stored file's reference, type and counts (never its IDs). */
  public void file(StoredFile file) {
    scope.setVariable(ENTITY_TYPE, file.entityType().name());
    scope.setVariable(RESPONDENT_FILE_ID, file.id());
    scope.setVariable(FILE_NAME, file.fileName());
    scope.setVariable(ACCEPTED_COUNT, file.acceptedCount());
    scope.setVariable(DUPLICATE_COUNT, file.duplicateCount());
    scope.setVariable(BLANK_COUNT, file.blankCount());
    scope.setVariable(INVALID_COUNT, file.invalidCount());
    scope.setVariable(SUPPRESSED_COUNT, file.suppressedCount());
    scope.setVariable(CAPPED_COUNT, file.cappedCount());
  }

  /** What a file review shows beyond {@link #file}: lines read and whether a header was dropped. */
  public void fileLines(StoredFile file) {
    scope.setVariable(LINE_COUNT, file.lineCount());
    scope.setVariable(HEADER_DETECTED, file.headerDetected());
  }

  public void overCapacityCount(int count) {
    scope.setVariable(OVER_CAPACITY_COUNT, count);
  }
}
