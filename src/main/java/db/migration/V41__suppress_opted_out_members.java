package db.migration;

import io.recontact.governance.Marketplace;
import io.recontact.governance.RespondentIds;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Members already OPTED_OUT in the directory join the do-not-contact list (source DIRECTORY), as a later import of
 * them would. In Java because the identifier's SHA-256 is not written the same way in H2's and PostgreSQL's SQL.
 */
public class V41__suppress_opted_out_members extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Timestamp now = Timestamp.from(Instant.now());
    try (Statement select = context.getConnection().createStatement();
        ResultSet members = select.executeQuery("select member_code from panel_member where status = 'OPTED_OUT'");
        PreparedStatement insert = context.getConnection().prepareStatement("insert into respondent_suppression "
            + "(marketplace, respondent_id, respondent_hash, source, reason, added_by, added_at) values "
            + "('TOLUNA', ?, ?, 'DIRECTORY', 'opted out in our panel''s member directory', 'migration V41', ?)")) {
      int pending = 0;
      while (members.next()) {
        String id = RespondentIds.normalise(Marketplace.TOLUNA, members.getString(1));
        if (id == null) {
          continue;
        }
        insert.setString(1, id);
        insert.setString(2, RespondentIds.hash(Marketplace.TOLUNA, id));
        insert.setTimestamp(3, now);
        insert.addBatch();
        if (++pending % 1_000 == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
  }
}
