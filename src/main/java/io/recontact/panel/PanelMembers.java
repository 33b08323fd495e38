package io.recontact.panel;

import io.recontact.panel.PanelMember.Status;
import io.recontact.storage.ArrayLookups;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import io.recontact.storage.JdbcBatches;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The member directory of our own panel ({@code panel_member}, {@code panel_member_answer}, see V3). Plain SQL that
 * runs unchanged on H2 and PostgreSQL: no MERGE/ON CONFLICT dialects; an upsert reads which codes exist, deletes
 * those and inserts every member of the call.
 */
@Repository
public class PanelMembers {

  /** Rows per multi-row insert: 7 parameters each for members, 3 for answers. */
  static final int MEMBER_ROWS_PER_STATEMENT = 500;
  static final int ANSWER_ROWS_PER_STATEMENT = 1_000;

  /** What an upsert did: members new to the directory and members whose data was replaced. */
  public record UpsertResult(int inserted, int updated) {
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final List<MemberStatusListener> listeners;

  public PanelMembers(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this(jdbc, transactionManager, List.of());
  }

  @Autowired
  public PanelMembers(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
      List<MemberStatusListener> listeners) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Inserts new members and replaces known ones (status, birth date, postal code, e-mail and all answers), in one
   * transaction. Member codes must be distinct within the call.
   */
  public UpsertResult upsertAll(List<PanelMember> members) {
    ImportedBatch stored = store(members, null, null, batch -> { });
    return new UpsertResult(stored.inserted(), stored.updated());
  }

  /**
   * What one batch of an import did: members new to the directory, members replaced, and the rows left out because
   * an earlier batch of the same import already stored their code (code to the position that did).
   */
  public record ImportedBatch(int inserted, int updated, Map<String, Integer> duplicates) {
  }

  /**
   * One batch of import {@code importId} in one transaction, as {@link #upsertAll} but each member is stamped with
   * the import and its position (V64): a code an earlier batch of the same import stored is not stored again but
   * returned as a duplicate, so duplicates are found across a million rows without a set of every code in memory.
   * {@code inTransaction} sees the result before the commit (the import's progress row is written with it).
   */
  ImportedBatch importBatch(String importId, List<PanelMember> members, List<Integer> positions,
      Consumer<ImportedBatch> inTransaction) {
    return store(members, importId, positions, inTransaction);
  }

  private ImportedBatch store(List<PanelMember> members, String importId, List<Integer> positions,
      Consumer<ImportedBatch> inTransaction) {
    Set<String> codes = new LinkedHashSet<>(members.size() * 2);
    for (PanelMember member : members) {
      if (!codes.add(member.memberCode())) {
        throw new IllegalArgumentException("member codes must be distinct, " + member.memberCode() + " repeats");
      }
    }
    if (members.isEmpty() && importId == null) {
      return new ImportedBatch(0, 0, Map.of());
    }
    try {
      return upsertOnce(members, codes, importId, positions, inTransaction);
    } catch (DuplicateKeyException raced) {
      // A concurrent import inserted one of our "new" codes first; once more, now that it counts as known.
      return upsertOnce(members, codes, importId, positions, inTransaction);
    }
  }

  private ImportedBatch upsertOnce(List<PanelMember> all, Set<String> codes, String importId,
      List<Integer> positions, Consumer<ImportedBatch> inTransaction) {
    return transaction.execute(status -> {
      Map<String, Integer> duplicates = new HashMap<>();
      Set<String> existing = existingCodes(codes, importId, duplicates);
      List<PanelMember> members = new ArrayList<>(all.size());
      Map<String, Integer> positionOf = new HashMap<>(all.size() * 2);
      for (int i = 0; i < all.size(); i++) {
        PanelMember member = all.get(i);
        if (!duplicates.containsKey(member.memberCode())) {
          members.add(member);
          positionOf.put(member.memberCode(), positions == null ? null : positions.get(i));
        }
      }
      existing.removeAll(duplicates.keySet());
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
      // Known members are deleted (answers first: no foreign key, see V3) and inserted again: a few IN-list deletes and multi-row inserts instead of one
      // UPDATE per member (far fewer statements for 100,000 members). Same transaction, so no reader sees a gap.
      for (List<String> chunk : chunks(new ArrayList<>(existing))) {
        String in = placeholders(chunk.size());
        jdbc.update("delete from panel_member_answer where member_code in (" + in + ")", chunk.toArray());
        jdbc.update("delete from panel_member where member_code in (" + in + ")", chunk.toArray());
      }
      JdbcBatches.multiRowInsert(jdbc, "insert into panel_member (status, birth_date, gender_answer_id, postal_code, "
          + "updated_at, email, member_code, last_import_id, last_import_line) values ", "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
          MEMBER_ROWS_PER_STATEMENT, members, (ps, p, index, m) -> {
            setMember(ps, p, m, now);
            ps.setString(p + 6, m.memberCode());
            ps.setString(p + 7, importId);
            Integer position = positionOf.get(m.memberCode());
            if (position == null) {
              ps.setNull(p + 8, Types.INTEGER);
            } else {
              ps.setInt(p + 8, position);
            }
            return p + 9;
          });
      List<Object[]> answers = new ArrayList<>();
      for (PanelMember member : members) {
        member.answers().forEach((question, ids) -> ids.forEach(id ->
            answers.add(new Object[] {member.memberCode(), question, id})));
      }
      JdbcBatches.multiRowInsert(jdbc, "insert into panel_member_answer (member_code, question_id, answer_id) values ",
          "(?, ?, ?)", ANSWER_ROWS_PER_STATEMENT, answers, (ps, p, index, a) -> {
            ps.setString(p, (String) a[0]);
            ps.setLong(p + 1, (Long) a[1]);
            ps.setLong(p + 2, (Long) a[2]);
            return p + 3;
          });
      if (!listeners.isEmpty() && !members.isEmpty()) {
        List<String> optedOut = new ArrayList<>();
        List<String> others = new ArrayList<>();
        members.forEach(m -> (m.status() == Status.OPTED_OUT ? optedOut : others).add(m.memberCode()));
        listeners.forEach(l -> l.statusesStored(optedOut, others));
      }
      ImportedBatch result = new ImportedBatch(members.size() - existing.size(), existing.size(), duplicates);
      inTransaction.accept(result);
      return result;
    });
  }

  public Optional<PanelMember> find(String memberCode) {
    if (memberCode == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(findAll(List.of(memberCode)).get(memberCode));
  }

  /** The known members among {@code codes}, by member code; unknown codes are simply absent. */
  public Map<String, PanelMember> findAll(Collection<String> codes) {
    List<String> distinct = codes.stream().filter(c -> c != null).distinct().toList();
    Map<String, PanelMember> found = new HashMap<>(distinct.size() * 2);
    for (List<String> chunk : chunks(distinct)) {
      String in = placeholders(chunk.size());
      Map<String, Map<Long, Set<Long>>> answers = new HashMap<>();
      jdbc.query("select member_code, question_id, answer_id from panel_member_answer where member_code in (" + in
          + ")", rs -> {
            answers.computeIfAbsent(rs.getString(1), c -> new TreeMap<>())
                .computeIfAbsent(rs.getLong(2), q -> new TreeSet<>()).add(rs.getLong(3));
          }, chunk.toArray());
      jdbc.query("select member_code, status, birth_date, postal_code, email from panel_member where member_code in ("
          + in + ")", rs -> {
            String code = rs.getString(1);
            found.put(code, new PanelMember(code, Status.valueOf(rs.getString(2)),
                rs.getObject(3, LocalDate.class), rs.getString(4), answers.getOrDefault(code, Map.of()),
                rs.getString(5)));
          }, chunk.toArray());
    }
    return found;
  }

  public long count() {
    return jdbc.queryForObject("select count(*) from panel_member", Long.class);
  }

  /** One page of the directory in member code order: {@code offset} members skipped, at most {@code limit}. */
  public List<PanelMember> page(long offset, int limit) {
    List<String> codes = jdbc.queryForList("select member_code from panel_member order by member_code limit ? "
        + "offset ?", String.class, limit, offset);
    Map<String, PanelMember> found = findAll(codes);
    // A member deleted between the two reads is left out rather than shown empty.
    return codes.stream().map(found::get).filter(m -> m != null).toList();
  }

  /** The known codes among {@code codes}; those import {@code importId} stored already go to {@code duplicates}. */
  private Set<String> existingCodes(Collection<String> codes, String importId, Map<String, Integer> duplicates) {
    Set<String> existing = new HashSet<>();
    for (List<String> chunk : chunks(new ArrayList<>(codes))) {
      jdbc.query("select member_code, last_import_id, last_import_line from panel_member where member_code in ("
          + placeholders(chunk.size()) + ")", (RowCallbackHandler) rs -> {
            existing.add(rs.getString(1));
            if (importId != null && importId.equals(rs.getString(2))) {
              duplicates.put(rs.getString(1), rs.getInt(3));
            }
          }, chunk.toArray());
    }
    return existing;
  }

  private static void setMember(PreparedStatement ps, int p, PanelMember m, OffsetDateTime now) throws SQLException {
    ps.setString(p, m.status().name());
    if (m.birthDate() == null) {
      ps.setNull(p + 1, Types.DATE);
    } else {
      ps.setObject(p + 1, m.birthDate());
    }
    Long gender = m.genderAnswerId();
    if (gender == null) {
      ps.setNull(p + 2, Types.BIGINT);
    } else {
      ps.setLong(p + 2, gender);
    }
    ps.setString(p + 3, m.postalCode());
    ps.setObject(p + 4, now);
    ps.setString(p + 5, m.email());
  }

  private <T> List<List<T>> chunks(List<T> all) {
    List<List<T>> chunks = new ArrayList<>();
    int size = ArrayLookups.inListSize(jdbc);
    for (int from = 0; from < all.size(); from += size) {
      chunks.add(all.subList(from, Math.min(all.size(), from + size)));
    }
    return chunks;
  }

  private static String placeholders(int n) {
    return "?" + ", ?".repeat(n - 1);
  }
}
