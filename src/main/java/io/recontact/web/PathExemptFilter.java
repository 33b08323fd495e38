package io.recontact.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Runs a filter on every request except those under the given path prefixes. The path is the container's decoded and
 * normalised servlet path plus path info, never the raw request URI, so {@code /api/toluna/notifications/../panel}
 * is judged as {@code /api/panel} and keeps its authentication.
 */
public class PathExemptFilter implements Filter {

  private final Filter delegate;
  private final java.util.List<String> exemptPrefixes;

  public PathExemptFilter(Filter delegate, String... exemptPrefixes) {
    this.delegate = delegate;
    this.exemptPrefixes = java.util.List.of(exemptPrefixes);
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    delegate.init(config);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http && exempt(http)) {
      chain.doFilter(request, response);
    } else {
      delegate.doFilter(request, response, chain);
    }
  }

  boolean exempt(HttpServletRequest request) {
    return exemptPrefixes.stream().anyMatch(prefix -> under(request, prefix));
  }

  /** Whether the request's normalised path starts with the prefix. */
  public static boolean under(HttpServletRequest request, String prefix) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return path.startsWith(prefix);
  }

  @Override
  public void destroy() {
    delegate.destroy();
  }
}
