package io.recontact.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code deciders} transactions decide about one Toluna member at the same moment, as quotas on several nodes do,
 * each about another member too; the admitted ones record an invite. Returns how many recorded one.
 */
final class ContactRace {

  private ContactRace() {
  }

  static long through(ContactGate gate, JdbcTemplate jdbc, PlatformTransactionManager transactions, String member,
      int deciders) throws Exception {
    TransactionTemplate tx = new TransactionTemplate(transactions);
    ExecutorService pool = Executors.newFixedThreadPool(deciders);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> admitted = new ArrayList<>();
    try {
      for (int i = 0; i < deciders; i++) {
        long quota = i;
        admitted.add(pool.submit(() -> {
          go.await();
          return tx.execute(status -> {
            boolean in = !gate.admit(Marketplace.TOLUNA, List.of(member, member + "-other-" + quota))
                .containsKey(member);
            if (in) {
              String invite = UUID.randomUUID().toString();
              // The invite that names the member is its contact (V68), stored in the transaction that decided.
              jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, url, "
                  + "created_at) values (?, 'P', ?, ?, 1, 'https://toluna.invalid/i', current_timestamp)", invite,
                  quota, member);
            }
            return in;
          });
        }));
      }
      go.countDown();
      long through = 0;
      for (Future<Boolean> f : admitted) {
        through += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      return through;
    } finally {
      pool.shutdownNow();
    }
  }
}
