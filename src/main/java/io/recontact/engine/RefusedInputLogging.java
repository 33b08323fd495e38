package io.recontact.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A {@link RefusedInput} (a refused start or review decision) is the caller's mistake, answered with a 400: the log
 * gets one WARN line with the message, under the logger {@code io.recontact.engine.RefusedInput}, and the business key
 * and activity from the MDC as every line has them (docs/logging.md). Camunda's own line for the failed command
 * ({@code ENGINE-16004 Exception while closing command context}, ERROR with the whole stack trace) goes to DEBUG for
 * these, as Camunda already does for its own bad-request exceptions ({@code ENGINE-16002}); every other exception keeps
 * its ERROR.
 *
 * <p>How: Camunda's {@code CommandContext} decides the level of that line in {@code shouldLogFine}; this plug-in
 * gives the engine command contexts that answer yes for a RefusedInput in the cause chain.
 */
@Component
public class RefusedInputLogging extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(RefusedInput.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandContextFactory factory = new CommandContextFactory() {
      @Override
      public CommandContext createCommandContext() {
        return new RefusalAwareCommandContext(processEngineConfiguration);
      }
    };
    factory.setProcessEngineConfiguration(configuration);
    configuration.setCommandContextFactory(factory);
  }

  /** The line for a refused input: kind and message on one line. */
  static void warn(RefusedInput refused) {
    LOG.warn("Refused ({}): {}", refused.kind(), refused.getMessage().replaceAll("\\s*[\\r\\n]+\\s*", " "));
  }

  static final class RefusalAwareCommandContext extends CommandContext {

    RefusalAwareCommandContext(ProcessEngineConfigurationImpl configuration) {
      super(configuration);
    }

    /** Called once, when the command failed and Camunda is about to log it. */
    @Override
    protected boolean shouldLogFine(Throwable exception) {
      RefusedInput refused = RefusedInput.in(exception);
      if (refused == null) {
        return super.shouldLogFine(exception);
      }
      warn(refused);
      return true;
    }
  }
}
