package io.recontact.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  @Test
  void secondsAndHttpDatesAreRead() {
    assertThat(RetryAfter.parse(Map.of("Retry-After", List.of("30")))).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse(Map.of("retry-after", List.of("-3")))).isEqualTo(Duration.ZERO);
    String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(60));
    assertThat(RetryAfter.parse(Map.of("Retry-After", List.of(inAMinute))))
        .isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
  }

  @Test
  void missingOrGarbageIsNull() {
    assertThat(RetryAfter.parse(Map.of())).isNull();
    assertThat(RetryAfter.parse(Map.of("Retry-After", List.of("soon")))).isNull();
    assertThat(RetryAfter.parse((Map<String, java.util.Collection<String>>) null)).isNull();
  }
}
