package io.recontact.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

/**
 * Checks every {@code /api} exchange of a RestTemplate against the served OpenAPI document (ApiContract). The answer
 * is read whole and handed on as bytes, so the test still sees it.
 */
public class ApiContractInterceptor implements ClientHttpRequestInterceptor {

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    URI uri = request.getURI().normalize(); // as the server reads /api/x/../y
    if (!ApiContract.covers(uri.getPath())) {
      return execution.execute(request, body);
    }
    boolean deliberatelyBad = request.getHeaders().containsKey(ApiContract.DELIBERATELY_BAD);
    HttpHeaders sent = new HttpHeaders();
    sent.putAll(request.getHeaders());
    sent.remove(ApiContract.DELIBERATELY_BAD);
    HttpRequest outgoing = new HttpRequestWrapper(request) {
      @Override
      public HttpHeaders getHeaders() {
        return sent;
      }
    };
    ClientHttpResponse response = execution.execute(outgoing, body);
    byte[] answer;
    try (InputStream in = response.getBody()) {
      answer = in.readAllBytes();
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(response.getHeaders());
    ApiContract.of(uri).check(new ApiContract.Exchange(request.getMethod().name(), uri,
        sent, body, response.getStatusCode().value(), headers, answer), !deliberatelyBad);
    return new Buffered(response, answer);
  }

  /** The answer with its body already read. */
  private record Buffered(ClientHttpResponse response, byte[] body) implements ClientHttpResponse {
    @Override
    public HttpStatusCode getStatusCode() throws IOException {
      return response.getStatusCode();
    }

    @Override
    public String getStatusText() throws IOException {
      return response.getStatusText();
    }

    @Override
    public void close() {
      response.close();
    }

    @Override
    public InputStream getBody() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public HttpHeaders getHeaders() {
      return response.getHeaders();
    }
  }
}
