package io.recontact.sandbox.cint;

import io.recontact.sandbox.AdminSettingsTestBase;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * {@code POST /sandbox/cint/admin/settings}: every setting with a wrong type, out of range, and a field that is no
 * setting, each refused with 400 naming the field and nothing changed; valid values stored as sent.
 */
class CintSimulatorSettingsTest extends AdminSettingsTestBase {

  @Override
  protected String admin() {
    return "/sandbox/cint/admin";
  }

  @Override
  protected String notAnObject() {
    return "[1, 2]";
  }

  /** Body, the field the 400 names, a fragment of its message. */
  static Stream<Arguments> refused() {
    return Stream.of(
        // the two
        Arguments.of("{\"refusedFraction\": \"10%\"}", "refusedFraction", "must be a number from 0 to 1, not \"10%\""),
        Arguments.of("{\"refusedFraction\": 10}", "refusedFraction", "must be a number from 0 to 1, not 10"),
        Arguments.of("{\"refusedFraction\": -0.1}", "refusedFraction", "from 0 to 1"),
        Arguments.of("{\"refusedFraction\": null}", "refusedFraction", "from 0 to 1"),
        Arguments.of("{\"refusedFraction\": true}", "refusedFraction", "from 0 to 1"),
        Arguments.of("{\"jobBaseMillis\": \"500\"}", "jobBaseMillis", "must be a whole number from 0 to 86400000"),
        Arguments.of("{\"jobBaseMillis\": 1.5}", "jobBaseMillis", "whole number"),
        Arguments.of("{\"jobBaseMillis\": -1}", "jobBaseMillis", "not -1"),
        Arguments.of("{\"jobBaseMillis\": 86400001}", "jobBaseMillis", "from 0 to 86400000"),
        Arguments.of("{\"jobPerIdMicros\": \"10us\"}", "jobPerIdMicros", "whole number from 0 to 60000000"),
        Arguments.of("{\"jobPerIdMicros\": -10}", "jobPerIdMicros", "not -10"),
        Arguments.of("{\"jobPerIdMaxMicros\": [10]}", "jobPerIdMaxMicros", "whole number"),
        Arguments.of("{\"jobPerIdMicros\": 100, \"jobPerIdMaxMicros\": 50}", "jobPerIdMaxMicros",
            "must be at least jobPerIdMicros (100), not 50"),
        Arguments.of("{\"removalPerIdMicros\": {}}", "removalPerIdMicros", "whole number"),
        Arguments.of("{\"removalPerIdMicros\": 60000001}", "removalPerIdMicros", "from 0 to 60000000"),
        Arguments.of("{\"removalPerIdMaxMicros\": -1}", "removalPerIdMaxMicros", "not -1"),
        Arguments.of("{\"removalPerIdMicros\": 30, \"removalPerIdMaxMicros\": 20}", "removalPerIdMaxMicros",
            "must be at least removalPerIdMicros (30), not 20"),
        Arguments.of("{\"launchMillis\": false}", "launchMillis", "whole number"),
        Arguments.of("{\"launchMillis\": -5}", "launchMillis", "not -5"),
        Arguments.of("{\"tokenTtlSeconds\": \"1h\"}", "tokenTtlSeconds", "whole number from 0 to 31536000"),
        Arguments.of("{\"tokenTtlSeconds\": -1}", "tokenTtlSeconds", "not -1"),
        Arguments.of("{\"refusedIds\": \"a,b\"}", "refusedIds", "must be an array of non-blank strings"),
        Arguments.of("{\"refusedIds\": [\"a\", 7]}", "refusedIds", "array of non-blank strings"),
        Arguments.of("{\"refusedIds\": [\" \"]}", "refusedIds", "array of non-blank strings"),
        // a field that is no setting, also next to a good one (nothing of the body is applied)
        Arguments.of("{\"refusedPercent\": 10}", "refusedPercent", "refusedPercent is not a setting; settings: ["),
        Arguments.of("{\"launchMillis\": 10, \"jobbasemillis\": 10}", "jobbasemillis", "is not a setting"));
  }

  /** Body, then the settings it leaves, as the state shows them. */
  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("{\"refusedFraction\": 0.1}", "{\"refusedFraction\": 0.1}"),
        Arguments.of("{\"refusedFraction\": 0}", "{\"refusedFraction\": 0.0}"),
        Arguments.of("{\"refusedFraction\": 1}", "{\"refusedFraction\": 1.0}"),
        Arguments.of("{\"jobBaseMillis\": 0, \"jobPerIdMicros\": 0, \"launchMillis\": 0}",
            "{\"jobBaseMillis\": 0, \"jobPerIdMicros\": 0, \"jobPerIdMaxMicros\": 0, \"removalPerIdMicros\": 0, "
                + "\"launchMillis\": 0}"),
        Arguments.of("{\"jobBaseMillis\": 86400000, \"launchMillis\": 600000}",
            "{\"jobBaseMillis\": 86400000, \"launchMillis\": 600000}"),
        Arguments.of("{\"jobPerIdMicros\": 600, \"jobPerIdMaxMicros\": 1000, \"removalPerIdMicros\": 200, "
            + "\"removalPerIdMaxMicros\": 300}", "{\"jobPerIdMicros\": 600, \"jobPerIdMaxMicros\": 1000, "
            + "\"removalPerIdMicros\": 200, \"removalPerIdMaxMicros\": 300}"),
        Arguments.of("{\"jobPerIdMicros\": 90}", "{\"jobPerIdMicros\": 90, \"jobPerIdMaxMicros\": 90, "
            + "\"removalPerIdMicros\": 30, \"removalPerIdMaxMicros\": 30}"),
        Arguments.of("{\"tokenTtlSeconds\": 0}", "{\"tokenTtlSeconds\": 0}"),
        Arguments.of("{\"refusedIds\": [\"A-1\", \"b-2\"]}", "{\"refusedIds\": [\"a-1\", \"b-2\"]}"),
        Arguments.of("{\"refusedIds\": []}", "{\"refusedIds\": []}"),
        Arguments.of("{}", "{}"));
  }
}
