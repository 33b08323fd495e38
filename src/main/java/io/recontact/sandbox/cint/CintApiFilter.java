package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the real API checks before it looks at a request: trace context, bearer token, API version header, and (for
 * uploads) whether the body is a parseable multipart request. Runs only for {@code /sandbox/cint/v1/**}.
 */
@Component
class CintApiFilter extends OncePerRequestFilter {

  static final String API_PREFIX = "/sandbox/cint/v1/";
  static final String TRACE_ID = CintApiFilter.class.getName() + ".traceId";
  static final String SUBJECT = CintApiFilter.class.getName() + ".subject";
  static final String API_VERSION = "2025-12-18";

  private final CintTokens tokens;
  private final ObjectMapper mapper;

  CintApiFilter(CintTokens tokens, ObjectMapper mapper) {
    this.tokens = tokens;
    this.mapper = mapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + API_PREFIX);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String traceId = traceId(request.getHeader("traceparent"));
    request.setAttribute(TRACE_ID, traceId);
    response.setHeader("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01");
    try {
      request.setAttribute(SUBJECT, authenticate(request.getHeader("Authorization")));
      checkVersion(request.getHeader("Cint-API-Version"));
      if ("POST".equals(request.getMethod()) && isUpload(request.getRequestURI())) {
        checkMultipart(request);
      }
    } catch (SimulatedError e) {
      CintSimulatorErrors.write(response, mapper, e);
      return;
    }
    chain.doFilter(request, response);
  }

  private String authenticate(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized();
    }
    CintTokens.Verified verified = tokens.verify(header.substring(7).trim());
    return switch (verified.check()) {
      case VALID -> verified.subject();
      // Expired tokens: 403 like the 2025-05-27 authentication guide says; everything else 401 (spec).
      case EXPIRED -> throw new SimulatedError(403, "authorization_error",
          "you don't have the right permissions to perform this operation");
      case INVALID -> throw unauthorized();
    };
  }

  private static SimulatedError unauthorized() {
    return new SimulatedError(401, "authorization_error", "no valid authorization provided for this operation");
  }

  private static void checkVersion(String version) {
    if (version == null || version.isBlank()) {
      throw new SimulatedError(403, "required_header_missing",
          "The Cint-API-Version header is missing and required.");
    }
    if (!API_VERSION.equals(version.trim())) {
      throw SimulatedError.badRequest("Unsupported Cint-API-Version '" + version + "'.",
          List.of(new SimulatedError.InvalidParam("Cint-API-Version", "must be " + API_VERSION)));
    }
  }

  private static boolean isUpload(String uri) {
    return uri.endsWith("/recontacts/jobs/upload-respondents-by-file") || uri.endsWith("/recontacts/jobs/upload-rsids-by-file");
  }

  /** 415 for anything that is not a well-formed multipart/form-data body; parsing here also surfaces size errors. */
  private static void checkMultipart(HttpServletRequest request) {
    String contentType = request.getContentType();
    if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")
        || !contentType.toLowerCase().contains("boundary=")) {
      throw SimulatedError.unsupportedMediaType(String.valueOf(contentType));
    }
    try {
      request.getParts();
    } catch (IllegalStateException e) {
      throw SimulatedError.tooLarge(); // beyond the servlet container's own limit (50 MB)
    } catch (Exception e) {
      throw new SimulatedError(415, "unsupported_media_type_error", "The request is not a valid multipart upload.");
    }
  }

  /** Continue the caller's W3C trace if it sent a valid traceparent; otherwise start a new trace. */
  private static String traceId(String traceparent) {
    if (traceparent != null && traceparent.matches("^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")) {
      String id = traceparent.substring(3, 35);
      if (!id.equals("0".repeat(32))) {
        return id;
      }
    }
    return randomHex(16);
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
