package io.recontact.cint.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Feeds the contract validator the request/response examples of Cint's 2025-12-18 document and the recontact guide
 * (docs/cint-api.md, "The recontact sequence"), plus deliberately broken variants, to prove that validation is real in both directions.
 * No Spring, no network.
 */
class CintContractExamplesTest {

  static final String TG = CintContract.BASE_PATH
      + "/demand/accounts/101/projects/01BTGNYV6HRNK8K8VKZASZCFP0/target-groups";
  static final String TG_ID = TG + "/01BTGNYV6HRNK8K8VKZASZCFP1";
  static final String RC = TG_ID + "/recontacts";
  static final String UPLOAD = RC + "/jobs/upload-respondents-by-file";
  static final String LAUNCH = TG_ID + "/fielding-run-jobs/launch-from-draft";
  static final String USER = "b551326b-ac9d-4d32-8823-4f025787dab9";

  static final String RECONTACT_TG = """
      {
        "name": "Wave 2 recontact",
        "business_unit_id": "3337",
        "locale": "eng_us",
        "collects_pii": false,
        "study_type_code": "recontact",
        "industry_code": "other",
        "project_manager_id": "b551326b-ac9d-4d32-8823-4f025787dab9",
        "fielding_specification": { "start_at": "2026-09-02T08:22:18.822Z", "end_at": "2026-09-13T08:22:18.821Z" },
        "completes_goal": 500,
        "expected_length_of_interview_minutes": 10,
        "expected_incidence_rate": 0.9,
        "exclusion": { "enabled": false },
        "live_url": "https://your-survey.com?RID=[%RID%]&RECONTACT_RSID=[%RECONTACT_RSID%]",
        "test_url": "https://your-survey.com?RID=[%RID%]&RECONTACT_RSID=[%RECONTACT_RSID%]",
        "fielding_assistant_assignment": {},
        "allocations": { "template_id": "01JH0PEGPC4Z8RDD304E2SF0EW" }
      }""";

  static final String OPEN_EXCHANGE_ALLOCATIONS = """
      {"open_exchange_allocations": {"blocked_supplier_ids": ["123"], "exchange_min_percentage": 0,
        "exchange_max_percentage": 100,
        "groups": [{"group_name": "Open group 1", "min_percentage": 0, "max_percentage": 100, "suppliers": ["456"]}]}}""";

  static final String JOB_PROCESSING = """
      {"job_id":"01BTGNYV6HRNK8K8VKZASZCFP1","created_at":"2024-01-01T14:05:05Z","created_by":"%s",
       "status":"Processing","completed_at":null,"failure_reason":null,"partial_success_reason":null,
       "job_trace_id":null}""".formatted(USER);
  static final String JOB_COMPLETED = """
      {"job_id":"01BTGNYV6HRNK8K8VKZASZCFP1","created_at":"2024-01-01T14:05:05Z","created_by":"%s",
       "status":"Completed","completed_at":"2024-01-01T14:15:10Z","failure_reason":null,
       "partial_success_reason":{"description":"Upload partially successful. 500 respondent IDs uploaded successfully, 10 failed (invalid or empty)."},
       "job_trace_id":null}""".formatted(USER);
  static final String JOB_FAILED = """
      {"job_id":"01BTGNYV6HRNK8K8VKZASZCFP1","created_at":"2024-01-01T14:05:05Z","created_by":"%s",
       "status":"Failed","completed_at":"2024-01-01T14:07:00Z",
       "failure_reason":{"code":"JobExecutionStartMessageFailed","description":"The job execution start message failed. Please contact Cint for further assistance."},
       "partial_success_reason":null,"job_trace_id":"0af7651916cd43dd8448eb211c80319c"}""".formatted(USER);

  static final String LAUNCH_COMPLETED = """
      {"job_id":"01BTGNYV6HRNK8K8VKZASZCFP1","created_fielding_run_id":"01BTGNYV6HRNK8K8VKZASZCFP2",
       "created_at":"2023-01-01T23:00:00.000Z","created_by":"%s","status":"Completed","failure_reason":null,
       "job_trace_id":null}""".formatted(USER);
  static final String LAUNCH_FAILED = """
      {"job_id":"01BTGNYV6HRNK8K8VKZASZCFP1","created_fielding_run_id":null,"created_at":"2023-01-01T23:00:00.000Z",
       "created_by":"%s","status":"Failed",
       "failure_reason":{"code":"TargetGroupInvalidState","description":"The target group is not in a draft state and cannot be launched.",
         "reasons":[{"name":"profile_validation_error_001","reason":"profile_condition_min_greater_than_max_001","detail":"QuestionID - 1, Details - Min > Max - 50-40"}]},
       "job_trace_id":"0af7651916cd43dd8448eb211c80319c"}""".formatted(USER);

  static final String GET_DRAFT = """
      {"id": "01BTGNYV6HRNK8K8VKZASZCFP1", "status": "draft",
       "human_readable_id": "9NRV3B9", "name": "Wave 2 recontact", "business_unit_id": 3337, "locale": "eng_us",
       "collects_pii": false, "study_type_code": "recontact", "industry_code": "other",
       "project_manager_id": "%s",
       "fielding_specification": {"start_at": "2026-09-02T08:22:18.822Z", "end_at": "2026-09-13T08:22:18.821Z"},
       "completes_goal": 500, "expected_length_of_interview_minutes": 10, "expected_incidence_rate": 0.9,
       "exclusion": {"enabled": false},
       "live_url": "https://your-survey.com?RID=[%%RID%%]&RECONTACT_RSID=[%%RECONTACT_RSID%%]",
       "test_url": "https://your-survey.com?RID=[%%RID%%]&RECONTACT_RSID=[%%RECONTACT_RSID%%]",
       "fielding_assistant_assignment": {}, "created_at": "2026-08-01T10:00:00.000Z",
       "allocations": {"template_id": "01JH0PEGPC4Z8RDD304E2SF0EW"},
       "links": {"test_client_survey": "https://your-survey.com/test?RID=abc"}}""".formatted(USER);

  // ---------------------------------------------------------------- helpers

  static SimpleRequest.Builder req(String method, String path) {
    return new SimpleRequest.Builder(method, path)
        .withHeader("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")
        .withHeader("Cint-API-Version", "2025-12-18");
  }

  static SimpleRequest jsonReq(String method, String path, String body) {
    return req(method, path).withContentType("application/json").withBody(body).build();
  }

  static SimpleResponse json(int status, String body) {
    return SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build();
  }

  static List<String> errors(ValidationReport report) {
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(CintContractExamplesTest::flatten)
        .collect(Collectors.toList());
  }

  /** "key: message" plus nested messages (allOf/anyOf wrap the real cause, e.g. a nested 'required'). */
  static String flatten(ValidationReport.Message m) {
    String nested = m.getNestedMessages().stream().map(CintContractExamplesTest::flatten)
        .collect(Collectors.joining("; "));
    return m.getKey() + ": " + m.getMessage() + (nested.isEmpty() ? "" : " {" + nested + "}");
  }

  /** Validates like the harness (validator + bearer check) without recording into the shared recorder. */
  static List<String> errors(SimpleRequest request, SimpleResponse response) {
    return errors(CintContract.validate(request, response, ContractViolations.newRecorder()));
  }

  static final SimpleResponse CREATED_TG = json(201, "{\"id\": \"01JX2X0N5RTR012AYDTA83QWTW\"}");

  // ---------------------------------------------------------------- target groups

  @Nested
  class TargetGroups {

    @Test
    void recontactCreateWithTemplateAllocationsIsValid() {
      assertThat(errors(jsonReq("POST", TG, RECONTACT_TG), CREATED_TG)).isEmpty();
    }

    @Test
    void createWithSpecAllocationsIsValid() {
      String body = RECONTACT_TG.replace("{ \"template_id\": \"01JH0PEGPC4Z8RDD304E2SF0EW\" }",
          OPEN_EXCHANGE_ALLOCATIONS).replace("\"recontact\"", "\"adhoc\"");
      assertThat(body).contains("open_exchange_allocations");
      assertThat(errors(jsonReq("POST", TG, body), CREATED_TG)).isEmpty();
    }

    @Test
    void completesGoalZeroIsAViolation() {
      String body = RECONTACT_TG.replace("\"completes_goal\": 500", "\"completes_goal\": 0");
      assertThat(errors(jsonReq("POST", TG, body), CREATED_TG))
          .anySatisfy(e -> assertThat(e).contains("validation.request.body.schema.minimum"));
    }

    @Test
    void missingRequiredFieldWrongTypeAndBadFormatAreViolations() {
      String noName = RECONTACT_TG.replace("\"name\": \"Wave 2 recontact\",", "");
      assertThat(errors(jsonReq("POST", TG, noName), CREATED_TG))
          .anySatisfy(e -> assertThat(e).contains("validation.request.body.schema.required"));
      String wrongType = RECONTACT_TG.replace("\"collects_pii\": false", "\"collects_pii\": \"no\"");
      assertThat(errors(jsonReq("POST", TG, wrongType), CREATED_TG))
          .anySatisfy(e -> assertThat(e).contains("validation.request.body.schema.type"));
      String badUuid = RECONTACT_TG.replace(USER, "not-a-uuid");
      assertThat(errors(jsonReq("POST", TG, badUuid), CREATED_TG))
          .anySatisfy(e -> assertThat(e).contains("validation.request.body.schema.format"));
    }

    @Test
    void allocationsMustBeOneOfTheTwoShapes() {
      String empty = RECONTACT_TG.replace("{ \"template_id\": \"01JH0PEGPC4Z8RDD304E2SF0EW\" }", "{}");
      assertThat(errors(jsonReq("POST", TG, empty), CREATED_TG)).isNotEmpty();
      String notUlid = RECONTACT_TG.replace("01JH0PEGPC4Z8RDD304E2SF0EW", "recontact-template");
      assertThat(errors(jsonReq("POST", TG, notUlid), CREATED_TG)).isNotEmpty();
    }

    @Test
    void createdResponseWithoutIdIsAViolation() {
      assertThat(errors(jsonReq("POST", TG, RECONTACT_TG), json(201, "{\"target_group_id\": \"01JX2X0N5RTR012AYDTA83QWTW\"}")))
          .anySatisfy(e -> assertThat(e).contains("validation.response.body.schema.required"));
    }

    @Test
    void updateDraftWithTemplateAllocationsIsValid() {
      assertThat(errors(jsonReq("PUT", TG_ID, RECONTACT_TG), SimpleResponse.Builder.status(204).build())).isEmpty();
    }

    @Test
    void draftGetWithTemplateAllocationsAndExtraIdStatusIsValid() {
      assertThat(errors(req("GET", TG_ID).build(), json(200, GET_DRAFT))).isEmpty();
    }

    @Test
    void draftGetWithWrongTypesIsAViolation() {
      String bad = GET_DRAFT.replace("\"business_unit_id\": 3337", "\"business_unit_id\": \"3337\"");
      assertThat(errors(req("GET", TG_ID).build(), json(200, bad)))
          .anySatisfy(e -> assertThat(e).contains("validation.response.body.schema"));
      String badTemplate = GET_DRAFT.replace("01JH0PEGPC4Z8RDD304E2SF0EW", "lowercase-not-ulid");
      assertThat(errors(req("GET", TG_ID).build(), json(200, badTemplate))).isNotEmpty();
    }

    @Test
    void draftGetRedirectNeedsLocation() {
      assertThat(errors(req("GET", TG_ID).build(), SimpleResponse.Builder.status(301)
          .withHeader("location", "/demand/accounts/101/projects/01BTGNYV6HRNK8K8VKZASZCFP0/target-groups/01BTGNYV6HRNK8K8VKZASZCFP1/details")
          .build())).isEmpty();
      assertThat(errors(req("GET", TG_ID).build(), SimpleResponse.Builder.status(301).build()))
          .anySatisfy(e -> assertThat(e).contains("validation.response.header.missing"));
    }

    @Test
    void listTargetGroupsWithStatusFilterIsValid() {
      String body = """
          {"url": "/demand/accounts/101/projects/01BTGNYV6HRNK8K8VKZASZCFP0/target-groups", "has_more": false,
           "target_groups": []}""";
      assertThat(errors(req("GET", TG).withQueryParam("status", "draft").build(), json(200, body))).isEmpty();
      assertThat(errors(req("GET", TG).withQueryParam("status", "succeeded").build(), json(200, body)))
          .isNotEmpty();
    }
  }

  // ---------------------------------------------------------------- recontact jobs

  @Nested
  class RecontactJobs {

    SimpleRequest upload(String entityType) {
      SimpleRequest.Builder b = req("POST", UPLOAD)
          .withContentType("multipart/form-data; boundary=XyZ")
          .withBody("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"respondents.csv\"\r\n"
              + "Content-Type: text/csv\r\n\r\n0F1CE179-A917-49FF-9D50-B05FC91F7BD4\r\n--XyZ--\r\n");
      if (entityType != null) {
        b.withQueryParam("entity_type", entityType);
      }
      return b.build();
    }

    @Test
    void uploadCreateIsValid() {
      assertThat(errors(upload("RSID"), json(201, "{\"job_id\": \"01BTGNYV6HRNK8K8VKZASZCFP1\"}"))).isEmpty();
    }

    @Test
    void uploadWithoutOrWithUnknownEntityTypeIsAViolation() {
      SimpleResponse created = json(201, "{\"job_id\": \"01BTGNYV6HRNK8K8VKZASZCFP1\"}");
      assertThat(errors(upload(null), created))
          .anySatisfy(e -> assertThat(e).contains("validation.request.parameter.query.missing"));
      assertThat(errors(upload("EMAIL"), created)).isNotEmpty();
    }

    @Test
    void uploadAsJsonIsAContentTypeViolation() {
      assertThat(errors(jsonReq("POST", UPLOAD + "?entity_type=RSID", "{}"),
          json(201, "{\"job_id\": \"01BTGNYV6HRNK8K8VKZASZCFP1\"}")))
          .isNotEmpty();
    }

    @Test
    void uploadErrorBodiesAreValid() {
      for (String[] e : new String[][] {
          {"409", "conflict_error", "this operation causes conflict(s) on the resources"},
          {"413", "content_too_large_error", "File upload limit exceeded"},
          {"415", "unsupported_media_type_error", "The 'Content-Type' header is incorrectly set 'application/pdf'"}}) {
        String body = "{\"id\": \"9e278238-d011-4e05-8327-1ce1d5d26254\", \"object\": \"" + e[1]
            + "\", \"detail\": \"" + e[2] + "\"}";
        assertThat(errors(upload("RSID"), json(Integer.parseInt(e[0]), body))).as(e[0]).isEmpty();
      }
    }

    @Test
    void errorBodyWithoutDetailOrWithBadObjectIsAViolation() {
      assertThat(errors(upload("RSID"), json(409, "{\"object\": \"conflict_error\"}"))).isNotEmpty();
      assertThat(errors(upload("RSID"), json(409, "{\"object\": \"Conflict Error\", \"detail\": \"x\"}")))
          .anySatisfy(e -> assertThat(e).contains("validation.response.body.schema.pattern"));
    }

    @Test
    void undeclaredStatusIsAViolation() {
      assertThat(errors(upload("RSID"), json(429, "{\"object\": \"too_many_requests_problem_details\", \"details\": \"x\"}")))
          .anySatisfy(e -> assertThat(e).contains("validation.response.status.unknown"));
    }

    @Test
    void uploadJobExamplesAreValid() {
      for (String body : List.of(JOB_PROCESSING, JOB_COMPLETED, JOB_FAILED)) {
        assertThat(errors(req("GET", UPLOAD + "/01BTGNYV6HRNK8K8VKZASZCFP1").build(), json(200, body)))
            .as(body).isEmpty();
      }
    }

    @Test
    void uploadJobStatusSucceededIsAViolation() {
      String body = JOB_COMPLETED.replace("\"Completed\"", "\"Succeeded\"");
      assertThat(errors(req("GET", UPLOAD + "/01BTGNYV6HRNK8K8VKZASZCFP1").build(), json(200, body)))
          .anySatisfy(e -> assertThat(e).contains("validation.response.body.schema.enum"));
    }

    @Test
    void uploadJobWithoutJobIdIsAViolation() {
      String body = JOB_PROCESSING.replace("\"job_id\":\"01BTGNYV6HRNK8K8VKZASZCFP1\",", "");
      assertThat(errors(req("GET", UPLOAD + "/01BTGNYV6HRNK8K8VKZASZCFP1").build(), json(200, body)))
          .anySatisfy(e -> assertThat(e).contains("validation.response.body.schema.required"));
    }

    @Test
    void listUploadJobsExampleIsValid() {
      String body = """
          { "data": [
              {"job_id":"01BTGNYV6HRNK8K8VKZASZCFP2","file_name":"recontacts-batch2.txt","status":"Processing","created_at":"2024-01-02T10:30:00Z","created_by":"%s"},
              {"job_id":"01BTGNYV6HRNK8K8VKZASZCFP1","file_name":"respondents.csv","status":"Completed","created_at":"2024-01-01T14:05:05Z","created_by":"%s"} ],
            "next_cursor": "MDFKUkc0UFdISDRKMEpWRVRTTTNKTlZKWlc" }""".formatted(USER, USER);
      assertThat(errors(req("GET", UPLOAD).withQueryParam("page_size", "10").build(), json(200, body))).isEmpty();
      assertThat(errors(req("GET", UPLOAD).withQueryParam("page_size", "ten").build(), json(200, body)))
          .isNotEmpty();
    }

    @Test
    void downloadIsValidatedOnStatusAndHeaders() {
      SimpleResponse file = SimpleResponse.Builder.status(200)
          .withContentType("application/octet-stream")
          .withHeader("Content-Disposition", "attachment; filename=\"respondents.csv\"")
          .withBody("0F1CE179-A917-49FF-9D50-B05FC91F7BD4\n").build();
      String path = UPLOAD + "/01BTGNYV6HRNK8K8VKZASZCFP1/download";
      assertThat(errors(req("GET", path).build(), file)).isEmpty();
      SimpleResponse asJson = json(200, "{\"file\": \"x\"}");
      assertThat(errors(req("GET", path).build(), asJson))
          .anySatisfy(e -> assertThat(e).contains("validation.response.contentType.notAllowed"));
    }

    @Test
    void removeAllOverviewAndRsidListAreValid() {
      assertThat(errors(req("POST", RC + "/jobs/remove-all-rsids").build(),
          json(201, "{\"job_id\": \"01BTGNYV6HRNK8K8VKZASZCFP1\"}"))).isEmpty();
      String status = """
          {"job_id":"01BTGNYV6HRNK8K8VKZASZCFP1","created_at":"2025-01-01T23:00:00.000Z",
           "completed_at":"2025-01-01T23:00:00.000Z","status":"Completed","created_by":"%s",
           "failure_reason":null,"job_trace_id":null}""".formatted(USER);
      assertThat(errors(req("GET", RC + "/jobs/remove-all-rsids/01BTGNYV6HRNK8K8VKZASZCFP1").build(),
          json(200, status))).isEmpty();
      assertThat(errors(req("GET", RC + "/overview").build(), json(200, "{\"saved_respondent_ids_count\": 12500}")))
          .isEmpty();
      assertThat(errors(req("GET", RC + "/overview").build(), json(200, "{\"saved_respondent_ids_count\": 100001}")))
          .anySatisfy(e -> assertThat(e).contains("validation.response.body.schema.maximum"));
      String rsids = """
          {"data": ["5a3b2ada-0066-4dcb-afdd-7302be78ce9e","8f8e1cda-2c0a-4b9e-9e7f-7a4d5e2c1b3d"],
           "next_cursor": "MDFKUkc0", "url": "/demand/accounts/101/projects/01BTGNYV6HRNK8K8VKZASZCFP0/target-groups/01BTGNYV6HRNK8K8VKZASZCFP1/recontacts/rsids"}""";
      assertThat(errors(req("GET", RC + "/rsids").withQueryParam("page_size", "2").build(), json(200, rsids)))
          .isEmpty();
    }
  }

  // ---------------------------------------------------------------- launch

  @Nested
  class Launch {

    SimpleRequest launch(boolean withKey) {
      SimpleRequest.Builder b = req("POST", LAUNCH).withContentType("application/json")
          .withBody("{\"end_fielding_at\": \"2026-12-31T23:59:59.000Z\"}");
      if (withKey) {
        b.withHeader("idempotency-key", "3dcf41bf-d16f-410a-a14c-13b83869b531");
      }
      return b.build();
    }

    static final SimpleResponse LAUNCH_CREATED = SimpleResponse.Builder.status(201)
        .withHeader("location", "/demand/accounts/101/projects/01BTGNYV6HRNK8K8VKZASZCFP0/target-groups/"
            + "01BTGNYV6HRNK8K8VKZASZCFP1/fielding-run-jobs/launch-from-draft/01BTGNYV6HRNK8K8VKZASZCFP3")
        .build();

    @Test
    void launchCreateIsValid() {
      assertThat(errors(launch(true), LAUNCH_CREATED)).isEmpty();
    }

    @Test
    void launchWithoutIdempotencyKeyOrLocationIsAViolation() {
      assertThat(errors(launch(false), LAUNCH_CREATED))
          .anySatisfy(e -> assertThat(e).contains("validation.request.parameter.header.missing"));
      assertThat(errors(launch(true), SimpleResponse.Builder.status(201).build()))
          .anySatisfy(e -> assertThat(e).contains("validation.response.header.missing"));
    }

    @Test
    void launchJobExamplesAreValid() {
      for (String body : List.of(LAUNCH_COMPLETED, LAUNCH_FAILED)) {
        assertThat(errors(req("GET", LAUNCH + "/01BTGNYV6HRNK8K8VKZASZCFP3").build(), json(200, body)))
            .as(body).isEmpty();
      }
    }

    @Test
    void launchJobWithoutJobIdOrWithSucceededIsAViolation() {
      String noId = LAUNCH_COMPLETED.replace("\"job_id\":\"01BTGNYV6HRNK8K8VKZASZCFP1\",", "");
      assertThat(errors(req("GET", LAUNCH + "/01BTGNYV6HRNK8K8VKZASZCFP3").build(), json(200, noId)))
          .anySatisfy(e -> assertThat(e).contains("validation.response.body.schema.required"));
      String succeeded = LAUNCH_COMPLETED.replace("\"Completed\"", "\"succeeded\"");
      assertThat(errors(req("GET", LAUNCH + "/01BTGNYV6HRNK8K8VKZASZCFP3").build(), json(200, succeeded)))
          .anySatisfy(e -> assertThat(e).contains("validation.response.body.schema.enum"));
    }

    @Test
    void rateLimitBodyUsesDetails() {
      SimpleResponse ok = SimpleResponse.Builder.status(429).withContentType("application/json")
          .withHeader("retry-After", "30")
          .withBody("{\"object\": \"too_many_requests_problem_details\", \"details\": \"Too many requests\"}").build();
      assertThat(errors(launch(true), ok)).isEmpty();
      SimpleResponse wrong = json(429, "{\"object\": \"too_many_requests_problem_details\", \"detail\": \"x\"}");
      assertThat(errors(launch(true), wrong))
          .anySatisfy(e -> assertThat(e).contains("validation.response.body.schema.required"));
    }
  }

  // ---------------------------------------------------------------- validator configuration

  @Nested
  class Configuration {

    @Test
    void additionalPropertiesAreIgnoredEvenUnderAllOf() {
      // the draft GET response is allOf(FetchTargetGroupResponse, DraftTargetGroupLinks) and carries extra fields
      assertThat(CintContract.levelResolver().getLevel(CintContract.ADDITIONAL_PROPERTIES_KEY))
          .isEqualTo(ValidationReport.Level.IGNORE);
      assertThat(errors(req("GET", TG_ID).build(), json(200, GET_DRAFT))).isEmpty();
      String unknownField = JOB_COMPLETED.replace("\"status\"", "\"some_future_field\": 42, \"status\"");
      assertThat(errors(req("GET", UPLOAD + "/01BTGNYV6HRNK8K8VKZASZCFP1").build(), json(200, unknownField)))
          .isEmpty();
    }

    @Test
    void withTheValidatorsDefaultLevelsTheSameValidBodyWouldFail() {
      OpenApiInteractionValidator strict = OpenApiInteractionValidator
          .createForInlineApiSpecification(CintContract.specText())
          .withBasePathOverride(CintContract.BASE_PATH)
          .withLevelResolver(LevelResolver.create().build())
          .build();
      List<String> errs = errors(strict.validate(req("GET", TG_ID).build(), json(200, GET_DRAFT)));
      assertThat(errs).anySatisfy(e -> assertThat(e).contains("additionalProperties"));
    }

    @Test
    void requestsMustCarryVersionHeaderAndBearerToken() {
      SimpleRequest noVersion = new SimpleRequest.Builder("GET", RC + "/overview")
          .withHeader("Authorization", "Bearer x").build();
      assertThat(errors(noVersion, json(200, "{\"saved_respondent_ids_count\": 1}"))).as("no version header")
          .anySatisfy(e -> assertThat(e).contains("validation.request.parameter.header.missing"));
      SimpleRequest noToken = new SimpleRequest.Builder("GET", RC + "/overview")
          .withHeader("Cint-API-Version", "2025-12-18").build();
      assertThat(errors(noToken, json(200, "{\"saved_respondent_ids_count\": 1}"))).as("no token")
          .anySatisfy(e -> assertThat(e).contains(CintContract.BEARER_KEY));
    }

    @Test
    void pathsOutsideTheContractAndBadPathParametersAreViolations() {
      // target-group overview and performance are in the contract (fielding); this one is not
      assertThat(errors(req("GET", TG_ID + "/completes-aggregated-by-interval").build(), json(200, "{}")))
          .anySatisfy(e -> assertThat(e).contains("validation.request.path.missing"));
      assertThat(errors(req("GET", TG + "/not-a-ulid/recontacts/overview").build(),
          json(200, "{\"saved_respondent_ids_count\": 1}"))).isNotEmpty();
    }

    @Test
    void recordingGoesToTheGivenRecorder() {
      ContractViolations recorder = ContractViolations.newRecorder();
      String body = JOB_COMPLETED.replace("\"Completed\"", "\"Succeeded\"");
      CintContract.validate(req("GET", UPLOAD + "/01BTGNYV6HRNK8K8VKZASZCFP1").build(), json(200, body), recorder);
      assertThat(recorder.violations()).singleElement().satisfies(v -> {
        assertThat(v.method()).isEqualTo("GET");
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.key()).startsWith("validation.response.body.schema");
        assertThat(v.message()).contains("validation.response.body.schema.enum");
      });
      assertThat(recorder.validatedExchanges()).isEqualTo(1);
      org.assertj.core.api.Assertions.assertThatThrownBy(recorder::assertNone)
          .isInstanceOf(AssertionError.class).hasMessageContaining("Succeeded");
    }
  }
}
