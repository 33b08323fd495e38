package io.recontact.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This node's identity in the shared job table (docs/reliability-crash-and-cluster.md, "Several nodes").
 *
 * @param lockOwner the job executor's lock owner: must be unique per live node and the same after a restart of that
 *     node; empty: {@code <host name>:<server.port>} (a random one when the port is 0 or the host is called
 *     localhost, which then waits for its own locks to expire after a crash, as Camunda's own random owner does)
 * @param releaseOwnLocks at start, before the job executor acquires, unlock the jobs this lock owner still holds: they
 *     were locked by this node's previous process, which is dead, so they run at once instead of after their lock
 *     time
 */
@ConfigurationProperties("recontact.node")
public record NodeProperties(
    @DefaultValue("") String lockOwner,
    @DefaultValue("true") boolean releaseOwnLocks) {
}
