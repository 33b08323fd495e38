package io.recontact.marketplace;

import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a marketplace's error answer for its error decoder: a bounded read, and a short detail for plain text. */
public final class ErrorBodies {

  /** Longest detail kept from a body that is not the marketplace's JSON error (an HTML page, a proxy's text). */
  private static final int MAX_DETAIL = 500;

  private ErrorBodies() {
  }

  /** The body as stripped text, at most {@code maxBytes} of it; empty when there is none or it cannot be read. */
  public static String read(Response response, int maxBytes) {
    if (response.body() == null) {
      return "";
    }
    try (InputStream in = response.body().asInputStream()) {
      return new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      // keep the status alone
      return "";
    }
  }

  /** A body that is not JSON, cut to what fits in an exception message and a process variable. */
  public static String abbreviate(String body) {
    String text = body.strip();
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
  }
}
