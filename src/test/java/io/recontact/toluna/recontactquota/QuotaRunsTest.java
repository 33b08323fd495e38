package io.recontact.toluna.recontactquota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one-instance-per-quota key under concurrency: sweeps racing in their own transactions (as two nodes would)
 * start one instance, whatever the interleaving; a loser either sees the winner's row or fails and, retried, does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class QuotaRunsTest {

  @Autowired
  QuotaRuns runs;

  @Autowired
  ProcessEngine engine;

  @Autowired
  PlatformTransactionManager transactions;

  @Autowired
  JdbcTemplate jdbc;

  final String panel = UUID.randomUUID().toString().toUpperCase();
  final long quota = ThreadLocalRandom.current().nextLong(10_000_000, 99_999_999);

  /** The instance's first job may be running when the test ends: a delete that meets it is tried again. */
  @AfterEach
  void removeInstances() throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        engine.getRuntimeService().createProcessInstanceQuery()
            .processInstanceBusinessKey(QuotaSignals.businessKey(panel, quota)).list()
            .forEach(p -> engine.getRuntimeService().deleteProcessInstance(p.getId(), "test", true, true));
        return;
      } catch (OptimisticLockingException e) {
        if (attempt == 10) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  @Test
  void racingSweepsStartOneInstance() throws Exception {
    int sweeps = 4;
    CyclicBarrier start = new CyclicBarrier(sweeps);
    ExecutorService pool = Executors.newFixedThreadPool(sweeps);
    List<Future<QuotaSignals.Ensured>> results = new ArrayList<>();
    for (int i = 0; i < sweeps; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return ensureWithOneRetry();
      }));
    }
    List<QuotaSignals.Ensured> outcomes = new ArrayList<>();
    for (Future<QuotaSignals.Ensured> result : results) {
      outcomes.add(result.get());
    }
    pool.shutdown();
    assertThat(outcomes).containsOnlyOnce(QuotaSignals.Ensured.STARTED);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(QuotaSignals.businessKey(panel, quota)).count()).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from toluna_quota_run where panel_guid = ? and quota_id = ? "
        + "and active = true and run_number = 1", Long.class, panel, quota)).isEqualTo(1);
  }

  /** A sweep whose transaction lost the race fails; its job is retried, as the engine would. */
  QuotaSignals.Ensured ensureWithOneRetry() {
    TransactionTemplate sweep = new TransactionTemplate(transactions);
    try {
      return sweep.execute(status -> runs.ensureActive(panel, quota, 1, "race"));
    } catch (DataAccessException lostRace) {
      return sweep.execute(status -> runs.ensureActive(panel, quota, 1, "race"));
    }
  }
}
