package io.recontact.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProgressLogTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger("progress-log-test");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final AtomicLong now = new AtomicLong(1_000_000);

  @BeforeEach
  void attach() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(lines);
  }

  @Test
  void aShortStepLogsNothing() {
    ProgressLog progress = new ProgressLog(logger, "GenerateInvite calls", 3, now::get);
    progress.advance(1);
    progress.advance(2);
    progress.finish();

    assertThat(lines.list).isEmpty();
    assertThat(progress.done()).isEqualTo(3);
  }

  @Test
  void aLongStepLogsAtMostOncePerIntervalWithCountsAndAFinalLine() {
    ProgressLog progress = new ProgressLog(logger, "GenerateInvite calls", 1000, now::get);
    for (int i = 0; i < 1000; i++) {
      now.addAndGet(20); // 1,000 items over 20 s: 4 intervals of 5 s
      progress.advance(1);
    }
    progress.finish();

    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "GenerateInvite calls: 250 of 1000 done (25%) after 5 s",
        "GenerateInvite calls: 500 of 1000 done (50%) after 10 s",
        "GenerateInvite calls: 750 of 1000 done (75%) after 15 s",
        "GenerateInvite calls: 1000 of 1000 done (100%) after 20 s",
        "GenerateInvite calls: 1000 of 1000 done (100%) in 20 s");
  }

  @Test
  void aStepThatDoesNotKnowItsTotalLogsCountsOnly() {
    ProgressLog progress = new ProgressLog(logger, "GenerateInvite calls", -1, now::get);
    for (int i = 0; i < 300; i++) {
      now.addAndGet(20);
      progress.advance(1);
    }
    progress.finish();

    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "GenerateInvite calls: 250 done after 5 s",
        "GenerateInvite calls: 300 done in 6 s");
  }
}
