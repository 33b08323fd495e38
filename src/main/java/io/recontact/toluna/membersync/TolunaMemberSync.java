package io.recontact.toluna.membersync;

import io.recontact.logging.Pseudonym;
import io.recontact.marketplace.BoundedCalls;
import io.recontact.marketplace.Pacer;
import io.recontact.panel.PanelMember;
import io.recontact.panel.PanelMembers;
import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.client.TolunaApiException;
import io.recontact.toluna.client.TolunaClient;
import io.recontact.toluna.client.TolunaMessages.Member;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Step 4 of Toluna's recontact diagram, "Update Member (if needed)": brings our directory's profile of each member
 * to Toluna's Member Management. A member whose profile hash equals the one stored at the last sync costs no call;
 * otherwise Toluna's copy is read, and the member is added when absent, or updated with only the differing fields.
 * Members run in parallel (bounded); calls for one member are spaced by the client. Toluna's 5xx and timeouts
 * propagate (the calling job retries; members done so far keep their hash); a 4xx for one member skips it (logged,
 * no hash stored, so the next sync tries again) and the others go on.
 */
@Service
public class TolunaMemberSync {

  /** Members per outcome; {@code skipped} also counts codes that are not in our directory. */
  public record SyncResult(int unchanged, int added, int updated, int skipped) {
  }

  enum Outcome { UNCHANGED, ADDED, UPDATED, SKIPPED }

  private static final Logger LOG = LoggerFactory.getLogger(TolunaMemberSync.class);

  private final PanelMembers directory;
  private final TolunaClient toluna;
  private final MemberSyncHashes hashes;
  private final TolunaFlowProperties properties;

  TolunaMemberSync(PanelMembers directory, TolunaClient toluna, MemberSyncHashes hashes,
      TolunaFlowProperties properties) {
    this.directory = directory;
    this.toluna = toluna;
    this.hashes = hashes;
    this.properties = properties;
  }

  public SyncResult sync(String panelGuid, List<String> memberCodes) {
    return sync(panelGuid, memberCodes, properties.memberSync().concurrency());
  }

  public SyncResult sync(String panelGuid, List<String> memberCodes, int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    }
    String panel = panelGuid.trim().toUpperCase(Locale.ROOT);
    List<String> codes = new ArrayList<>(new LinkedHashSet<>(memberCodes));
    Map<String, PanelMember> ours = directory.findAll(codes);
    Map<String, String> stored = hashes.find(panel, codes);
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    List<String> unknown = new ArrayList<>();
    List<Runnable> work = new ArrayList<>();
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    for (String code : codes) {
      PanelMember member = ours.get(code);
      if (member == null) {
        unknown.add(code);
        continue;
      }
      Member profile = MemberProfiles.toToluna(panel, member);
      String hash = MemberProfiles.hash(profile);
      if (hash.equals(stored.get(code))) {
        counts.merge(Outcome.UNCHANGED, 1, Integer::sum);
      } else {
        work.add(() -> outcomes.add(syncOne(panel, profile, hash)));
      }
    }
    if (!unknown.isEmpty()) {
      LOG.warn("Toluna member sync of panel {}: {} member code(s) not in our directory, skipped (first: {})", panel,
          unknown.size(), Pseudonym.of(unknown.get(0)));
      counts.merge(Outcome.SKIPPED, unknown.size(), Integer::sum);
    }
    BoundedCalls.run("Toluna member sync of panel " + panel, work, concurrency, Pacer.NONE, () -> true, Runnable::run);
    outcomes.forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
    SyncResult result = new SyncResult(counts.getOrDefault(Outcome.UNCHANGED, 0), counts.getOrDefault(Outcome.ADDED, 0),
        counts.getOrDefault(Outcome.UPDATED, 0), counts.getOrDefault(Outcome.SKIPPED, 0));
    LOG.info("Toluna member sync of panel {}: {}", panel, result);
    return result;
  }

  private Outcome syncOne(String panel, Member ours, String hash) {
    String code = ours.memberCode();
    try {
      Optional<Member> theirs = toluna.getMember(panel, code);
      Outcome outcome;
      if (theirs.isPresent()) {
        outcome = update(ours, theirs.get());
      } else if (toluna.addMember(ours)) {
        outcome = Outcome.ADDED;
      } else {
        // 409 although GET found nothing: added meanwhile by someone else, or PII-regulated (hidden for good).
        theirs = toluna.getMember(panel, code);
        if (theirs.isEmpty()) {
          LOG.warn("Toluna member sync of panel {}: member {} exists at Toluna but cannot be read (PII-regulated?), "
              + "skipped", panel, Pseudonym.of(code));
          return Outcome.SKIPPED;
        }
        outcome = update(ours, theirs.get());
      }
      hashes.save(panel, code, hash);
      return outcome;
    } catch (TolunaApiException e) {
      if (e.status() == 400 || e.status() == 404 || e.status() == 409) {
        // Status only: Toluna's answer may quote the member.
        LOG.warn("Toluna member sync of panel {}: member {} skipped: HTTP {}", panel, Pseudonym.of(code),
            e.status());
        return Outcome.SKIPPED;
      }
      throw e;
    }
  }

  private Outcome update(Member ours, Member theirs) {
    Member changes = MemberProfiles.differences(ours, theirs);
    if (changes == null) {
      return Outcome.UNCHANGED;
    }
    toluna.updateMember(changes);
    return Outcome.UPDATED;
  }
}
