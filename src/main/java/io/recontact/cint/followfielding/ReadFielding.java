package io.recontact.cint.followfielding;

import io.recontact.cint.CintErrors;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel.MonetaryAmount;
import io.recontact.cint.client.CintModel.TargetGroupOverview;
import io.recontact.cint.client.CintModel.TargetGroupPerformance;
import io.recontact.cint.client.CintModel.VersionedFieldingRun;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.metrics.OnCommit;
import java.math.BigDecimal;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the target group's overview, performance and fielding run, stores the figures as a reading (never
 * respondents), sets them as variables and routes: {@code fieldingState} ({@link FieldingPace}).
 */
@Component("readFielding")
class ReadFielding implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ReadFielding.class);

  private final CintClient cint;
  private final FieldingFollows follows;
  private final FieldingProperties properties;
  private final FieldingGauges gauges;

  ReadFielding(CintClient cint, FieldingFollows follows, FieldingProperties properties, FieldingGauges gauges) {
    this.cint = cint;
    this.follows = follows;
    this.properties = properties;
    this.gauges = gauges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FollowFieldingVariables vars = new FollowFieldingVariables(execution);
    FieldingReading reading = read(vars.targetGroup(), (String) execution.getVariable(FieldingSignals.WOKEN_BY));
    execution.removeVariable(FieldingSignals.WOKEN_BY);
    VersionedFieldingRun run = CintErrors.call("Read fielding", () -> cint.currentFieldingRun(vars.targetGroup()))
        .orElse(null);
    Instant start = run == null ? null : run.run().startFieldingAt();
    Instant end = run == null ? null : run.run().endFieldingAt();
    follows.add(reading);
    vars.reading(reading);
    vars.period(start, end);
    FieldingPace.Projection projection = FieldingPace.project(reading.completes(), start, end, reading.readAt());
    vars.projection(projection.projected(), projection.daysLeft());
    String state = FieldingPace.state(reading.status(), reading.completes(), reading.goal(), end, reading.readAt(),
        projection, vars.paceAccepted(), properties);
    vars.state(state);
    execution.setVariable(FollowFieldingVariables.FIELDING_INTERVAL, properties.interval().toString());
    LOG.info("Target group {}: {} {}/{} completes, {} prescreens, projected {}: {}", reading.targetGroupId(),
        reading.status(), reading.completes(), reading.goal(), reading.prescreens(), projection.projected(), state);
    OnCommit.run(() -> gauges.record(reading, projection.projected()));
  }

  /** One reading of overview and performance, as stored. */
  FieldingReading read(TargetGroupRef tg, String wokenBy) {
    TargetGroupOverview overview = CintErrors.call("Read fielding", () -> cint.getTargetGroupOverview(tg));
    TargetGroupPerformance performance = CintErrors.call("Read fielding", () -> cint.getTargetGroupPerformance(tg));
    MonetaryAmount cost = overview.currentCost() != null ? overview.currentCost() : performance.completesCost();
    BigDecimal conversion = performance.conversionRate() != null ? performance.conversionRate()
        : overview.conversionRate();
    BigDecimal incidence = performance.incidenceRate() != null ? performance.incidenceRate()
        : overview.incidenceRate();
    int completes = overview.progress() == null ? performance.completes() : overview.progress().currentCompletes();
    int prescreens = overview.progress() == null ? performance.prescreens()
        : overview.progress().currentPrescreens();
    int goal = overview.progress() == null ? 0 : overview.progress().fillingGoal();
    return new FieldingReading(tg.targetGroupId(), Instant.now(), overview.status(), completes, prescreens, goal,
        conversion, incidence, amount(cost), cost == null ? null : cost.currencyCode(), wokenBy);
  }

  private static BigDecimal amount(MonetaryAmount cost) {
    try {
      return cost == null || cost.value() == null ? null : new BigDecimal(cost.value());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
