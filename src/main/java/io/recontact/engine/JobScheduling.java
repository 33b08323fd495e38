package io.recontact.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.MessageJobDeclaration;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * No job starves the others (docs/reliability.md, "Job scheduling"). One rule for every flow:
 * <ul>
 *   <li>the job executor acquires by priority, then oldest due first; every job gets a due date (an async
 *       continuation its creation time), so the order is first come, first served within a priority;</li>
 *   <li>the chunk steps flows declare ({@link ChunkSteps}) get {@code recontact.jobs.chunk-priority}, every other job
 *       {@code control-priority}: an approval being applied, a sweep, a wake-up or a Cint step takes the next free
 *       thread before more chunk work;</li>
 *   <li>a chunk step's job is not exclusive, so its next chunk is not chained onto the same thread (Camunda runs an
 *       exclusive job's exclusive follower of the same instance at once, bypassing acquisition and priorities) but
 *       queues like any job; a chunk has a time budget ({@link ChunkBudget}), so a thread returns within it.</li>
 * </ul>
 * A quota instance has one token, so its chunk jobs never run beside another job of the same instance: exclusivity
 * protected nothing there.
 */
@Component
public class JobScheduling extends AbstractProcessEnginePlugin {

  private final JobSchedulingProperties properties;
  private final Map<String, Set<String>> chunkSteps = new HashMap<>();

  public JobScheduling(JobSchedulingProperties properties, ObjectProvider<ChunkSteps> steps) {
    this.properties = properties;
    steps.orderedStream().forEach(s -> chunkSteps.computeIfAbsent(s.processKey(), k -> new HashSet<>()).addAll(s.activityIds()));
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setJobExecutorAcquireByPriority(true);
    configuration.setJobExecutorAcquireByDueDate(true);
    configuration.setEnsureJobDueDateNotNull(true);
    configuration.setJobPriorityProvider(new StepPriorities(chunkSteps, properties));
    List<CommandInterceptor> interceptors = new ArrayList<>();
    interceptors.add(new JobStart());
    if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
    }
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    List<BpmnParseListener> listeners = new ArrayList<>();
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      listeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    listeners.add(new NonExclusiveChunks(chunkSteps));
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  /**
   * Jobs written before every job got a due date (async continuations had none) would never be acquired now that the
   * acquisition leaves out jobs without one: they become due at their creation time.
   */
  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
    configuration.getCommandExecutorTxRequired().execute(context -> {
      Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
      try (PreparedStatement update = connection.prepareStatement("update " + table
          + " set DUEDATE_ = coalesce(CREATE_TIME_, ?) where DUEDATE_ is null")) {
        update.setTimestamp(1, Timestamp.from(Instant.now()));
        return update.executeUpdate();
      } catch (SQLException e) {
        throw new ProcessEngineException("could not give jobs without a due date one", e);
      }
    });
  }

  /**
   * Notes when the thread's current job started, for {@link ChunkBudget}, and its run time, commit included, for
   * {@link ChunkQueue}. Outermost: before its transaction.
   */
  static final class JobStart extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (!(command instanceof ExecuteJobsCmd)) {
        return next.execute(command);
      }
      Instant started = Instant.now();
      ChunkBudget.jobStarted(started);
      try {
        return next.execute(command);
      } finally {
        ChunkBudget.jobEnded();
        ChunkQueue.jobEnded(started, Instant.now());
      }
    }
  }

  /** Makes the async continuations of the chunk steps non-exclusive; a listed step without one fails the deployment. */
  static final class NonExclusiveChunks extends AbstractBpmnParseListener {

    private final Map<String, Set<String>> chunkSteps;

    NonExclusiveChunks(Map<String, Set<String>> chunkSteps) {
      this.chunkSteps = chunkSteps;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
      Set<String> steps = chunkSteps.getOrDefault(processDefinition.getKey(), Set.of());
      Set<String> found = new HashSet<>();
      visit(processDefinition, steps, found);
      if (!found.containsAll(steps)) {
        Set<String> missing = new HashSet<>(steps);
        missing.removeAll(found);
        throw new ProcessEngineException("Chunk steps of " + processDefinition.getKey() + " without an async "
            + "continuation: " + missing);
      }
    }

    @SuppressWarnings("unchecked")
    private static void visit(ScopeImpl scope, Set<String> steps, Set<String> found) {
      for (ActivityImpl activity : scope.getActivities()) {
        List<MessageJobDeclaration> declarations = (List<MessageJobDeclaration>) activity
            .getProperty(BpmnParse.PROPERTYNAME_MESSAGE_JOB_DECLARATION);
        if (steps.contains(activity.getId()) && declarations != null && !declarations.isEmpty()) {
          declarations.forEach(d -> d.setExclusive(false));
          found.add(activity.getId());
        }
        visit(activity, steps, found);
      }
    }
  }
}
