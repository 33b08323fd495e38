package io.recontact.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.sandbox.faults.FaultStorm.Fault;
import io.recontact.sandbox.faults.FaultStorm.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultStormDrawsTest {

  static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  static List<Fault> draws(FaultStorm storm, int n) {
    List<Fault> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(storm.next("op"));
    }
    return out;
  }

  @Test
  void theSameSeedDrawsTheSameFaultsInAboutTheRequestedShares() throws Exception {
    FaultStorm a = new FaultStorm("cint", true);
    FaultStorm b = new FaultStorm("cint", true);
    JsonNode settings = json("{\"serverErrorRate\": 0.1, \"slowRate\": 0.02, \"slowMillis\": 1500, "
        + "\"rateLimitRate\": 0.05, \"retryAfterSeconds\": 3, \"seed\": 42}");
    a.start(a.parse(settings));
    b.start(b.parse(settings));
    List<Fault> first = draws(a, 10_000);
    assertThat(draws(b, 10_000)).isEqualTo(first);
    long errors = first.stream().filter(f -> f != null && f.kind() == Kind.SERVER_ERROR).count();
    long slow = first.stream().filter(f -> f != null && f.kind() == Kind.SLOW).count();
    long limited = first.stream().filter(f -> f != null && f.kind() == Kind.RATE_LIMITED).count();
    assertThat(errors).isBetween(850L, 1150L);
    assertThat(slow).isBetween(120L, 280L);
    assertThat(limited).isBetween(380L, 620L);
    assertThat(first).filteredOn(f -> f != null && f.kind() == Kind.SERVER_ERROR).extracting(Fault::status)
        .contains(500, 503).containsOnly(500, 503);
    assertThat(first).filteredOn(f -> f != null && f.kind() == Kind.RATE_LIMITED)
        .allSatisfy(f -> assertThat(f.retryAfterSeconds()).isEqualTo(3));
    assertThat(first).filteredOn(f -> f != null && f.kind() == Kind.SLOW)
        .allSatisfy(f -> assertThat(f.delayMillis()).isEqualTo(1500));
    assertThat(a.state().at("/injected/SERVER_ERROR/op").asLong()).isEqualTo(errors);
    assertThat(a.state().path("total").asLong()).isEqualTo(errors + slow + limited);
  }

  @Test
  void anOutageAnswers503ToEverythingAndStopKeepsTheCountsUntilReset() throws Exception {
    FaultStorm storm = new FaultStorm("toluna", false);
    storm.start(storm.parse(json("{\"outage\": true}")));
    assertThat(draws(storm, 5)).allSatisfy(f -> assertThat(f.status()).isEqualTo(503))
        .allSatisfy(f -> assertThat(f.kind()).isEqualTo(Kind.OUTAGE));
    storm.stop();
    assertThat(storm.next("op")).isNull();
    assertThat(storm.state().path("active").asBoolean()).isFalse();
    assertThat(storm.state().at("/injected/OUTAGE/op").asLong()).isEqualTo(5);
    storm.reset();
    assertThat(storm.state().path("total").asLong()).isZero();
  }

  @Test
  void badSettingsAreRefusedWithTheFieldNamed() {
    FaultStorm toluna = new FaultStorm("toluna", false);
    assertThatThrownBy(() -> toluna.parse(json("{\"rateLimitRate\": 0.1}"))).hasMessageContaining("rateLimitRate")
        .hasMessageContaining("no rate limits");
    assertThatThrownBy(() -> toluna.parse(json("{\"serverErrorRate\": 1.5}"))).hasMessageContaining("serverErrorRate");
    assertThatThrownBy(() -> toluna.parse(json("{\"serverErrorRate\": \"x\"}")))
        .hasMessageContaining("serverErrorRate");
    assertThatThrownBy(() -> toluna.parse(json("{\"serverErrorRate\": 0.6, \"slowRate\": 0.6, \"slowMillis\": 1}")))
        .hasMessageContaining("at most 1");
    assertThatThrownBy(() -> toluna.parse(json("{\"slowRate\": 0.1}"))).hasMessageContaining("slowMillis");
    assertThatThrownBy(() -> toluna.parse(json("{\"outage\": \"yes\"}"))).hasMessageContaining("outage");
    assertThatThrownBy(() -> toluna.parse(json("[]"))).hasMessageContaining("JSON object");
  }
}
