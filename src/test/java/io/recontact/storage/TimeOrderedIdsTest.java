package io.recontact.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

  @Test
  void isAVersion7UuidCarryingItsMillisecond() {
    long at = 1_796_601_600_123L;
    UUID id = UUID.fromString(TimeOrderedIds.next(at));

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at);
  }

  @Test
  void sortsAsTextByTimeAndIsUniqueWithinAMillisecond() {
    String earlier = TimeOrderedIds.next(1_000_000L);
    String later = TimeOrderedIds.next(1_000_001L);
    assertThat(earlier).isLessThan(later).hasSize(36);
    assertThat(TimeOrderedIds.next(Long.parseLong("FFFFFFFFFF", 16))).isLessThan(TimeOrderedIds.next(1L << 40));

    Set<String> sameMillisecond = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      sameMillisecond.add(TimeOrderedIds.next(1_000_000L));
    }
    assertThat(sameMillisecond).hasSize(100_000);
  }
}
