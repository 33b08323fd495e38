package io.recontact.sandbox.toluna;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invites the simulated GenerateInvite answered, for the state view and for the simulated members, who find
 * theirs by the URL the partner delivered. Not thread-safe on its own: {@link TolunaPanels} calls it under its
 * monitor.
 */
class IssuedInvites {

  /** Invites findable by URL (beyond, the oldest are forgotten): enough for the benchmarks' quotas. */
  static final int MAX_INVITES = 200_000;
  private static final Pattern DI = Pattern.compile("[?&]di=([0-9a-f]{32})");

  record Invite(String panelGuid, String memberCode, int quotaId, int surveyId, int waveId, String url, Instant at,
      double partnerAmount) {}

  private final List<Invite> all = new ArrayList<>();
  private final Map<String, Invite> byDi = new HashMap<>();

  void add(Invite invite) {
    all.add(invite);
    byDi.put(di(invite.url()), invite);
    if (byDi.size() > MAX_INVITES) {
      byDi.clear();  // a benchmark's worth of invites: the members of the oldest no longer play (sandbox only)
    }
  }

  /** The invite of a URL as answered, also with parameters the partner appended; null if unknown. */
  Invite byUrl(String url) {
    String di = di(url);
    return di == null ? null : byDi.get(di);
  }

  /** The member's newest invite for the quota in the panel (normalised GUID), or null. */
  Invite newest(String panelGuid, String memberCode, int quotaId) {
    for (int i = all.size() - 1; i >= 0; i--) {
      Invite invite = all.get(i);
      if (invite.panelGuid().equals(panelGuid) && invite.memberCode().equals(memberCode)
          && invite.quotaId() == quotaId) {
        return invite;
      }
    }
    return null;
  }

  List<Invite> all() {
    return all;
  }

  void clear() {
    all.clear();
    byDi.clear();
  }

  /** The opaque {@code di} parameter that names a simulated invite. */
  static String di(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = DI.matcher(url);
    return m.find() ? m.group(1) : null;
  }
}
