package io.recontact.storage;

import java.time.Duration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Serialises transactions on a name, across threads and nodes: {@link #lock} holds the row {@code named_lock.name}
 * with {@code SELECT ... FOR UPDATE} until the calling transaction commits or rolls back, so a check followed by a
 * write (is such a recontact running? then start one) cannot interleave with the same check of another transaction.
 * Portable between H2 and PostgreSQL; the row is created on first use, in a transaction of its own.
 */
@Component
public class NamedLocks {

  public static final int MAX_NAME = 200;
  /** H2 gives up on a held row after its lock timeout (2 s by default) and is asked again up to this long. */
  static final Duration MAX_WAIT = Duration.ofMinutes(2);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separate;

  public NamedLocks(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.separate = new TransactionTemplate(transactionManager);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Holds {@code name} until the current transaction ends; waits while another transaction holds it. */
  public void lock(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("a lock name has 1 to " + MAX_NAME + " characters");
    }
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("NamedLocks.lock holds the lock until the transaction ends: call it in one");
    }
    long deadline = System.nanoTime() + MAX_WAIT.toNanos();
    boolean created = false;
    while (true) {
      try {
        if (!jdbc.queryForList("select name from named_lock where name = ? for update", String.class, name)
            .isEmpty()) {
          return;
        }
      } catch (PessimisticLockingFailureException | QueryTimeoutException held) {
        // H2's lock timeout: another transaction still holds the row. The statement failed, the transaction did not.
        if (System.nanoTime() > deadline) {
          throw held;
        }
        continue;
      }
      if (created) {
        throw new IllegalStateException("the lock row '" + name + "' was created but is not there");
      }
      try {
        separate.executeWithoutResult(s -> jdbc.update("insert into named_lock (name) values (?)", name));
      } catch (DuplicateKeyException raced) {
        // Another transaction created it first: lock it as well.
      }
      created = true;
    }
  }
}
