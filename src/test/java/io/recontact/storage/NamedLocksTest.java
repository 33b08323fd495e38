package io.recontact.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A named lock serialises two transactions on H2 (past its 2 s lock timeout) and on PostgreSQL. */
class NamedLocksTest {

  static MigratedDatabases databases;

  @BeforeAll
  static void start() throws Exception {
    databases = new MigratedDatabases();
  }

  @AfterAll
  static void stop() throws Exception {
    databases.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void theSecondTransactionWaitsUntilTheFirstCommits(String database) throws Exception {
    DataSource db = databases.get(database);
    JdbcTemplate jdbc = new JdbcTemplate(db);
    DataSourceTransactionManager manager = new DataSourceTransactionManager(db);
    NamedLocks locks = new NamedLocks(jdbc, manager);
    TransactionTemplate transaction = new TransactionTemplate(manager);
    String name = "test:" + database + ":" + System.nanoTime();
    String marker = name + ":first";
    CountDownLatch held = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> first = pool.submit(() -> transaction.executeWithoutResult(s -> {
        locks.lock(name);
        held.countDown();
        sleep(3_000);
        jdbc.update("insert into named_lock (name) values (?)", marker);
      }));
      assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
      long waited = System.nanoTime();
      Future<Integer> second = pool.submit(() -> transaction.execute(s -> {
        locks.lock(name);
        return jdbc.queryForObject("select count(*) from named_lock where name = ?", Integer.class, marker);
      }));
      assertThat(second.get(60, TimeUnit.SECONDS)).as("the second saw what the first committed").isEqualTo(1);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waited)).isGreaterThan(2_000);
      first.get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void aLockNeedsATransaction(String database) {
    DataSource db = databases.get(database);
    NamedLocks locks = new NamedLocks(new JdbcTemplate(db), new DataSourceTransactionManager(db));
    assertThatThrownBy(() -> locks.lock("no transaction")).isInstanceOf(IllegalStateException.class);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
