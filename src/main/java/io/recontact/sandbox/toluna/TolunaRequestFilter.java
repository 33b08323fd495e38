package io.recontact.sandbox.toluna;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes requests under {@code /sandbox/toluna} look to the simulator's controllers as Toluna's ASP.NET routing sees
 * them: route segments and query parameter names match case-insensitively (Toluna's own Postman collection sends
 * {@code partnerGuid} where the docs say {@code partnerGUID}). Known segments and parameter names are rewritten to
 * the spelling the controllers map; member codes, GUIDs and IDs are left alone. Every JSON answer also gets
 * {@code charset=utf-8}, as Toluna's {@code Content-Type: application/json; charset=utf-8}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TolunaRequestFilter extends OncePerRequestFilter {

  static final String PREFIX = "/sandbox/toluna/";
  private static final String ES = "IPExternalSamplingService/ExternalSample/*/";
  /** Route templates after the prefix; {@code *} is a value segment. The first template that fits wins. */
  private static final List<String[]> ROUTES = Stream.of(ES + "Quotas", ES + "QuotaStatus/*",
      ES + "Recontact/*/MemberCodes", ES + "Recontact/MemberCodes", ES + "*/Invite/*",
      "IntegratedPanelService/api/Respondent").map(route -> route.split("/")).toList();
  private static final Map<String, String> PARAMETERS = Stream.of("includeRoutables", "maxResults",
      "lastMemberCodeReceived", "memberCode", "partnerGUID").collect(LinkedHashMap::new,
          (map, name) -> map.put(name.toLowerCase(Locale.ROOT), name), Map::putAll);

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().regionMatches(true, request.getContextPath().length(), PREFIX, 0,
        PREFIX.length());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new CanonicalRequest(request), new Utf8Json(response));
  }

  /** {@code rest} is the path after {@code /sandbox/toluna/}; a trailing slash is kept. */
  static String canonicalPath(String rest) {
    boolean slash = rest.endsWith("/");
    String[] segments = (slash ? rest.substring(0, rest.length() - 1) : rest).split("/", -1);
    for (String[] route : ROUTES) {
      if (fits(route, segments)) {
        for (int i = 0; i < route.length; i++) {
          if (!"*".equals(route[i])) {
            segments[i] = route[i];
          }
        }
        return String.join("/", segments) + (slash ? "/" : "");
      }
    }
    return rest;
  }

  private static boolean fits(String[] route, String[] segments) {
    if (route.length != segments.length) {
      return false;
    }
    for (int i = 0; i < route.length; i++) {
      if (!"*".equals(route[i]) && !route[i].equalsIgnoreCase(segments[i])) {
        return false;
      }
    }
    return true;
  }

  static String canonicalParameter(String name) {
    return PARAMETERS.getOrDefault(name.toLowerCase(Locale.ROOT), name);
  }

  /** Any JSON type becomes Toluna's exact one (content negotiation would otherwise echo {@code version=2.0}). */
  static String withCharset(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")
        ? "application/json; charset=utf-8" : contentType;
  }

  private static final class CanonicalRequest extends HttpServletRequestWrapper {

    private final String uri;
    private final String servletPath;
    private final Map<String, String[]> parameters;

    CanonicalRequest(HttpServletRequest request) {
      super(request);
      int start = request.getContextPath().length() + PREFIX.length();
      this.uri = request.getContextPath() + PREFIX + canonicalPath(request.getRequestURI().substring(start));
      String path = request.getServletPath();
      this.servletPath = path.length() >= PREFIX.length() && path.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
          ? PREFIX + canonicalPath(path.substring(PREFIX.length())) : path;
      Map<String, String[]> merged = new LinkedHashMap<>();
      request.getParameterMap().forEach((name, values) -> merged.merge(canonicalParameter(name), values,
          (a, b) -> Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new)));
      this.parameters = Collections.unmodifiableMap(merged);
    }

    @Override
    public String getRequestURI() {
      return uri;
    }

    @Override
    public StringBuffer getRequestURL() {
      StringBuffer url = super.getRequestURL();
      int path = url.indexOf(super.getRequestURI());
      return path < 0 ? url : new StringBuffer(url.substring(0, path)).append(uri);
    }

    @Override
    public String getServletPath() {
      return servletPath;
    }

    @Override
    public String getParameter(String name) {
      String[] values = parameters.get(canonicalParameter(name));
      return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
      String[] values = parameters.get(canonicalParameter(name));
      return values == null ? null : values.clone();
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters.keySet());
    }
  }

  private static final class Utf8Json extends HttpServletResponseWrapper {

    Utf8Json(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setContentType(String type) {
      super.setContentType(withCharset(type));
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, "Content-Type".equalsIgnoreCase(name) ? withCharset(value) : value);
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, "Content-Type".equalsIgnoreCase(name) ? withCharset(value) : value);
    }
  }
}
