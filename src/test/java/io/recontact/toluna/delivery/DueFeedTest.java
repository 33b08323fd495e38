package io.recontact.toluna.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.toluna.delivery.DueFeed.Slice;
import io.recontact.toluna.delivery.OutboxRows.Due;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

/** Pages of due rows handed out as slices: each row once, in due order, though none is claimed in between. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DueFeedTest {

  static final long QUOTA = 4100077L;

  @Autowired
  InviteOutbox outbox;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  PlatformTransactionManager transactions;

  final String panel = Invites.panel();

  @Test
  void readsPagePastPageAndHandsOutEachRowOnceUpToMax() {
    List<String> stored = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      stored.add(Invites.store(jdbc, transactions, outbox, panel, QUOTA, "M-D" + i));
    }
    jdbc.update("update toluna_invite_delivery set attempts = 5 where invite_id = ?", stored.get(4));
    OutboxRows rows = new OutboxRows(jdbc, transactions, null);
    List<String> inDueOrder = jdbc.queryForList("select invite_id from toluna_invite_delivery where panel_guid = ? "
        + "and quota_id = ? order by next_attempt_at, invite_id", String.class, panel, QUOTA);

    DueFeed feed = new DueFeed(rows, panel, QUOTA, Instant::now, 100, 3, 2, 5, Runnable::run);
    List<String> handedOut = new ArrayList<>();
    List<String> exhausted = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (Slice slice = feed.next(); !slice.isEmpty(); slice = feed.next()) {
      slice.candidates().forEach(d -> handedOut.add(d.message().inviteId()));
      slice.exhausted().forEach(d -> exhausted.add(d.message().inviteId()));
      sizes.add(slice.candidates().size() + slice.exhausted().size());
    }
    assertThat(sizes).as("slices of 2 from pages of 3").containsExactly(2, 1, 2, 1, 1);
    assertThat(exhausted).containsExactly(stored.get(4));
    List<String> all = new ArrayList<>(handedOut);
    all.add(inDueOrder.indexOf(stored.get(4)), stored.get(4));
    assertThat(all).as("every row once, in due order").isEqualTo(inDueOrder);

    DueFeed capped = new DueFeed(rows, panel, QUOTA, Instant::now, 5, 3, 2, 5, Runnable::run);
    int count = 0;
    for (Slice slice = capped.next(); !slice.isEmpty(); slice = capped.next()) {
      count += slice.candidates().size() + slice.exhausted().size();
    }
    assertThat(count).isEqualTo(5);
    assertThat(feedOf(rows, Instant.EPOCH)).as("nothing due before the rows were written").isEmpty();
  }

  private List<Due> feedOf(OutboxRows rows, Instant now) {
    return new DueFeed(rows, panel, QUOTA, () -> now, 100, 3, 2, 5, Runnable::run).next().candidates();
  }
}
