package io.recontact.marketplace;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.RequestTemplate;
import feign.Retryer;
import feign.Target;
import feign.codec.ErrorDecoder;
import feign.form.FormEncoder;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import feign.slf4j.Slf4jLogger;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;

/**
 * The one way this project builds a marketplace client: Jackson, multipart, explicit timeouts, no Feign retries
 * (Camunda's job retries own retrying, so a non-idempotent call is never repeated behind the process's back) and
 * BASIC logging, which never prints headers and so never a token or key.
 */
public final class MarketplaceFeign {

  private MarketplaceFeign() {
  }

  public static Feign.Builder builder(ObjectMapper mapper, Duration connectTimeout, Duration readTimeout,
      ErrorDecoder errorDecoder, Class<?> loggerName) {
    return Feign.builder()
        .encoder(new FormEncoder(new JacksonEncoder(mapper)))
        .decoder(new JacksonDecoder(mapper))
        .errorDecoder(errorDecoder)
        .retryer(Retryer.NEVER_RETRY)
        .options(new Request.Options(connectTimeout.toMillis(), TimeUnit.MILLISECONDS,
            readTimeout.toMillis(), TimeUnit.MILLISECONDS, true))
        .logger(new Slf4jLogger(loggerName))
        .logLevel(Logger.Level.BASIC);
  }

  /** A target whose base URL is looked up per request, e.g. the port of the server that hosts the simulator. */
  public static <T> Target<T> target(Class<T> type, Supplier<String> baseUrl) {
    return new Target.HardCodedTarget<>(type, type.getSimpleName(), "http://resolved-per-request") {
      @Override
      public String url() {
        return baseUrl.get();
      }

      @Override
      public Request apply(RequestTemplate input) {
        if (input.url().indexOf("http") != 0) {
          input.target(url());
        }
        return input.request();
      }
    };
  }

  /**
   * The configured base URL without trailing slashes or, when blank, the simulator mounted under
   * {@code sandboxPath} in this very server.
   */
  public static Supplier<String> baseUrl(String configured, Environment environment, String sandboxPath) {
    if (configured != null && !configured.isBlank()) {
      String fixed = configured.replaceAll("/+$", "");
      return () -> fixed;
    }
    // The port is only known once the web server runs (random in tests), so resolve it per request.
    return () -> "http://localhost:" + environment.getProperty("local.server.port",
        environment.getProperty("server.port", "8080")) + sandboxPath;
  }
}
