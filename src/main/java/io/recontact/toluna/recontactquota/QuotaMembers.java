package io.recontact.toluna.recontactquota;

import io.recontact.storage.ArrayLookups;
import io.recontact.storage.JdbcBatches;
import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.eligibility.MemberEligibility.ReasonCode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import io.recontact.governance.erasure.ErasedRespondents;
import io.recontact.governance.erasure.Respondent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The member codes of a quota ({@code toluna_quota_member}) and the paging cursor, in plain SQL that runs on H2 and
 * PostgreSQL. Validation is set-based against the member directory, so 100,000 codes cost a handful of statements.
 */
@Repository
public class QuotaMembers {

  static final int IN_CHUNK = 1_000;
  static final int ROWS_PER_INSERT = 500;
  private static final String OF_QUOTA = " where panel_guid = ? and quota_id = ?";
  /** A directory entry (alias p) that validation has nothing against. */
  private static final String PLAINLY_FINE = "p.status = 'ACTIVE' and p.birth_date is not null "
      + "and p.gender_answer_id is not null";

  /** A member's new state and, for exceptions and non-matches, why. */
  public record StateChange(String memberCode, QuotaMemberState state, String reasonCode, String reason) {

    /** A member held back as an exception for {@code reason}. */
    static StateChange exception(String code, ReasonCode reason, String text) {
      return new StateChange(code, QuotaMemberState.EXCEPTION, reason.name(), text);
    }
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separate;
  private final ErasedRespondents erased;

  public QuotaMembers(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this(jdbc, transactions, null);
  }

  @Autowired
  public QuotaMembers(JdbcTemplate jdbc, PlatformTransactionManager transactions, ErasedRespondents erased) {
    this.jdbc = jdbc;
    this.erased = erased;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  /** Where the current paging round stands: null at the start of a round. */
  public String cursor(String panelGuid, long quotaId) {
    List<String> cursor = jdbc.queryForList("select last_code from toluna_fetch_cursor" + OF_QUOTA, String.class,
        panelGuid, quotaId);
    return cursor.isEmpty() ? null : cursor.get(0);
  }

  /**
   * Stores one page of codes (only those not stored yet) and moves the cursor, in a transaction of its own, so a
   * crash later loses no page and paging resumes after it. {@code nextCursor} null ends the round. Codes of erased
   * members (docs/respondent-erasure.md) are not stored: Toluna may still list them. A code whose directory entry is
   * plainly fine is stored VALID, the others RECEIVED for {@link #validate}: validating 100,000 codes changed 100,000
   * rows (3.8 s on H2, 0.9 s on PostgreSQL; issue 20). Sampling reads the directory again before it matches anyone.
   */
  public int storePage(String panelGuid, long quotaId, List<String> codes, String nextCursor) {
    return separate.execute(status -> {
      Set<String> fresh = new LinkedHashSet<>(codes);
      if (erased != null) {
        fresh.removeIf(erased.matcher(Respondent.TOLUNA));
      }
      boolean postgres = ArrayLookups.postgres(jdbc);
      List<String> all = new ArrayList<>(fresh);
      for (int from = 0; !postgres && from < all.size(); from += IN_CHUNK) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
        // Each code looked up in the primary key ("member_code in (...)", its third column, scanned every stored code
        // of the quota per chunk on H2): ArrayLookups picks the form each database answers from the key.
        ArrayLookups.query(jdbc, "select member_code from toluna_quota_member where",
            List.of("panel_guid", "quota_id"), List.of(panelGuid, quotaId), "member_code", chunk, rs -> {
              fresh.remove(rs.getString(1));
            });
      }
      OffsetDateTime at = now();
      Set<String> fine = plainlyFine(fresh);
      // PostgreSQL skips stored codes as it inserts: its look-ups first were 1.8 s of a 100,000-code fetch (issue 20).
      int stored = JdbcBatches.multiRowInsert(jdbc, "insert into toluna_quota_member (panel_guid, quota_id, "
          + "member_code, state, reviewed, received_at, updated_at) values ", "(?, ?, ?, ?, false, ?, ?)",
          postgres ? " on conflict do nothing" : "", ROWS_PER_INSERT, new ArrayList<>(fresh),
          (ps, p, index, code) -> {
            ps.setString(p, panelGuid);
            ps.setLong(p + 1, quotaId);
            ps.setString(p + 2, code);
            ps.setString(p + 3, (fine.contains(code) ? QuotaMemberState.VALID : QuotaMemberState.RECEIVED).name());
            ps.setObject(p + 4, at);
            ps.setObject(p + 5, at);
            return p + 6;
          });
      if (jdbc.update("update toluna_fetch_cursor set last_code = ?, pages = pages + 1" + OF_QUOTA, nextCursor,
          panelGuid, quotaId) == 0) {
        jdbc.update("insert into toluna_fetch_cursor (panel_guid, quota_id, last_code, pages) values (?, ?, ?, 1)",
            panelGuid, quotaId, nextCursor);
      }
      return stored;
    });
  }

  /**
   * Checks every RECEIVED code against the member directory: unknown, inactive, opted out, suspended, missing birth
   * date or gender become exceptions with the eligibility endpoint's reason codes; the rest become VALID. Returns the
   * new exceptions by reason code.
   */
  public Map<String, Integer> validate(String panelGuid, long quotaId) {
    // One scan finds the codes that are not plainly fine (usually few); the rest become VALID in one statement. Five
    // scans, one per reason, cost the quota's whole member list five times over (issue 20's profile).
    List<StateChange> exceptions = new ArrayList<>();
    jdbc.query("select q.member_code, p.member_code, p.status "
        + "from toluna_quota_member q left join panel_member p on p.member_code = q.member_code "
        + "where q.panel_guid = ? and q.quota_id = ? and q.state = 'RECEIVED' and (p.member_code is null "
        + "or not (" + PLAINLY_FINE + "))", rs -> {
          exceptions.add(exception(rs.getString(1), rs.getString(2) != null, rs.getString(3)));
        }, panelGuid, quotaId);
    OffsetDateTime at = now();
    JdbcBatches.batch(jdbc, "update toluna_quota_member set state = 'EXCEPTION', reason_code = ?, reason = ?, "
        + "reviewed = false, updated_at = ?" + OF_QUOTA + " and member_code = ? and state = 'RECEIVED'",
        exceptions.size(), (ps, i) -> {
          StateChange change = exceptions.get(i);
          ps.setString(1, change.reasonCode());
          ps.setString(2, change.reason());
          ps.setObject(3, at);
          ps.setString(4, panelGuid);
          ps.setLong(5, quotaId);
          ps.setString(6, change.memberCode());
        });
    Map<String, Integer> found = new LinkedHashMap<>();
    exceptions.forEach(change -> found.merge(change.reasonCode(), 1, Integer::sum));
    jdbc.update("update toluna_quota_member set state = 'VALID', reason_code = null, reason = null, updated_at = ?"
        + OF_QUOTA + " and state = 'RECEIVED'", at, panelGuid, quotaId);
    return found;
  }

  /** The codes among {@code codes} whose directory entry is plainly fine. */
  private Set<String> plainlyFine(Collection<String> codes) {
    Set<String> fine = new HashSet<>();
    List<String> all = new ArrayList<>(codes);
    int size = ArrayLookups.inListSize(jdbc);
    for (int from = 0; from < all.size(); from += size) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + size));
      jdbc.query("select p.member_code from panel_member p where p.member_code in (" + placeholders(chunk.size())
          + ") and " + PLAINLY_FINE, rs -> {
            fine.add(rs.getString(1));
          }, chunk.toArray());
    }
    return fine;
  }

  /** Why a code that is not plainly fine is an exception, the first reason that applies. */
  private static StateChange exception(String code, boolean known, String status) {
    if (!known) {
      return StateChange.exception(code, ReasonCode.UNKNOWN_MEMBER, "not in our panel's member directory");
    }
    return switch (status) {
      case "INACTIVE" -> StateChange.exception(code, ReasonCode.INACTIVE, "inactive on our panel");
      case "OPTED_OUT" -> StateChange.exception(code, ReasonCode.OPTED_OUT, "opted out of our panel: never invited");
      case "SUSPENDED" -> StateChange.exception(code, ReasonCode.SUSPENDED, "suspended on our panel: never invited");
      // ACTIVE (the only other status), so the birth date or gender is missing
      default -> StateChange.exception(code, ReasonCode.MISSING_REQUIRED_PROFILE,
          "no birth date or gender: Toluna places no member without both");
    };
  }

  public Map<QuotaMemberState, Long> countByState(String panelGuid, long quotaId) {
    Map<QuotaMemberState, Long> counts = new TreeMap<>();
    jdbc.query("select state, count(*) from toluna_quota_member" + OF_QUOTA + " group by state",
        rs -> {
          counts.put(QuotaMemberState.valueOf(rs.getString(1)), rs.getLong(2));
        }, panelGuid, quotaId);
    return counts;
  }

  /** The first {@code limit} codes in a state, in code order. */
  public List<String> codesIn(String panelGuid, long quotaId, QuotaMemberState state, int limit) {
    return codesIn(panelGuid, quotaId, state, null, limit);
  }

  /** {@link #codesIn}, past {@code after} in code order (null: from the first). */
  public List<String> codesIn(String panelGuid, long quotaId, QuotaMemberState state, String after, int limit) {
    // The order names the primary key's columns (the first two fixed by the condition): only then does H2 read the
    // key in order, skip the members in other states and stop at the limit, instead of reading and sorting every
    // member in the state. There is no index by state (V70): a state change would move its entry each time.
    String order = " order by panel_guid, quota_id, member_code limit ?";
    if (after == null) {
      return jdbc.queryForList("select member_code from toluna_quota_member" + OF_QUOTA + " and state = ?" + order,
          String.class, panelGuid, quotaId, state.name(), limit);
    }
    return jdbc.queryForList("select member_code from toluna_quota_member" + OF_QUOTA + " and state = ? and "
        + "member_code > ?" + order, String.class, panelGuid, quotaId, state.name(), after, limit);
  }

  /** Sets many members' states in one batch (joins the caller's transaction). */
  public void setStates(String panelGuid, long quotaId, List<StateChange> changes) {
    OffsetDateTime at = now();
    JdbcBatches.batch(jdbc, "update toluna_quota_member set state = ?, reason_code = ?, reason = ?, updated_at = ?"
        + OF_QUOTA + " and member_code = ?", changes.size(), (ps, i) -> {
          StateChange change = changes.get(i);
          ps.setString(1, change.state().name());
          ps.setString(2, change.reasonCode());
          ps.setString(3, change.reason() == null ? null : trim(change.reason()));
          ps.setObject(4, at);
          ps.setString(5, panelGuid);
          ps.setLong(6, quotaId);
          ps.setString(7, change.memberCode());
        });
  }

  /**
   * Sets the new states of a run of members: {@code changes} are every member in state {@code from} between the first
   * and the last of them in code order, in that order, as {@link #codesIn} read them in the caller's transaction. The
   * commonest new state (sampling's "matched") is set by code range in one statement, the others member by member: a
   * statement per member was most of a sampling chunk's time (issue 20). Fails, so the caller rolls back and runs
   * again, when the range held other members than the run.
   */
  public void setStatesOfRun(String panelGuid, long quotaId, QuotaMemberState from, List<StateChange> changes) {
    Map<List<String>, Long> counts = new LinkedHashMap<>();
    changes.forEach(change -> counts.merge(newState(change), 1L, Long::sum));
    List<String> common = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
        .orElse(null);
    if (common == null || counts.get(common) < 2
        || counts.keySet().stream().anyMatch(state -> state.get(0).equals(from.name()))) {
      setStates(panelGuid, quotaId, changes);
      return;
    }
    setStates(panelGuid, quotaId, changes.stream().filter(change -> !newState(change).equals(common)).toList());
    int set = jdbc.update("update toluna_quota_member set state = ?, reason_code = ?, reason = ?, updated_at = ?"
        + OF_QUOTA + " and state = ? and member_code between ? and ?", common.get(0), common.get(1), common.get(2),
        now(), panelGuid, quotaId, from.name(), changes.get(0).memberCode(),
        changes.get(changes.size() - 1).memberCode());
    if (set != counts.get(common)) {
      throw new IllegalStateException("Quota " + quotaId + ": " + counts.get(common) + " members in state " + from
          + " expected in the run being set, " + set + " found: the members changed meanwhile; the step runs again");
    }
  }

  private static List<String> newState(StateChange change) {
    return Arrays.asList(change.state().name(), change.reasonCode(),
        change.reason() == null ? null : trim(change.reason()));
  }

  /** One member's state in a transaction of its own (per-member answers while invites are generated). */
  public void setStateNow(String panelGuid, long quotaId, StateChange change) {
    separate.executeWithoutResult(status -> setStates(panelGuid, quotaId, List.of(change)));
  }

  static String trim(String reason) {
    return reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
  }

  static String placeholders(int n) {
    return "?" + ", ?".repeat(n - 1);
  }
}
