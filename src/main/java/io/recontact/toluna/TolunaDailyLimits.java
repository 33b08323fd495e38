package io.recontact.toluna;

import io.recontact.governance.CapsProperties;
import io.recontact.governance.Marketplace;
import io.recontact.governance.MarketplaceLimits;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Toluna's own limits: a member may complete {@code toluna-daily-completes} and start {@code toluna-daily-starts}
 * surveys a day. Counted from the outcomes Toluna reported ({@code toluna_invite_outcome}): a start is any recorded
 * outcome (complete, termination, pre-start rejection), a complete one not reversed by a reconciliation. A member at
 * a limit may be invited again from the next day's midnight in {@code toluna-day-zone}.
 */
@Component
class TolunaDailyLimits implements MarketplaceLimits {

  private static final int IN_CHUNK = 1_000;

  private final JdbcTemplate jdbc;
  private final CapsProperties caps;

  TolunaDailyLimits(JdbcTemplate jdbc, CapsProperties caps) {
    this.jdbc = jdbc;
    this.caps = caps;
  }

  @Override
  public Marketplace marketplace() {
    return Marketplace.TOLUNA;
  }

  @Override
  public Map<String, Instant> blockedUntil(Collection<String> memberCodes, Instant now) {
    Map<String, Instant> blocked = new HashMap<>();
    if (!caps.tolunaDaily() || memberCodes.isEmpty()) {
      return blocked;
    }
    LocalDate today = now.atZone(caps.tolunaDayZone()).toLocalDate();
    OffsetDateTime dayStarts = today.atStartOfDay(caps.tolunaDayZone()).toOffsetDateTime()
        .withOffsetSameInstant(ZoneOffset.UTC);
    Instant tomorrow = today.plusDays(1).atStartOfDay(caps.tolunaDayZone()).toInstant();
    List<String> codes = new ArrayList<>(memberCodes);
    for (int from = 0; from < codes.size(); from += IN_CHUNK) {
      List<String> chunk = codes.subList(from, Math.min(codes.size(), from + IN_CHUNK));
      List<Object> args = new ArrayList<>(chunk);
      args.add(dayStarts);
      jdbc.query("select member_code, sum(case when outcome = 'COMPLETE' and reversed_at is null then 1 else 0 end), "
          + "count(*) from toluna_invite_outcome where member_code in (" + "?" + ", ?".repeat(chunk.size() - 1)
          + ") and event_at >= ? group by member_code", rs -> {
            long completes = rs.getLong(2);
            long starts = rs.getLong(3);
            if ((caps.tolunaDailyCompletes() > 0 && completes >= caps.tolunaDailyCompletes())
                || (caps.tolunaDailyStarts() > 0 && starts >= caps.tolunaDailyStarts())) {
              blocked.put(rs.getString(1), tomorrow);
            }
          }, args.toArray());
    }
    return blocked;
  }
}
