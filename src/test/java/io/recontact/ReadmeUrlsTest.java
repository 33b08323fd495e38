package io.recontact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Every URL of the README's table answers the sandbox's {@code demo} user (no 404 such as {@code /api/} gave). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReadmeUrlsTest {

  static final Pattern URL_ROW = Pattern.compile("^\\| (http://localhost:8080/\\S*) \\|", Pattern.MULTILINE);

  @LocalServerPort
  int port;

  @Test
  void everyUrlOfTheTableAnswers() throws IOException, InterruptedException {
    List<String> urls = new ArrayList<>();
    Matcher m = URL_ROW.matcher(Files.readString(Path.of("README.md")));
    while (m.find()) {
      urls.add(m.group(1));
    }
    assertThat(urls).as("URLs in the README's table").hasSizeGreaterThanOrEqualTo(8);
    HttpClient client = HttpClient.newHttpClient();
    String basic = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));
    List<String> failing = new ArrayList<>();
    for (String url : urls) {
      URI here = URI.create(url.replace("localhost:8080", "127.0.0.1:" + port));
      HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(here).header("Authorization", basic).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      if (answer.statusCode() >= 400) {
        failing.add(url + " → " + answer.statusCode());
      }
    }
    assertThat(failing).as("URLs of the README's table answering 4xx/5xx with demo:demo").isEmpty();
  }
}
