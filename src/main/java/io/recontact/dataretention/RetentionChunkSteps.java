package io.recontact.dataretention;

import io.recontact.engine.ChunkSteps;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The retention run's chunk step: {@code RemoveRetainedRows} loops job after job, one bounded chunk of deletes each.
 * Housekeeping, so it runs at the low job priority with the other chunk work and queues each chunk as a job of its
 * own (io.recontact.engine.JobScheduling, ChunkQueue): approvals, sweeps and marketplace steps go first.
 */
@Configuration(proxyBeanMethods = false)
class RetentionChunkSteps {

  @Bean
  ChunkSteps dataRetentionChunkSteps() {
    return new ChunkSteps("dataRetention", Set.of("RemoveRetainedRows"));
  }
}
