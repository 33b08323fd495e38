package io.recontact.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bad-input table of docs/bad-input.md as the tests see it: id → status and a fragment of the message.
 * BadInputTableTest checks that the page's table holds exactly these rows, and that every row has its test.
 */
final class BadInputRows {

  record Row(String id, int status, String fragment) {
  }

  static final Map<String, Row> ROWS = new LinkedHashMap<>();

  static {
    // POST /api/cint/recontacts
    row("B01", 415, "Content-Type 'text/plain' is not supported");
    row("B02", 400, "file: the respondent file is missing or empty");
    row("B03", 400, "file: The file is not text");
    row("B04", 400, "file: The file is UTF-16 text");
    row("B05", 400, "request: The recontact request is not valid JSON");
    row("B06", 400, "request: The recontact request has a value of the wrong type at accountId");
    row("B07", 400, "endFieldingAt '31/12/2026' is not an ISO-8601 date-time");
    row("B08", 400, "targetGroup.live_url must contain [%RECONTACT_RSID%]");
    row("B09", 400, "targetGroup.name is required: 5 to 128 characters");
    row("B10", 400, "projectId is required: a Cint project id");
    row("B11", 400, "entityType 'EMAIL' is unknown");
    row("B12", 400, "file: the file holds no valid RSID");
    row("B13", 201, "\"accepted\":100001");
    // replacement and removal
    row("B14", 400, "targetGroupId is required: a Cint target group id");
    row("B15", 400, "completesGoal is required: at least 1");
    row("B16", 400, "accountId is required (a positive number)");
    row("B17", 400, "The body must be a JSON object");
    // engine REST starts
    row("B18", 400, "accountId is missing: the Cint account id");
    row("B19", 400, "accountId is '101' (String): expected the Cint account id");
    row("B20", 400, "request is missing");
    row("B21", 400, "request: The recontact request is not valid JSON");
    row("B22", 400, "respondentFile: The file is not text");
    row("B23", 400, "respondentFile: The file is UTF-16 text");
    row("B24", 400, "expected the respondent IDs as a File variable");
    row("B25", 400, "the business key has 300 characters: at most 64");
    row("B26", 400, "request.targetGroup.live_url must contain [%RECONTACT_RSID%]");
    row("B27", 400, "cintReplaceRecontacts was not started: accountId is missing");
    row("B28", 400, "respondentFileId 999999999 is not a stored respondent file");
    row("B29", 400, "has no start prepared by the sweep");
    row("B30", 400, "tolunaQuotaSweep was not started: takes no variables");
    row("B31", 400, "Unsupported value type 'Banana'");
    // POST /api/panel/members
    row("B32", 400, "The body is empty");
    row("B33", 415, "Content-Type 'text/plain' is not supported");
    row("B34", 400, "The body must be a JSON array of members");
    row("B35", 400, "The body is UTF-16 text");
    row("B36", 400, "unknown status 'RETIRED'");
    row("B37", 400, "bad birth date '1990-02-30'");
    row("B38", 400, "member code is longer than 64 characters");
    row("B39", 200, "\"imported\":1");
    // Toluna notifications
    row("B40", 401, "A valid notification token is required");
    row("B41", 400, "The body is empty");
    row("B42", 415, "Content-Type application/xml is not supported");
    row("B43", 400, "QuotaID must be a positive integer, not \"abc\"");
    row("B44", 400, "IsLive must be true or false");
    row("B45", 400, "UpdateDateTimeUTC must be a UTC timestamp");
    row("B46", 400, "The body is larger than 65536 bytes");
    row("B47", 400, "Status must be \"Closed\"");
    // forms, completed over engine REST
    row("B48", 400, "fileDecision must be one of [approve, reject], not 'maybe' (String)");
    row("B49", 400, "completesGoal must be a whole number of at least 1, not '0' (Long)");
    row("B50", 400, "completesGoal must be a whole number of at least 1, not 'ten' (String)");
    row("B51", 400, "uploadDecision must be one of [abort, accept, resubmit], not 'retry' (String)");
    row("B52", 400, "Cint has saved 3 IDs: to accept, lower the completes goal to at most 3");
    row("B53", 400, "launchDecision must be one of [abort, retry], not missing");
    row("B54", 400, "removalDecision must be one of [abort, retry], not 'xxxxxxxxxx");
    row("B55", 400, "exceptionDecision must be one of [abort, proceed, recheck], not 'proceed'; DROP TABLE");
    row("B56", 400, "exceptionDecision must be one of [abort, proceed, recheck], not 'true' (Boolean)");
    // repeated starts (Idempotency-Key, a recontact of the same respondents)
    row("B57", 400, "Idempotency-Key has 300 characters: at most 255");
    row("B58", 422, "was used at");
    row("B59", 409, "already runs for account 101 and project");
    row("B60", 400, "The body is not well-formed XML");
    row("B61", 400, "The XML root element must be <confirmation>");
    row("B62", 400, "The body is not well-formed XML");
    row("B63", 401, "EncryptedValue does not match");
    row("B64", 400, "Reason is missing");
    row("B65", 400, "Revenue must be a whole number of 1/100 currency units");
    row("B66", 401, "The reconciliation header set at Toluna is missing or wrong");
    row("B67", 415, "Content-Type application/xml is not supported");
    // Cint's webhooks and the fielding follow-up
    row("B68", 401, "the Cint-Signature does not match the body");
    row("B69", 401, "s from now, more than 300 s");
    row("B70", 400, "targetGroupId is required: a Cint target group id");
    // more of Toluna's outcome notifications and Cint's webhooks (OutcomeBadInputTest)
    row("B71", 200, "\"outcome\":\"UNKNOWN_INVITE\"");
    row("B72", 400, "Revenue must be a whole number of 1/100 currency units (zero or more), not -150");
    row("B73", 401, "EncryptedValue is missing; this server checks it");
    row("B74", 401, "The reconciliation header set at Toluna is missing or wrong");
    row("B75", 400, "The body is not valid JSON");
    row("B76", 401, "the Cint-Signature header is missing");
    row("B77", 409, "this delivery was taken already (a replay)");
    row("B78", 400, "the body must be a JSON object {id, type, payload}");
    // incentive settlement
    row("B79", 400, "tolunaIncentiveSettlement was not started: takes no variables");
    // respondent governance: the do-not-contact list, contact histories, suppressed files (GovernanceBadInputTest)
    row("B80", 400, "marketplace must be cint or toluna");
    row("B81", 400, "reason is required: 1 to 500 characters");
    row("B82", 400, "id must be 1 to 256 characters without control characters");
    row("B83", 409, "is suppressed by our member directory (opted out) or an erasure");
    row("B84", 404, "The respondent is not on the do-not-contact list");
    row("B85", 400, "size must be a whole number from 1 to 1000, not '0'");
    row("B86", 400, "the header names the columns marketplace, id and reason");
    row("B87", 400, "No respondent could be imported: fix these problems");
    row("B88", 400, "marketplace must be cint or toluna, not 'mturk'");
    row("B89", 400, "(1 on the do-not-contact list, 0 over a contact cap): nothing to upload");
    // data retention
    row("B90", 400, "dataRetention was not started: takes no variables");
    row("B91", 400, "A retention run takes no body");
    row("B92", 400, "reversalDecision must be one of [clawBack, writeOff], not 'refund'");
    // a respondent's erasure
    row("B95", 400, "Nothing was erased: marketplace must be one of [cint, toluna]");
    row("B96", 400, "Nothing was erased: the respondent identifier is blank");
    row("B97", 400, "Nothing was erased: a Cint respondent ID (RSID) is a UUID");
    row("B98", 403, "may not DELETE /api/respondents/{marketplace}/{id}: it needs membership in one of "
        + "[recontact-privacy, camunda-admin]");
    row("B99", 400, "Nothing was erased: a Toluna member code has 1 to 256 characters");
    // A fielding end already past (issue 20)
    row("B100", 400, "endFieldingAt 2020-01-01T00:00:00Z is in the past");
    row("B101", 400, "endFieldingAt 2019-12-31T22:00:00Z is in the past");
    row("B102", 400, "endFieldingAt 2020-01-01T00:00:00Z is in the past");
    // member codes with non-printable characters, the streamed member import's limits
    row("B105", 400, "member code contains the non-printable character U+0007 (a control character) at position 4");
    row("B106", 400, "member code contains the non-printable character U+200B at position 4");
    row("B107", 200, "\"rejected\":1");
    row("B108", 400, "the line is longer than 65536 characters");
    row("B109", 400, "The import broke off: The body is not valid JSON in element 2");
  }

  private BadInputRows() {
  }

  private static void row(String id, int status, String fragment) {
    ROWS.put(id, new Row(id, status, fragment));
  }

  /** Asserts the answer against the row: its status, and the fragment in its body. */
  static void assertAnswer(String id, BadInputHttp.Answer answer) {
    Row row = ROWS.get(id);
    assertThat(row).as("row " + id).isNotNull();
    assertThat(answer.status()).as(id + ": " + answer.body()).isEqualTo(row.status());
    // Error messages are JSON strings: compare with their quotes unescaped.
    assertThat(answer.body().replace("\\\"", "\"")).as(id).contains(row.fragment());
    if (row.status() >= 400) {
      assertThat(answer.body()).as(id + ": a JSON message, no stack trace").startsWith("{").contains("\"message\"")
          .doesNotContain("\tat ").doesNotContain("Exception:");
    }
  }
}
