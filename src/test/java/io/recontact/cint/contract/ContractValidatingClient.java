package io.recontact.cint.contract;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import feign.Client;
import feign.Request;
import feign.Response;
import feign.Util;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link feign.Client} that validates every exchange under {@link CintContract#BASE_PATH} against the Cint
 * contract and records violations, then hands the (buffered) response to Feign unchanged.
 *
 * <ul>
 *   <li>JSON request and response bodies, path/query/header parameters, security, status codes and declared
 *       response headers are validated by the Atlassian validator.</li>
 *   <li>{@code multipart/form-data} request bodies are not validated by that validator (it logs "not supported");
 *       it still checks operation, path, query parameters, headers and that the Content-Type is allowed. This
 *       client adds one check of its own: the multipart body must carry a {@value #MULTIPART_FILE_PART} part with a
 *       filename, the only property the contract's multipart schema declares.</li>
 *   <li>{@code application/octet-stream} response bodies (file download) are not schema-validated; status, content
 *       type and headers are.</li>
 *   <li>Requests outside the base path (e.g. the OAuth token endpoint {@code /sandbox/cint/oauth/token}, which is on
 *       another host in reality and not in the spec) are passed through unvalidated and counted in
 *       {@link ContractViolations#skipped()}.</li>
 * </ul>
 */
public final class ContractValidatingClient implements Client {

  static final String MULTIPART_FILE_PART = "file";
  private static final Logger LOG = LoggerFactory.getLogger(ContractValidatingClient.class);
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
  private static final Pattern PART_NAME = Pattern.compile("\\bname=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern PART_FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

  private final Client delegate;
  private final ContractViolations recorder;

  /** Plain HTTP ({@code new Client.Default(null, null)}), recording into {@link ContractViolations#shared()}. */
  public ContractValidatingClient() {
    this(new Client.Default(null, null));
  }

  public ContractValidatingClient(Client delegate) {
    this(delegate, ContractViolations.shared());
  }

  public ContractValidatingClient(Client delegate, ContractViolations recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
  }

  public ContractViolations recorder() {
    return recorder;
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    URI uri = URI.create(request.url());
    String path = uri.getRawPath();
    String method = request.httpMethod().name();
    if (!CintContract.covers(path)) {
      recorder.recordSkipped(method, uri.getScheme() + "://" + uri.getRawAuthority() + path,
          "outside " + CintContract.BASE_PATH + " (not part of the Cint Demand API contract)");
      LOG.info("Cint contract: NOT validated (outside {}): {} {}", CintContract.BASE_PATH, method, path);
      return delegate.execute(request, options);
    }

    SimpleRequest validatorRequest = toValidatorRequest(request, uri);
    checkMultipart(request, method, path);
    Response response;
    try {
      response = delegate.execute(request, options);
    } catch (IOException e) {
      CintContract.validateRequest(validatorRequest, recorder);
      throw e;
    }
    byte[] body = readAndClose(response);
    Response buffered = body == null ? response : response.toBuilder().body(body).build();
    CintContract.validate(validatorRequest, toValidatorResponse(buffered, body), recorder);
    return buffered;
  }

  static SimpleRequest toValidatorRequest(Request request, URI uri) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(request.httpMethod().name(), uri.getRawPath());
    for (Map.Entry<String, Collection<String>> h : request.headers().entrySet()) {
      b.withHeader(h.getKey(), new ArrayList<>(h.getValue()));
    }
    for (Map.Entry<String, List<String>> q : parseQuery(uri.getRawQuery()).entrySet()) {
      b.withQueryParam(q.getKey(), q.getValue());
    }
    byte[] body = request.body();
    if (body != null && body.length > 0) {
      b.withBody(body);
    }
    return b.build();
  }

  static SimpleResponse toValidatorResponse(Response response, byte[] body) {
    SimpleResponse.Builder b = SimpleResponse.Builder.status(response.status());
    for (Map.Entry<String, Collection<String>> h : response.headers().entrySet()) {
      b.withHeader(h.getKey(), new ArrayList<>(h.getValue()));
    }
    if (body != null && body.length > 0) {
      b.withBody(body);
    }
    return b.build();
  }

  static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static byte[] readAndClose(Response response) throws IOException {
    if (response.body() == null) {
      return null;
    }
    try (InputStream in = response.body().asInputStream()) {
      return Util.toByteArray(in);
    }
  }

  /** The harness's own check for what the validator cannot validate in a multipart body. */
  private void checkMultipart(Request request, String method, String path) {
    String contentType = header(request.headers(), "Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return;
    }
    String problem = multipartProblem(contentType, request.body());
    if (problem != null) {
      recorder.recordHarnessViolation(method, path, -1, "harness.request.body.multipart", problem);
    }
  }

  /** Returns a description of what is wrong with the multipart body, or null when it is acceptable. */
  static String multipartProblem(String contentType, byte[] body) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      return "multipart/form-data request without a boundary parameter";
    }
    if (body == null || body.length == 0) {
      return "multipart/form-data request without a body";
    }
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + m.group(1);
    for (String part : text.split(Pattern.quote(delimiter))) {
      int headerEnd = part.indexOf("\r\n\r\n");
      if (headerEnd < 0) {
        continue;
      }
      String headers = part.substring(0, headerEnd);
      for (String line : headers.split("\r\n")) {
        if (!line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
          continue;
        }
        Matcher name = PART_NAME.matcher(line);
        if (name.find() && MULTIPART_FILE_PART.equals(name.group(1))) {
          Matcher filename = PART_FILENAME.matcher(line);
          return filename.find() && !filename.group(1).isEmpty()
              ? null
              : "multipart part '" + MULTIPART_FILE_PART + "' is not a file part (no filename)";
        }
      }
    }
    return "multipart/form-data body has no part named '" + MULTIPART_FILE_PART + "'";
  }

  private static String header(Map<String, Collection<String>> headers, String name) {
    for (Map.Entry<String, Collection<String>> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
        return h.getValue().iterator().next();
      }
    }
    return null;
  }
}
