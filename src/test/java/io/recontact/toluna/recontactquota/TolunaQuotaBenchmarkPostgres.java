package io.recontact.toluna.recontactquota;

import io.recontact.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Tag;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** {@link TolunaQuotaBenchmark} on an embedded PostgreSQL instead of H2; see docs/toluna-benchmark.md. */
@Tag("benchmark")
@ActiveProfiles({"test", "postgres"})
@Import(EmbeddedPostgresDatabase.class)
class TolunaQuotaBenchmarkPostgres extends TolunaQuotaBenchmark {

  @Override
  String database() {
    return "postgresql";
  }
}
