package io.recontact.cint.followfielding;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Prometheus gauges per followed target group (tag {@code target_group}), from its latest reading:
 * {@code recontact_cint_fielding_completes}, {@code …_prescreens}, {@code …_goal}, {@code …_projected_completes},
 * {@code …_cost}, {@code …_conversion_rate}, {@code …_incidence_rate}. A gauge appears with a target group's first
 * reading in this process (after a restart, with its next one).
 */
@Component
public class FieldingGauges {

  record Latest(FieldingReading reading, int projected) {
  }

  private final MeterRegistry registry;
  private final Map<String, Latest> latest = new ConcurrentHashMap<>();

  public FieldingGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(FieldingReading reading, int projected) {
    String tg = reading.targetGroupId();
    boolean first = latest.put(tg, new Latest(reading, projected)) == null;
    if (first) {
      gauge(tg, "completes", "completes so far", l -> l.reading().completes());
      gauge(tg, "prescreens", "prescreens so far", l -> l.reading().prescreens());
      gauge(tg, "goal", "completes goal", l -> l.reading().goal());
      gauge(tg, "projected.completes", "completes projected at the end date", Latest::projected);
      gauge(tg, "cost", "cost so far (the reading's currency)",
          l -> l.reading().cost() == null ? Double.NaN : l.reading().cost().doubleValue());
      gauge(tg, "conversion.rate", "conversion rate",
          l -> l.reading().conversionRate() == null ? Double.NaN : l.reading().conversionRate().doubleValue());
      gauge(tg, "incidence.rate", "incidence rate",
          l -> l.reading().incidenceRate() == null ? Double.NaN : l.reading().incidenceRate().doubleValue());
    }
  }

  private void gauge(String tg, String name, String description, ToDoubleFunction<Latest> value) {
    Gauge.builder("recontact.cint.fielding." + name, latest, m -> {
      Latest l = m.get(tg);
      return l == null ? Double.NaN : value.applyAsDouble(l);
    }).description("Cint fielding of a followed target group: " + description).tag("target_group", tg)
        .register(registry);
  }
}
