package io.recontact.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The four Cint review forms in Tasklist as the approver decides them, started and steered as the integration
 * tests do it (the /api start, the Cint simulator's admin settings), and the instance in Cockpit as demo.
 */
class CintReviewsBrowserTest extends BrowserTestBase {

  static final String LIVE_URL = "https://survey.example.com/?rsid=[%RECONTACT_RSID%]";

  @BeforeEach
  void resetMarketplace() {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
  }

  JsonNode start(int goal, boolean launch, String fileName, String file) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    parts.add("request", new HttpEntity<>(CintRecontactIntegrationTest.request(goal, launch, LIVE_URL), json));
    parts.add("file", new ByteArrayResource(file.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<JsonNode> started = http.withBasicAuth("demo", "demo").postForEntity("/api/cint/recontacts",
        new HttpEntity<>(parts, headers), JsonNode.class);
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
    return started.getBody();
  }

  String targetGroupId() {
    JsonNode groups = http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("targetGroups");
    assertThat(groups).hasSize(1);
    return groups.get(0).get("id").asText();
  }

  /**
   * One recontact through three reviews: the file (a header, a duplicate, a blank line, an invalid ID), the partial
   * upload (Cint refuses one ID), the launch (Cint keeps processing past the deadline); the approver aborts.
   */
  @Test
  void fileReviewPartialUploadAndLaunchFailureAreDecidedInTasklist() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    postJson("/sandbox/cint/admin/settings", "{\"refusedIds\":[\"" + ids.get(3) + "\"]}");
    String file = "respondent_id\n" + String.join("\n", ids) + "\n" + ids.get(0).toUpperCase() + "\n\nnot-an-id\n";
    JsonNode started = start(6, true, "wave3.csv", file);
    String instanceId = started.get("processInstanceId").asText();
    String businessKey = started.get("businessKey").asText();

    try (Browser browser = browser("cint-recontact")) {
      browser.login("tasklist", ENGINE, "approver");

      // 1. The respondent file.
      Task fileReview = awaitTask(businessKey, "ReviewRespondentFile");
      TasklistForm form = new TasklistForm(browser, "review-respondent-file.form")
          .open(ENGINE, fileReview.getId(), "acceptedCount");
      browser.readmeShot("review-respondent-file", "tasklist-review-respondent-file.png");
      assertThat(form.value("fileName")).isEqualTo("wave3.csv");
      assertThat(form.value("entityType")).isEqualTo("RSID");
      assertThat(form.value("acceptedCount")).isEqualTo("6");
      assertThat(form.value("duplicateCount")).isEqualTo("1");
      assertThat(form.value("blankCount")).isEqualTo("1");
      assertThat(form.value("invalidCount")).isEqualTo("1");
      assertThat(form.value("headerDetected")).isEqualTo("true");
      assertThat(form.value("overCapacityCount")).isEqualTo("0");
      // Line numbers only: the lines themselves (IDs) stay in the tables, behind the form's link.
      assertThat(form.value("rejectedExamples")).contains("INVALID: line").doesNotContain("not-an-id")
          .doesNotContain(ids.get(0));
      assertThat(form.link("/rejections").getDomAttribute("href")).isEqualTo(variable(fileReview, "rejectionsPath"));
      assertThat(form.followInNewTab("/rejections")).contains("not-an-id").contains(ids.get(0).toUpperCase());
      assertThat(form.value("completesGoal")).isEqualTo("6");
      showsVariables(form, fileReview, "reviewSubject", "lineCount", "acceptedCount", "duplicateCount",
          "invalidCount");
      assertThat(form.showsWholeText("reviewSubject")).as("the subject, business key included, is not cut off")
          .isTrue();

      // No decision and a goal of 0: form-js says what is wrong, and Tasklist adds no error of its own.
      assertThat(form.showsDecisionHint()).isTrue();
      form.type("completesGoal", "0");
      assertThat(form.awaitError("completesGoal")).contains("minimum value of 1");
      form.refusesToComplete("review-respondent-file-invalid");
      // The radio group, left by the click, says it too.
      assertThat(form.awaitError("fileDecision")).contains("required");
      assertThat(taskOpen(fileReview)).as("an invalid form completes nothing").isTrue();

      form.type("completesGoal", "6");
      form.choose("fileDecision", "approve");
      assertThat(form.hasError("completesGoal")).isFalse();
      assertThat(form.showsDecisionHint()).isFalse();
      form.awaitCompletable();
      browser.shot("review-respondent-file-approved");
      form.complete();
      form.awaitClosed();
      assertThat(taskOpen(fileReview)).isFalse();

      // 2. The partial upload: Cint saved 5 of 6.
      Task uploadReview = awaitTask(businessKey, "ReviewPartialUpload");
      browser.shot("review-respondent-file-done");
      form = new TasklistForm(browser, "review-partial-upload.form").open(ENGINE, uploadReview.getId(), "savedCount");
      browser.readmeShot("review-partial-upload", "tasklist-review-partial-upload.png");
      assertThat(form.value("targetGroupId")).isEqualTo(targetGroupId());
      assertThat(form.value("sentIdCount")).isEqualTo("6");
      assertThat(form.value("savedCount")).isEqualTo("5");
      assertThat(form.value("failedIdCount")).isEqualTo("1");
      assertThat(form.link("/failed-ids").getDomAttribute("href")).isEqualTo(variable(uploadReview, "failedIdsPath"));
      assertThat(form.followInNewTab("/failed-ids")).contains(ids.get(3)).doesNotContain(ids.get(0));
      showsVariables(form, uploadReview, "targetGroupId", "sentIdCount", "savedCount", "failedIdCount");

      form.type("completesGoal", "");
      assertThat(form.awaitError("completesGoal")).contains("required");
      form.refusesToComplete("review-partial-upload-invalid");
      assertThat(taskOpen(uploadReview)).isTrue();
      form.type("completesGoal", "6");
      assertThat(form.hasError("completesGoal")).isFalse();

      // A goal Cint cannot reach: the process's own check refuses it, Tasklist says why, the task stays open.
      form.choose("uploadDecision", "accept");
      form.complete();
      assertThat(form.awaitNotification("at most 5")).isNotEmpty();
      browser.shot("review-partial-upload-refused");
      assertThat(taskOpen(uploadReview)).isTrue();

      // Cint will keep the launch "processing" past the 5 s polling deadline.
      postJson("/sandbox/cint/admin/settings", "{\"launchMillis\":600000}");
      form.type("completesGoal", "5");
      form.choose("uploadDecision", "accept");
      browser.shot("review-partial-upload-accepted");
      form.complete();
      form.awaitClosed();
      assertThat(taskOpen(uploadReview)).isFalse();

      // 3. The launch.
      Task launchReview = awaitTask(businessKey, "ReviewLaunchFailure");
      try (Browser operator = browser("cint-recontact-cockpit")) {
        operator.login("cockpit", ENGINE, "demo");
        new Cockpit(operator, ENGINE).showsInstance(instanceId, businessKey, "ReviewLaunchFailure", "instance");
      }

      form = new TasklistForm(browser, "review-launch-failure.form")
          .open(ENGINE, launchReview.getId(), "launchFailureReason");
      browser.shot("review-launch-failure");
      assertThat(form.value("launchFailureReason")).containsIgnoringCase("processing");
      assertThat(form.value("targetGroupId")).isEqualTo(targetGroupId());
      assertThat(form.value("savedCount")).isEqualTo("5");
      assertThat(form.value("completesGoal")).isEqualTo("5");
      showsVariables(form, launchReview, "reviewSubject", "launchFailureReason", "savedCount");
      assertThat(form.showsWholeText("reviewSubject")).isTrue();

      assertThat(form.showsDecisionHint()).isTrue();
      form.refusesToComplete("review-launch-failure-invalid");
      assertThat(taskOpen(launchReview)).isTrue();

      form.choose("launchDecision", "abort");
      form.complete();
      form.awaitClosed();
      assertThat(awaitEnd(instanceId).getEndActivityId()).isEqualTo("Aborted");
      browser.shot("review-launch-failure-done");
    }
  }

  /** A remove-all job Cint keeps processing past the deadline: the approver aborts the removal in Tasklist. */
  @Test
  void removalFailureIsDecidedInTasklist() {
    String file = UUID.randomUUID() + "\n" + UUID.randomUUID() + "\n" + UUID.randomUUID() + "\n";
    String recontact = start(3, false, "three.csv", file).get("processInstanceId").asText();
    assertThat(awaitEnd(recontact).getEndActivityId()).isEqualTo("TargetGroupReady");
    String targetGroupId = targetGroupId();
    postJson("/sandbox/cint/admin/settings", "{\"jobBaseMillis\":600000}");
    ResponseEntity<JsonNode> removal = http.withBasicAuth("demo", "demo").postForEntity(
        "/api/cint/target-groups/" + targetGroupId + "/recontacts/removal", new HttpEntity<>(
            "{\"accountId\": 101, \"projectId\": \"" + CintRecontactIntegrationTest.PROJECT + "\"}", jsonHeaders()),
        JsonNode.class);
    assertThat(removal.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String instanceId = removal.getBody().get("processInstanceId").asText();
    String businessKey = removal.getBody().get("businessKey").asText();

    try (Browser browser = browser("cint-removal")) {
      Task review = awaitTask(businessKey, "ReviewRemovalFailure");
      browser.login("tasklist", ENGINE, "approver");
      TasklistForm form = new TasklistForm(browser, "review-removal-failure.form")
          .open(ENGINE, review.getId(), "removeFailureReason");
      browser.shot("review-removal-failure");
      assertThat(form.value("targetGroupId")).isEqualTo(targetGroupId);
      assertThat(form.value("removeFailureReason")).containsIgnoringCase("processing");
      showsVariables(form, review, "reviewSubject", "targetGroupId", "removeFailureReason");
      assertThat(form.showsWholeText("reviewSubject")).isTrue();

      assertThat(form.showsDecisionHint()).isTrue();
      form.refusesToComplete("review-removal-failure-invalid");
      assertThat(taskOpen(review)).isTrue();

      form.choose("removalDecision", "abort");
      form.complete();
      form.awaitClosed();
      assertThat(awaitEnd(instanceId).getEndActivityId()).isEqualTo("RemovalAborted");
      browser.shot("review-removal-failure-done");
    }
  }

  static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}
