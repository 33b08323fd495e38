package io.recontact.metrics;

import feign.Capability;
import feign.Client;
import feign.MethodMetadata;
import feign.Request;
import feign.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Times every HTTP call a marketplace client makes, as {@code recontact_marketplace_calls_seconds} tagged
 * {@code marketplace}, {@code operation} (the client interface's method, e.g. {@code createUploadJob}) and
 * {@code status} (the HTTP status, or {@code io_error} when no answer came). A Feign capability around the HTTP
 * client, so each attempt of a retried call is one sample and the token call is timed too.
 */
public class MarketplaceCallTimer implements Capability {

  static final String NAME = "recontact.marketplace.calls";
  static final String IO_ERROR = "io_error";

  private final MeterRegistry registry;
  private final String marketplace;

  public MarketplaceCallTimer(MeterRegistry registry, String marketplace) {
    this.registry = registry;
    this.marketplace = marketplace;
  }

  @Override
  public Client enrich(Client client) {
    return (request, options) -> {
      long start = System.nanoTime();
      String status = IO_ERROR;
      try {
        Response response = client.execute(request, options);
        status = Integer.toString(response.status());
        return response;
      } finally {
        timer(operation(request), status).record(Duration.ofNanos(System.nanoTime() - start));
      }
    };
  }

  /**
   * Every operation of these client interfaces exists from the start with no samples, tagged with the one status this
   * class knows before any answer ({@code io_error}), so the dashboard's call panels show 0, not "no data".
   */
  public MarketplaceCallTimer registerOperations(Class<?>... apis) {
    for (Class<?> api : apis) {
      for (java.lang.reflect.Method method : api.getMethods()) {
        if (!method.isDefault() && !java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
          timer(method.getName(), IO_ERROR);
        }
      }
    }
    return this;
  }

  private Timer timer(String operation, String status) {
    return Timer.builder(NAME).description("Calls to the marketplaces' APIs until their answer's status")
        .tag("marketplace", marketplace).tag("operation", operation).tag("status", status)
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5))
        .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
  }

  private static String operation(Request request) {
    MethodMetadata metadata = request.requestTemplate() == null ? null : request.requestTemplate().methodMetadata();
    return metadata == null || metadata.method() == null ? "unknown" : metadata.method().getName();
  }
}
