package io.recontact.cint.client;

import feign.Response;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A target group's current fielding run with its {@code ETag}, and the optimistic changes of it (pause, resume)
 * that send the ETag as {@code If-Match}. Calls go through the client's retry ({@code repeatable}).
 */
class FieldingRuns {

  static final int RUN_CHANGE_ATTEMPTS = 5;

  private final CintApi api;
  private final CintResponses responses;
  private final FeignCintClient client;

  FieldingRuns(CintApi api, CintResponses responses, FeignCintClient client) {
    this.api = api;
    this.responses = responses;
    this.client = client;
  }

  private <T> T repeat(Supplier<T> request) {
    return client.repeatable(request);
  }

  Optional<CintModel.VersionedFieldingRun> current(TargetGroupRef tg) {
    CintModel.FieldingRunsList runs = repeat(() -> api.listFieldingRuns(tg.accountId(), tg.projectId(),
        tg.targetGroupId()));
    if (runs.data() == null || runs.data().isEmpty()) {
      return Optional.empty();
    }
    String runId = runs.data().get(0).id();
    return Optional.of(repeat(() -> {
      try (Response response = api.getFieldingRun(tg.accountId(), tg.projectId(), tg.targetGroupId(), runId)) {
        CintModel.FieldingRun run = responses.json(response, CintModel.FieldingRun.class, "CintApi#getFieldingRun");
        return new CintModel.VersionedFieldingRun(run, CintResponses.header(response, "ETag"));
      }
    }));
  }

  /**
   * Reads the run and its ETag, then changes it with {@code If-Match}. 412 (the run changed since it was read): read
   * again and retry, at most {@link #RUN_CHANGE_ATTEMPTS} times. 422, or a run not in {@code from}: already done.
   */
  CintModel.RunChange change(TargetGroupRef tg, String from, String operation,
      BiFunction<String, String, Response> change) {
    for (int attempt = 1; ; attempt++) {
      CintModel.VersionedFieldingRun current = current(tg).orElseThrow(() -> new IllegalStateException(
          "Cint lists no fielding run for target group " + tg.targetGroupId()));
      if (!from.equals(current.run().status())) {
        return CintModel.RunChange.ALREADY;
      }
      try {
        repeat(() -> {
          try (Response response = change.apply(current.run().id(), current.etag())) {
            responses.failUnlessSuccessful(operation, response);
            return null;
          }
        });
        return CintModel.RunChange.CHANGED;
      } catch (CintApiException e) {
        if (e.status() == 422) {
          return CintModel.RunChange.ALREADY;
        }
        if (e.status() != 412 || attempt >= RUN_CHANGE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
