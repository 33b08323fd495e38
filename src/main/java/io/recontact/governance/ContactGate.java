package io.recontact.governance;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether respondents may be contacted now: not suppressed, not over a contact cap ({@link CapsProperties}), not
 * over a marketplace's own limits ({@link MarketplaceLimits}). {@link #screen} looks without locking (files,
 * validation: an early answer); {@link #admit} decides in the caller's transaction, holding each respondent's
 * {@code respondent_contact_lock} row until it commits, so the contact the caller then records is counted by the
 * next decision about that respondent, on any node.
 */
@Service
public class ContactGate {

  /** Why a respondent is not contacted; {@code until}: when a capped respondent may be contacted again. */
  public record Refusal(Reason reason, Instant until) {
  }

  public enum Reason { SUPPRESSED, CONTACT_CAP }

  private final JdbcTemplate jdbc;
  private final Suppressions suppressions;
  private final CapsProperties caps;
  private final List<MarketplaceLimits> limits;
  private final TransactionTemplate separate;
  private final Clock clock;
  private final ContactHistory contacts;

  @Autowired
  public ContactGate(JdbcTemplate jdbc, Suppressions suppressions, CapsProperties caps,
      List<MarketplaceLimits> limits, PlatformTransactionManager transactions) {
    this(jdbc, suppressions, caps, limits, transactions, Clock.systemUTC());
  }

  ContactGate(JdbcTemplate jdbc, Suppressions suppressions, CapsProperties caps, List<MarketplaceLimits> limits,
      PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.suppressions = suppressions;
    this.caps = caps;
    this.limits = List.copyOf(limits);
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.contacts = new ContactHistory(jdbc, transactions);
  }

  /** The respondents among {@code normalisedIds} that may not be contacted now, without locking. */
  public Map<String, Refusal> screen(Marketplace marketplace, Collection<String> normalisedIds) {
    Instant now = clock.instant();
    Map<String, Refusal> refused = new LinkedHashMap<>();
    suppressions.suppressedAmong(marketplace, normalisedIds)
        .forEach(id -> refused.put(id, new Refusal(Reason.SUPPRESSED, null)));
    List<String> rest = normalisedIds.stream().filter(id -> !refused.containsKey(id)).distinct().toList();
    capped(marketplace, rest, now).forEach((id, until) -> refused.put(id, new Refusal(Reason.CONTACT_CAP, until)));
    return refused;
  }

  /**
   * {@link #screen} as the decision: in the caller's transaction, which must record the contacts of the admitted
   * respondents before it commits. With history caps on, the respondents' lock rows are held (in hash order, so two
   * deciders never wait for each other crosswise) until then.
   */
  public Map<String, Refusal> admit(Marketplace marketplace, Collection<String> normalisedIds) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("ContactGate.admit decides for the transaction that records the contacts");
    }
    if (caps.historyCapped() && !normalisedIds.isEmpty()) {
      lock(marketplace, normalisedIds);
    }
    return screen(marketplace, normalisedIds);
  }

  private void lock(Marketplace marketplace, Collection<String> ids) {
    List<String> hashes = ids.stream().map(id -> RespondentIds.hash(marketplace, id)).distinct().sorted().toList();
    for (int from = 0; from < hashes.size(); from += Suppressions.IN_CHUNK) {
      List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + Suppressions.IN_CHUNK));
      createMissing(chunk);
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (true) {
        try {
          jdbc.queryForList("select respondent_hash from respondent_contact_lock where respondent_hash in ("
              + Suppressions.marks(chunk.size()) + ") order by respondent_hash for update", String.class,
              chunk.toArray());
          break;
        } catch (PessimisticLockingFailureException | QueryTimeoutException held) {
          // H2's lock timeout: another decision holds a row; the statement failed, the transaction did not.
          if (System.nanoTime() > deadline) {
            throw held;
          }
        }
      }
    }
  }

  /** Lock rows are created once per respondent, each in a transaction of its own (a race loses harmlessly). */
  private void createMissing(List<String> hashes) {
    Set<String> missing = new LinkedHashSet<>(hashes);
    missing.removeAll(jdbc.queryForList("select respondent_hash from respondent_contact_lock where respondent_hash in ("
        + Suppressions.marks(hashes.size()) + ")", String.class, hashes.toArray()));
    for (String hash : missing) {
      try {
        separate.executeWithoutResult(s -> jdbc.update("insert into respondent_contact_lock (respondent_hash) "
            + "values (?)", hash));
      } catch (DuplicateKeyException raced) {
        // created by another decision meanwhile
      }
    }
  }

  /** Who is over a cap at {@code now}, with when the last of their caps lifts. */
  private Map<String, Instant> capped(Marketplace marketplace, List<String> ids, Instant now) {
    Map<String, Instant> until = new HashMap<>();
    if (ids.isEmpty()) {
      return until;
    }
    if (caps.historyCapped()) {
      history(marketplace, ids, now).forEach((id, times) -> {
        Instant lifts = lifts(times, now);
        if (lifts != null) {
          until.put(id, lifts);
        }
      });
    }
    for (MarketplaceLimits limit : limits) {
      if (limit.marketplace() == marketplace) {
        limit.blockedUntil(ids, now).forEach((id, lifts) -> until.merge(id, lifts, (a, b) -> a.isAfter(b) ? a : b));
      }
    }
    return until;
  }

  /** When the respondent may be contacted again given their contacts (ascending), or null when they may now. */
  Instant lifts(List<Instant> times, Instant now) {
    Instant lifts = null;
    if (!times.isEmpty() && !caps.minGap().isZero()) {
      Instant gapEnds = times.get(times.size() - 1).plus(caps.minGap());
      if (gapEnds.isAfter(now)) {
        lifts = gapEnds;
      }
    }
    if (caps.maxContacts() > 0) {
      List<Instant> inWindow = times.stream().filter(t -> t.isAfter(now.minus(caps.window()))).toList();
      if (inWindow.size() >= caps.maxContacts()) {
        // Room for one more once all but max-1 of the window's contacts have left it.
        Instant windowFrees = inWindow.get(inWindow.size() - caps.maxContacts()).plus(caps.window());
        lifts = lifts == null || windowFrees.isAfter(lifts) ? windowFrees : lifts;
      }
    }
    return lifts;
  }

  /** Each respondent's contacts within the longest look-back the caps need, ascending. */
  private Map<String, List<Instant>> history(Marketplace marketplace, List<String> ids, Instant now) {
    Instant since = now.minus(caps.window().compareTo(caps.minGap()) > 0 ? caps.window() : caps.minGap());
    Map<String, List<Instant>> times = new HashMap<>();
    for (int from = 0; from < ids.size(); from += Suppressions.IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Suppressions.IN_CHUNK));
      Map<String, String> byHash = new HashMap<>(chunk.size() * 2);
      chunk.forEach(id -> byHash.put(RespondentIds.hash(marketplace, id), id));
      times.putAll(contacts.timesSince(marketplace, byHash, since));
    }
    return times;
  }
}
