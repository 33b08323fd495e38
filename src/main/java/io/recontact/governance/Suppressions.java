package io.recontact.governance;

import io.recontact.governance.Suppression.Source;
import io.recontact.storage.JdbcBatches;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The do-not-contact list ({@code respondent_suppression}, V40), looked up by hash so an erased respondent (hash
 * only) stays suppressed. Adding a respondent also stops their undelivered contacts ({@link PendingContacts}) in
 * the same transaction.
 */
@Repository
public class Suppressions {

  static final int IN_CHUNK = 1_000;
  public static final int MAX_REASON = 500;
  static final int MAX_ADDED_BY = 128;

  /** What an add did: {@code added} false when the respondent was already on the list from this source. */
  public record Added(Suppression suppression, boolean added, int pendingStopped) {
  }

  /** One page of the list, newest first. */
  public record Page(List<Suppression> items, long total, int page, int size) {
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final List<PendingContacts> pending;

  public Suppressions(JdbcTemplate jdbc, PlatformTransactionManager transactions, List<PendingContacts> pending) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.pending = List.copyOf(pending);
  }

  /** Adds (or finds) the respondent's entry from {@code source}, and stops their undelivered contacts. */
  public Added add(Marketplace marketplace, String normalisedId, Source source, String reason, String addedBy) {
    try {
      return transaction.execute(status -> addNow(marketplace, normalisedId, source, reason, addedBy));
    } catch (DuplicateKeyException raced) {
      // A concurrent add of the same respondent committed first: theirs is the entry.
      return new Added(find(RespondentIds.hash(marketplace, normalisedId), source).orElseThrow(() -> raced), false,
          0);
    }
  }

  /** {@link #add} in the caller's transaction. */
  Added addNow(Marketplace marketplace, String normalisedId, Source source, String reason, String addedBy) {
    String hash = RespondentIds.hash(marketplace, normalisedId);
    Optional<Suppression> known = find(hash, source);
    if (known.isPresent()) {
      return new Added(known.get(), false, 0);
    }
    jdbc.update("insert into respondent_suppression (marketplace, respondent_id, respondent_hash, source, reason, "
        + "added_by, added_at) values (?, ?, ?, ?, ?, ?, ?)", marketplace.name(), normalisedId, hash, source.name(),
        cut(reason, MAX_REASON), cut(addedBy, MAX_ADDED_BY), ContactHistory.now());
    int stopped = stopPending(marketplace, List.of(normalisedId), "respondent suppressed (do not contact): "
        + cut(reason, 200));
    return new Added(find(hash, source).orElseThrow(), true, stopped);
  }

  /** Removes the respondent's entry from {@code source}; false when there was none. */
  public boolean remove(Marketplace marketplace, String normalisedId, Source source) {
    return jdbc.update("delete from respondent_suppression where respondent_hash = ? and source = ?",
        RespondentIds.hash(marketplace, normalisedId), source.name()) > 0;
  }

  /**
   * For an erasure: the respondent's entries lose their identifier (the hash stays) and an ERASURE entry, hash only,
   * keeps them suppressed for good. In the caller's transaction when there is one; returns the entries touched (0 on
   * a repeat). Undelivered invites are the Toluna erasure step's to stop (it marks them FAILED, respondent erased).
   */
  public int erase(Marketplace marketplace, String normalisedId, String by) {
    return transaction.execute(status -> {
      String hash = RespondentIds.hash(marketplace, normalisedId);
      int touched = jdbc.update("update respondent_suppression set respondent_id = null where respondent_hash = ? "
          + "and respondent_id is not null", hash);
      if (find(hash, Source.ERASURE).isEmpty()) {
        jdbc.update("insert into respondent_suppression (marketplace, respondent_id, respondent_hash, source, reason, "
            + "added_by, added_at) values (?, null, ?, 'ERASURE', 'erased: never contacted again', ?, ?)",
            marketplace.name(), hash, cut(by, MAX_ADDED_BY), ContactHistory.now());
        touched++;
      }
      return touched;
    });
  }

  /** Every entry of the respondent, whatever its source. */
  public List<Suppression> of(Marketplace marketplace, String normalisedId) {
    return jdbc.query("select * from respondent_suppression where respondent_hash = ? order by id",
        Suppressions::row, RespondentIds.hash(marketplace, normalisedId));
  }

  public Page page(Marketplace marketplace, int page, int size) {
    String where = marketplace == null ? "" : " where marketplace = '" + marketplace.name() + "'";
    long total = jdbc.queryForObject("select count(*) from respondent_suppression" + where, Long.class);
    List<Suppression> items = jdbc.query("select * from respondent_suppression" + where
        + " order by added_at desc, id desc offset ? rows fetch next ? rows only", Suppressions::row,
        (long) page * size, size);
    return new Page(items, total, page, size);
  }

  /** The ids among {@code normalisedIds} that are suppressed, from any source. */
  public Set<String> suppressedAmong(Marketplace marketplace, Collection<String> normalisedIds) {
    Set<String> found = new HashSet<>();
    if (normalisedIds.isEmpty() || !anyOf(marketplace)) {
      return found;
    }
    List<String> ids = new ArrayList<>(new HashSet<>(normalisedIds));
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      Map<String, String> byHash = new HashMap<>(chunk.size() * 2);
      chunk.forEach(id -> byHash.put(RespondentIds.hash(marketplace, id), id));
      jdbc.query("select distinct respondent_hash from respondent_suppression where respondent_hash in ("
          + marks(byHash.size()) + ")", rs -> {
            found.add(byHash.get(rs.getString(1)));
          }, byHash.keySet().toArray());
    }
    return found;
  }

  /** One respondent of a bulk add. */
  public record Entry(Marketplace marketplace, String normalisedId, String reason) {
  }

  /**
   * Adds the entries not yet on the list from {@code source} in one transaction (set-based: a few statements per
   * 1,000) and stops their undelivered contacts; returns how many were new. Entries must be distinct respondents.
   */
  public int addAll(List<Entry> entries, Source source, String addedBy) {
    return transaction.execute(status -> addAllNow(entries, source, addedBy));
  }

  private int addAllNow(List<Entry> entries, Source source, String addedBy) {
    List<Entry> fresh = new ArrayList<>();
    for (int from = 0; from < entries.size(); from += IN_CHUNK) {
      List<Entry> chunk = entries.subList(from, Math.min(entries.size(), from + IN_CHUNK));
      List<Object> args = new ArrayList<>(chunk.size() + 1);
      args.add(source.name());
      chunk.forEach(e -> args.add(RespondentIds.hash(e.marketplace(), e.normalisedId())));
      Set<String> known = new HashSet<>(jdbc.queryForList("select respondent_hash from respondent_suppression "
          + "where source = ? and respondent_hash in (" + marks(chunk.size()) + ")", String.class, args.toArray()));
      chunk.stream().filter(e -> !known.contains(RespondentIds.hash(e.marketplace(), e.normalisedId())))
          .forEach(fresh::add);
    }
    OffsetDateTime at = ContactHistory.now();
    String by = cut(addedBy, MAX_ADDED_BY);
    JdbcBatches.multiRowInsert(jdbc, "insert into respondent_suppression (marketplace, respondent_id, "
        + "respondent_hash, source, reason, added_by, added_at) values ", "(?, ?, ?, ?, ?, ?, ?)", 500, fresh,
        (ps, p, index, e) -> {
          ps.setString(p, e.marketplace().name());
          ps.setString(p + 1, e.normalisedId());
          ps.setString(p + 2, RespondentIds.hash(e.marketplace(), e.normalisedId()));
          ps.setString(p + 3, source.name());
          ps.setString(p + 4, cut(e.reason(), MAX_REASON));
          ps.setString(p + 5, by);
          ps.setObject(p + 6, at);
          return p + 7;
        });
    for (Marketplace m : Marketplace.values()) {
      List<String> ids = fresh.stream().filter(e -> e.marketplace() == m).map(Entry::normalisedId).toList();
      if (!ids.isEmpty()) {
        stopPending(m, ids, "respondent suppressed (do not contact)");
      }
    }
    return fresh.size();
  }

  /**
   * Our member directory's opt-outs, kept as DIRECTORY entries in the import's transaction: added for OPTED_OUT
   * members (stopping their undelivered invites), removed for members imported with another status. Set-based, so an
   * import of 100,000 members costs a few statements per 1,000.
   */
  void directoryStatuses(Collection<String> optedOut, Collection<String> notOptedOut, String by) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (String code : optedOut) {
      String id = RespondentIds.normalise(Marketplace.TOLUNA, code);
      if (id != null) {
        entries.putIfAbsent(id, new Entry(Marketplace.TOLUNA, id, "opted out in our panel's member directory"));
      }
    }
    addAllNow(new ArrayList<>(entries.values()), Source.DIRECTORY, by);
    forChunks(new ArrayList<>(notOptedOut), (chunk, byHash) -> jdbc.update("delete from respondent_suppression "
        + "where source = 'DIRECTORY' and respondent_hash in (" + marks(byHash.size()) + ")",
        byHash.keySet().toArray()));
  }

  /** Member codes in chunks, each with its hashes; codes that are no identifier are left out. */
  private static void forChunks(List<String> codes, BiConsumer<List<String>,
      Map<String, String>> work) {
    for (int from = 0; from < codes.size(); from += IN_CHUNK) {
      List<String> chunk = codes.subList(from, Math.min(codes.size(), from + IN_CHUNK));
      Map<String, String> byHash = new LinkedHashMap<>();
      for (String code : chunk) {
        String id = RespondentIds.normalise(Marketplace.TOLUNA, code);
        if (id != null) {
          byHash.put(RespondentIds.hash(Marketplace.TOLUNA, id), id);
        }
      }
      if (!byHash.isEmpty()) {
        work.accept(chunk, byHash);
      }
    }
  }

  static String marks(int n) {
    return "?" + ", ?".repeat(n - 1);
  }

  private boolean anyOf(Marketplace marketplace) {
    return !jdbc.queryForList("select id from respondent_suppression where marketplace = ? fetch first 1 rows only",
        Long.class, marketplace.name()).isEmpty();
  }

  private int stopPending(Marketplace marketplace, List<String> ids, String reason) {
    int stopped = 0;
    for (PendingContacts p : pending) {
      if (p.marketplace() == marketplace) {
        stopped += p.stop(ids, reason);
      }
    }
    return stopped;
  }

  private Optional<Suppression> find(String hash, Source source) {
    return jdbc.query("select * from respondent_suppression where respondent_hash = ? and source = ?",
        Suppressions::row, hash, source.name()).stream().findFirst();
  }

  private static Suppression row(ResultSet rs, int n) throws SQLException {
    return new Suppression(rs.getLong("id"), rs.getString("marketplace"), rs.getString("respondent_id"),
        rs.getString("respondent_hash"), rs.getString("source"), rs.getString("reason"), rs.getString("added_by"),
        rs.getObject("added_at", OffsetDateTime.class).toInstant());
  }

  static String cut(String text, int max) {
    String t = text == null ? "" : text.strip();
    return t.length() <= max ? t : t.substring(0, max);
  }
}
