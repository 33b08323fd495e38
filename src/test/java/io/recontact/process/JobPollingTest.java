package io.recontact.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobPollingTest {

  private final JobPolling polling = new JobPolling(new PollingProperties(Duration.ofSeconds(1), 2.0,
      Duration.ofSeconds(30), Duration.ofHours(4), Duration.ofSeconds(5)));

  @Test
  void intervalBacksOffByTheFactorUpToTheCap() {
    assertThat(polling.interval(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(polling.interval(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(polling.interval(4)).isEqualTo(Duration.ofSeconds(16));
    assertThat(polling.interval(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(polling.interval(60)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void conflictWaitIsAnIsoDurationForTheTimer() {
    assertThat(polling.conflictWait()).isEqualTo("PT5S");
  }
}
