package io.recontact.toluna.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TolunaTimestampsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2018-10-22 19:58:42.99 +00:00      | 2018-10-22T19:58:42.990Z",
      "2018-10-22 19:58:42.9999999 +00:00 | 2018-10-22T19:58:42.999999Z",
      "2018-10-22 19:58:42 +0000          | 2018-10-22T19:58:42Z",
      "2018-10-22 19:58:42+01:00          | 2018-10-22T18:58:42Z",
      "2018-10-22T19:58:42,5Z             | 2018-10-22T19:58:42.500Z",
      "2018-10-22t19:58:42z               | 2018-10-22T19:58:42Z",
      "2014-09-11 16:06:27                | 2014-09-11T16:06:27Z"})
  void accepted(String text, String expected) {
    assertThat(TolunaTimestamps.parse(text)).contains(OffsetDateTime.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2018-10-22", "2018-10-22 19:58", "22/10/2018 19:58:42", "2018-13-01 00:00:00",
      "2018-10-22 24:00:00", "2018-10-22 19:58:42.1234567890", "2018-10-22 19:58:42 +25:00",
      "2018-10-22 19:58:42 UTC"})
  void refused(String text) {
    assertThat(TolunaTimestamps.parse(text)).isEmpty();
  }
}
