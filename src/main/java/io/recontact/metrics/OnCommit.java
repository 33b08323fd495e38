package io.recontact.metrics;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a count once the current transaction has committed, or at once outside a transaction. A Camunda job runs in a
 * Spring transaction, so a fact written by a delegate is counted only if its job commits: a rolled-back attempt that
 * the job executor retries is counted once, by the attempt that commits.
 */
public final class OnCommit {

  private OnCommit() {
  }

  public static void run(Runnable count) {
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.isActualTransactionActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          count.run();
        }
      });
    } else {
      count.run();
    }
  }
}
