package io.recontact.engine;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobPriorityProvider;
import org.camunda.bpm.engine.impl.jobexecutor.JobDeclaration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Camunda's job priorities with our default instead of 0: a priority set on a job definition (Cockpit, API), a BPMN
 * element or a process still wins; otherwise a chunk step's job gets {@code recontact.jobs.chunk-priority} and every
 * other job {@code control-priority} ({@link JobScheduling}).
 */
final class StepPriorities extends DefaultJobPriorityProvider {

  private final Map<String, Set<String>> chunkSteps;
  private final long control;
  private final long chunk;

  StepPriorities(Map<String, Set<String>> chunkSteps, JobSchedulingProperties properties) {
    this.chunkSteps = chunkSteps;
    this.control = properties.controlPriority();
    this.chunk = properties.chunkPriority();
  }

  @Override
  public long determinePriority(ExecutionEntity execution, JobDeclaration<?, ?> declaration, String jobDefinitionId) {
    if (declaration != null || execution != null) {
      Long specific = getSpecificPriority(execution, declaration, jobDefinitionId);
      if (specific != null) {
        return specific;
      }
      Long process = getProcessDefinitionPriority(execution, declaration);
      if (process != null) {
        return process;
      }
    }
    return isChunk(execution, declaration) ? chunk : control;
  }

  boolean isChunk(ExecutionEntity execution, JobDeclaration<?, ?> declaration) {
    if (execution == null || declaration == null || execution.getProcessDefinition() == null) {
      return false;
    }
    return chunkSteps.getOrDefault(execution.getProcessDefinition().getKey(), Set.of())
        .contains(declaration.getActivityId());
  }
}
