package io.recontact.cint.uploadrespondents;

import io.recontact.cint.CintVariables;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of a cintUploadRespondents run: batch and job references, the job's outcome and the review's
 * figures (counts and a link to the IDs Cint did not save, never an ID: Camunda would copy it into history).
 */
public class UploadVariables extends CintVariables {

  public static final String NEXT_BATCH_ID = "nextBatchId";
  public static final String UPLOAD_BATCH_ID = "uploadBatchId";
  public static final String UPLOAD_JOB_ID = "uploadJobId";
  public static final String UPLOAD_JOB_STATUS = "uploadJobStatus";
  public static final String FAILURE_REASON = "failureReason";
  public static final String CINT_DESCRIPTION = "cintDescription";
  public static final String GOAL_MET = "goalMet";
  public static final String GOAL_NOTE = "goalNote";
  public static final String UPLOAD_DECISION = "uploadDecision";
  public static final String BATCH_COUNT = "batchCount";
  public static final String SENT_ID_COUNT = "sentIdCount";
  public static final String UPLOAD_JOB_COUNT = "uploadJobCount";
  public static final String UPLOAD_JOBS_SUMMARY = "uploadJobsSummary";
  public static final String JOB_SENT_ID_COUNT = "jobSentIdCount";
  public static final String JOB_SAVED_ID_COUNT = "jobSavedIdCount";
  public static final String FAILED_ID_COUNT = "failedIdCount";
  /** Set by older releases only (IDs): removed when the next review is prepared. */
  public static final String FAILED_ID_EXAMPLES = "failedIdExamples";
  public static final String FAILED_IDS_PATH = "failedIdsPath";
  public static final String FAILED_IDS_COMPARABLE = "failedIdsComparable";
  public static final String REVIEW_REASON = "reviewReason";
  public static final String RUN_SUMMARY = "runSummary";
  /** Set by the diagram's end events, read by the calling flow and the status API. */
  public static final String UPLOAD_OUTCOME = "uploadOutcome";
  public static final String UPLOAD_DECISION_COMMENT = "uploadDecisionComment";

  public UploadVariables(VariableScope scope) {
    super(scope);
  }

  public Long nextBatchId() {
    return scope.getVariable(NEXT_BATCH_ID) instanceof Number id ? id.longValue() : null;
  }

  public void nextBatchId(Long batchId) {
    scope.setVariable(NEXT_BATCH_ID, batchId);
  }

  /** The batch of the latest upload job, or null before the first. */
  public Long uploadBatchId() {
    return scope.getVariable(UPLOAD_BATCH_ID) instanceof Number id ? id.longValue() : null;
  }

  public String uploadJobId() {
    return (String) scope.getVariable(UPLOAD_JOB_ID);
  }

  public void uploadJob(long batchId, String jobId) {
    scope.setVariable(UPLOAD_BATCH_ID, batchId);
    scope.setVariable(UPLOAD_JOB_ID, jobId);
  }

  public String uploadJobStatus() {
    return (String) scope.getVariable(UPLOAD_JOB_STATUS);
  }

  public void uploadJobStatus(String status) {
    scope.setVariable(UPLOAD_JOB_STATUS, status);
  }

  /** True while a job past the polling deadline may still finish. */
  public boolean pastDeadline() {
    return "DEADLINE".equals(uploadJobStatus());
  }

  public String failureReason() {
    return (String) scope.getVariable(FAILURE_REASON);
  }

  public void failureReason(String reason) {
    scope.setVariable(FAILURE_REASON, reason);
  }

  public void cintDescription(String description) {
    scope.setVariable(CINT_DESCRIPTION, description);
  }

  public void goalMet(boolean met) {
    scope.setVariable(GOAL_MET, met);
  }

  public void goalNote(String note) {
    scope.setVariable(GOAL_NOTE, note);
  }

  public String uploadDecision() {
    return (String) scope.getVariable(UPLOAD_DECISION);
  }

  public void clearUploadDecision() {
    scope.setVariable(UPLOAD_DECISION, null);
  }

  public Object sentIdCount() {
    return scope.getVariable(SENT_ID_COUNT);
  }

  public Object uploadJobCount() {
    return scope.getVariable(UPLOAD_JOB_COUNT);
  }

  /** The run's counts for forms, the status API and the final variables. */
  public void runCounts(int batches, int overCapacity, int sentIds, int jobs, String jobsSummary) {
    scope.setVariable(BATCH_COUNT, batches);
    overCapacityCount(overCapacity);
    scope.setVariable(SENT_ID_COUNT, sentIds);
    scope.setVariable(UPLOAD_JOB_COUNT, jobs);
    scope.setVariable(UPLOAD_JOBS_SUMMARY, jobsSummary);
  }

  /** The latest job's figures for the review. */
  public void reviewFigures(Integer jobSentIds, Integer jobSavedIds, int failedIds, String failedIdsPath,
      boolean comparable) {
    scope.setVariable(JOB_SENT_ID_COUNT, jobSentIds);
    scope.setVariable(JOB_SAVED_ID_COUNT, jobSavedIds);
    scope.setVariable(FAILED_ID_COUNT, failedIds);
    scope.removeVariable(FAILED_ID_EXAMPLES);
    scope.setVariable(FAILED_IDS_PATH, failedIdsPath);
    scope.setVariable(FAILED_IDS_COMPARABLE, comparable);
  }

  public void review(String reason, String runSummary) {
    scope.setVariable(REVIEW_REASON, reason);
    scope.setVariable(RUN_SUMMARY, runSummary);
  }
}
