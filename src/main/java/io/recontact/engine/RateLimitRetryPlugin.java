package io.recontact.engine;

import io.recontact.marketplace.MarketplaceApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * A marketplace 429 is not a failure: the job that got it is rescheduled after the answer's {@code Retry-After}
 * (one minute when absent) without using up a retry, so every async service task honours rate limits alike. Any
 * other exception takes Camunda's normal path (retry cycle, then incident).
 */
@Component
public class RateLimitRetryPlugin extends AbstractProcessEnginePlugin {

  static final Duration DEFAULT_WAIT = Duration.ofMinutes(1);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setFailedJobCommandFactory(new RateLimitAware());
  }

  static Duration rateLimitWait(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarketplaceApiException api && api.isRateLimited()) {
        return api.retryAfter().orElse(DEFAULT_WAIT);
      }
    }
    return null;
  }

  static final class RateLimitAware implements FailedJobCommandFactory {

    @Override
    public Command<Object> getCommand(String jobId, Throwable exception) {
      Duration wait = rateLimitWait(exception);
      if (wait == null) {
        return new DefaultJobRetryCmd(jobId, exception);
      }
      return commandContext -> {
        JobEntity job = commandContext.getJobManager().findJobById(jobId);
        if (job != null) {
          job.unlock();
          job.setDuedate(Date.from(Instant.now().plus(wait)));
          job.setExceptionMessage("Rate limited; trying again after " + wait.toSeconds() + " s: "
              + exception.getMessage());
        }
        return null;
      };
    }
  }
}
