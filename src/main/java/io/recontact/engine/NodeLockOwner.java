package io.recontact.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The job executor's lock owner of this node. Stable across restarts of one node, so that a restarted node knows the
 * jobs it locked before: by default the host name and the HTTP port. It is unique among live nodes because two live
 * processes cannot listen on one port of one host, and hosts (machines, containers, pods) have names of their own. A
 * name that is not its own ({@code localhost}) or an unknown port (0: a random one) gives a random owner instead:
 * safe, but a crashed node's jobs then wait for their locks to expire.
 */
public final class NodeLockOwner {

  /** {@code ACT_RU_JOB.LOCK_OWNER_} is a varchar(255). */
  static final int MAX_LENGTH = 255;

  private NodeLockOwner() {
  }

  /** A configured owner wins; otherwise {@code host:port}, or a random owner when neither can be relied on. */
  public static Owner of(String configured, int port, Supplier<String> hostName) {
    if (configured != null && !configured.isBlank()) {
      return new Owner(limit(configured.strip()), true);
    }
    String host = hostName.get();
    if (port <= 0 || host == null || host.isBlank() || host.toLowerCase(Locale.ROOT).startsWith("localhost")) {
      return new Owner(UUID.randomUUID().toString(), false);
    }
    return new Owner(limit(host + ":" + port), true);
  }

  /** The machine's (container's) own host name, or null when it cannot be read. */
  public static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static String limit(String owner) {
    return owner.length() <= MAX_LENGTH ? owner : owner.substring(0, MAX_LENGTH);
  }

  /** {@code stable}: the same after a restart of this node, so its own stale locks can be released at start. */
  public record Owner(String name, boolean stable) {
  }
}
