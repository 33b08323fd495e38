package io.recontact.governance.erasure;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The erased respondents ({@code erased_respondent}, V50) by hash, and the audit of erasures ({@code erasure_audit}).
 * Intakes ask {@link #matcher} once per import or file and test each identifier against it, so a respondent erased
 * once is not brought back by a later member import, respondent file or quota member list.
 */
@Repository
public class ErasedRespondents {

  private final JdbcTemplate jdbc;

  public ErasedRespondents(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** When the respondent was first erased; empty if never. */
  public Optional<OffsetDateTime> erasedAt(Respondent respondent) {
    return jdbc.queryForList("select erased_at from erased_respondent where hash = ?", OffsetDateTime.class,
        respondent.hash()).stream().findFirst();
  }

  /**
   * True when this call recorded the respondent, false when it was erased before. Runs in the erasure's
   * transaction; two concurrent erasures of one respondent meet on the primary key.
   */
  boolean record(Respondent respondent, String by, OffsetDateTime at) {
    if (erasedAt(respondent).isPresent()) {
      return false;
    }
    jdbc.update("insert into erased_respondent (hash, marketplace, erased_at, erased_by) values (?, ?, ?, ?)",
        respondent.hash(), respondent.marketplace(), at, by);
    return true;
  }

  void audit(Respondent respondent, String by, OffsetDateTime at, int rows, String places) {
    jdbc.update("insert into erasure_audit (respondent_hash, marketplace, requested_by, requested_at, rows_erased, "
        + "places) values (?, ?, ?, ?, ?, ?)", respondent.hash(), respondent.marketplace(), by, at, rows,
        places.length() > 4000 ? places.substring(0, 4000) : places);
  }

  /** The audit entries of a respondent (by hash), oldest first: who, when, rows. */
  public List<String> auditOf(Respondent respondent) {
    return jdbc.query("select requested_by, requested_at, rows_erased from erasure_audit where respondent_hash = ? "
        + "order by id", (rs, i) -> rs.getString(1) + " " + rs.getObject(2, OffsetDateTime.class) + " "
        + rs.getInt(3), respondent.hash());
  }

  /**
   * Tests identifiers of {@code marketplace} (as that marketplace's intake normalises them: RSIDs lower case) for
   * erasure. Reads the marketplace's hashes once; with none erased, the test costs nothing.
   */
  public Predicate<String> matcher(String marketplace) {
    Set<String> hashes = new HashSet<>(jdbc.queryForList("select hash from erased_respondent where marketplace = ?",
        String.class, marketplace));
    if (hashes.isEmpty()) {
      return id -> false;
    }
    return id -> id != null && hashes.contains(Respondent.hash(marketplace, id));
  }
}
