package io.recontact.governance.erasure;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases a respondent: records its hash as erased, runs every {@link ErasureStep} and writes the audit entry, all
 * in one transaction, so an erasure is whole or not at all, and the suppression holds from the moment the rows are
 * gone. Running flows are not waited for: their rows are deleted or tombstoned under them (docs/respondent-erasure.md).
 */
@Service
public class RespondentErasure {

  private static final Logger LOG = LoggerFactory.getLogger(RespondentErasure.class);

  /** What one erasure did; {@code places}: rows changed per place, sorted by place. */
  public record Result(String marketplace, String respondentHash, boolean alreadyErased, OffsetDateTime firstErasedAt,
      OffsetDateTime erasedAt, String erasedBy, int rowsErased, Map<String, Integer> places) {
  }

  private final List<ErasureStep> steps;
  private final ErasedRespondents erased;
  private final TransactionTemplate transaction;

  public RespondentErasure(List<ErasureStep> steps, ErasedRespondents erased, PlatformTransactionManager manager) {
    this.steps = List.copyOf(steps);
    this.erased = erased;
    this.transaction = new TransactionTemplate(manager);
  }

  public Result erase(Respondent respondent, String by) {
    Result result;
    try {
      result = transaction.execute(status -> eraseOnce(respondent, by));
    } catch (DuplicateKeyException raced) {
      // A concurrent erasure of the same respondent recorded it first: this one is a repeat.
      result = transaction.execute(status -> eraseOnce(respondent, by));
    }
    LOG.info("Erased {} for {}: {} rows{}", respondent, by, result.rowsErased(),
        result.alreadyErased() ? " (erased before at " + result.firstErasedAt() + ")" : "");
    return result;
  }

  private Result eraseOnce(Respondent respondent, String by) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    boolean first = erased.record(respondent, by, now);
    OffsetDateTime firstAt = first ? now : erased.erasedAt(respondent).orElse(now);
    Map<String, Integer> places = new TreeMap<>();
    for (ErasureStep step : steps) {
      step.erase(respondent).forEach((place, rows) -> places.merge(place, rows, Integer::sum));
    }
    int rows = places.values().stream().mapToInt(Integer::intValue).sum();
    erased.audit(respondent, by, now, rows, places.entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
    return new Result(respondent.marketplace(), respondent.hash(), !first, firstAt, now, by, rows, places);
  }
}
