package io.recontact.sandbox.toluna;

import io.recontact.sandbox.AdminSettingsTestBase;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * {@code POST /sandbox/toluna/admin/settings}: every setting with a wrong type, out of range, and a field that is no
 * setting, each refused with 400 naming the field and nothing changed; valid values stored as sent.
 */
class TolunaSimulatorSettingsTest extends AdminSettingsTestBase {

  @Override
  protected String admin() {
    return "/sandbox/toluna/admin";
  }

  @Override
  protected String notAnObject() {
    return "\"memberCallSpacingMillis\"";
  }

  /** Body, the field the 400 names, a fragment of its message. */
  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("{\"notificationUrl\": 5}", "notificationUrl", "must be \"\" (none) or an http or https URL"),
        Arguments.of("{\"notificationUrl\": \"127.0.0.1:9999/n\"}", "notificationUrl", "http or https URL"),
        Arguments.of("{\"notificationUrl\": \"ftp://127.0.0.1/n\"}", "notificationUrl", "http or https URL"),
        Arguments.of("{\"notificationUrl\": null}", "notificationUrl", "http or https URL"),
        Arguments.of("{\"surveyClosedUrl\": [\"http://127.0.0.1/c\"]}", "surveyClosedUrl", "http or https URL"),
        Arguments.of("{\"surveyClosedUrl\": \"http://\"}", "surveyClosedUrl", "http or https URL"),
        Arguments.of("{\"notificationRetries\": \"3\"}", "notificationRetries", "must be a whole number from 0 to 20"),
        Arguments.of("{\"notificationRetries\": 21}", "notificationRetries", "not 21"),
        Arguments.of("{\"notificationRetries\": -1}", "notificationRetries", "not -1"),
        Arguments.of("{\"notificationRetries\": 2.5}", "notificationRetries", "not 2.5"),
        Arguments.of("{\"notificationBackoffMillis\": \"100ms\"}", "notificationBackoffMillis",
            "whole number from 0 to 86400000"),
        Arguments.of("{\"notificationBackoffMillis\": -100}", "notificationBackoffMillis", "not -100"),
        Arguments.of("{\"notificationTimeoutMillis\": 0}", "notificationTimeoutMillis",
            "whole number from 1 to 600000, not 0"),
        Arguments.of("{\"notificationTimeoutMillis\": true}", "notificationTimeoutMillis", "whole number"),
        Arguments.of("{\"memberCallSpacingMillis\": -1}", "memberCallSpacingMillis",
            "whole number from 0 to 86400000, not -1"),
        Arguments.of("{\"memberCallSpacingMillis\": \"1s\"}", "memberCallSpacingMillis", "whole number"),
        Arguments.of("{\"memberCallSpacing\": 1000}", "memberCallSpacing",
            "memberCallSpacing is not a setting; settings: ["),
        // a good value next to a bad one: nothing of the body is applied
        Arguments.of("{\"memberCallSpacingMillis\": 5, \"notificationRetries\": 99}", "notificationRetries",
            "not 99"),
        Arguments.of("{\"notificationRetries\": 2, \"retries\": 2}", "retries", "is not a setting"));
  }

  /** Body, then the settings it leaves, as the state shows them. */
  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("{\"notificationUrl\": \"http://127.0.0.1:9999/n\", \"surveyClosedUrl\": "
            + "\"https://partner.example.com/c\"}", "{\"notificationUrl\": \"http://127.0.0.1:9999/n\", "
            + "\"surveyClosedUrl\": \"https://partner.example.com/c\"}"),
        Arguments.of("{\"notificationUrl\": \"\", \"surveyClosedUrl\": \" \"}",
            "{\"notificationUrl\": \"\", \"surveyClosedUrl\": \"\"}"),
        Arguments.of("{\"notificationRetries\": 0, \"notificationBackoffMillis\": 0, \"notificationTimeoutMillis\": 1}",
            "{\"notificationRetries\": 0, \"notificationBackoffMillis\": 0, \"notificationTimeoutMillis\": 1}"),
        Arguments.of("{\"notificationRetries\": 20, \"notificationBackoffMillis\": 100, "
            + "\"notificationTimeoutMillis\": 600000}", "{\"notificationRetries\": 20, "
            + "\"notificationBackoffMillis\": 100, \"notificationTimeoutMillis\": 600000}"),
        Arguments.of("{\"memberCallSpacingMillis\": 0}", "{\"memberCallSpacingMillis\": 0}"),
        Arguments.of("{\"memberCallSpacingMillis\": 60000}", "{\"memberCallSpacingMillis\": 60000}"),
        Arguments.of("{}", "{}"));
  }
}
