package io.recontact.cint.followfielding;

import java.math.BigDecimal;
import java.time.Instant;

/** One reading of a followed target group: Cint's figures at {@code readAt}, never respondents. */
public record FieldingReading(String targetGroupId, Instant readAt, String status, int completes, int prescreens,
    int goal, BigDecimal conversionRate, BigDecimal incidenceRate, BigDecimal cost, String currency, String wokenBy) {
}
