package io.recontact.cint.followfielding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where a reading routes: over, paused, behind pace once the check is due, or on pace. */
class FieldingPaceTest {

  static final FieldingProperties PROPERTIES = new FieldingProperties(true, Duration.ofMinutes(5), 0.5, 0.1, null,
      Duration.ofMinutes(5));
  static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
  static final Instant END = START.plus(Duration.ofDays(10));

  static String state(String status, int completes, int goal, Instant now, boolean accepted) {
    FieldingPace.Projection projection = FieldingPace.project(completes, START, END, now);
    return FieldingPace.state(status, completes, goal, END, now, projection, accepted, PROPERTIES);
  }

  @Test
  void projectsLinearlyFromTheShareOfThePeriodGone() {
    FieldingPace.Projection half = FieldingPace.project(40, START, END, START.plus(Duration.ofDays(5)));
    assertThat(half.projected()).isEqualTo(80);
    assertThat(half.share()).isEqualTo(0.5);
    assertThat(half.daysLeft()).isEqualTo(5.0);
    assertThat(FieldingPace.project(7, null, END, START).projected()).as("no period known").isEqualTo(7);
  }

  @Test
  void routes() {
    Instant early = START.plus(Duration.ofDays(2));
    Instant late = START.plus(Duration.ofDays(6));
    assertThat(state("completed", 100, 100, early, false)).isEqualTo(FieldingPace.COMPLETED);
    assertThat(state("completed", 60, 100, END.plusSeconds(1), false)).as("Cint ended it at its end date")
        .isEqualTo(FieldingPace.ENDED);
    assertThat(state("live", 60, 100, END.plusSeconds(1), false)).isEqualTo(FieldingPace.ENDED);
    assertThat(state("paused", 60, 100, early, false)).isEqualTo(FieldingPace.REVIEW);
    assertThat(state("live", 10, 100, early, false)).as("check not due before half-way").isEqualTo(FieldingPace.FOLLOW);
    assertThat(state("live", 50, 100, late, false)).as("projected 83, short by more than 10 %")
        .isEqualTo(FieldingPace.REVIEW);
    assertThat(state("live", 55, 100, late, false)).as("projected 92: within the tolerance")
        .isEqualTo(FieldingPace.FOLLOW);
    assertThat(state("live", 50, 100, late, true)).as("a person chose to keep fielding")
        .isEqualTo(FieldingPace.FOLLOW);
  }
}
