package io.recontact.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.recontact.sandbox.seed.TolunaSandboxData;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The panel company's load of {@link PanelScaleBenchmark}: a member directory streamed as one CSV body, and a Toluna
 * inventory of {@code quotas} recontact quotas over {@code surveys} surveys whose member lists overlap. Quota q takes
 * {@code quotaSize} codes from position q × quotaSize / 2 (wrapping), so neighbouring quotas share half their
 * members; neighbours are always in different surveys (survey = q mod surveys), so within a survey no member is
 * listed twice and no review task is needed.
 */
final class ScaleLoad {

  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final long FIRST_SURVEY = 3_950_001;
  static final long FIRST_QUOTA = 4_950_001;

  final int members;
  final int quotas;
  final int quotaSize;
  final int surveys;

  ScaleLoad(int members, int quotas, int quotaSize, int surveys) {
    if (quotaSize > members || surveys > quotas) {
      throw new IllegalArgumentException("need quotaSize <= members and surveys <= quotas");
    }
    this.members = members;
    this.quotas = quotas;
    this.quotaSize = quotaSize;
    this.surveys = surveys;
  }

  static String code(int n) {
    return String.format("PS-%07d", n);
  }

  /** The n-th code (0-based) of quota q. */
  int member(int q, int n) {
    return (int) (((long) q * (quotaSize / 2) + n) % members) + 1;
  }

  long invitesExpected() {
    return (long) quotas * quotaSize;
  }

  /**
   * POSTs the directory as one CSV body generated while it is sent (the test JVM holds one line at a time), and
   * answers the import's JSON; {@code rows} counts what was handed to the connection.
   */
  String importMembers(String baseUrl, AtomicLong rows) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/panel/members"))
        .timeout(Duration.ofHours(2)).header("Content-Type", "text/csv")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new MemberCsv(members, rows))).build();
    HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("import: HTTP " + answer.statusCode() + " " + answer.body());
    }
    return answer.body();
  }

  /** Every quota in the simulator's inventory and its recontact list. */
  void prepareSimulator(SimulatorAdmin simulator) {
    simulator.resetAll();
    StringBuilder inventory = new StringBuilder("{\"CountryID\": 2000223, \"Surveys\": [");
    for (int s = 0; s < surveys; s++) {
      long survey = FIRST_SURVEY + s;
      StringBuilder quotaJson = new StringBuilder();
      int inSurvey = 0;
      for (int q = s; q < quotas; q += surveys) {
        long quota = FIRST_QUOTA + q;
        quotaJson.append(inSurvey++ > 0 ? "," : "").append("""
            {"QuotaID": %d, "CompletesRequired": %d, "EstimatedCompletesRemaining": %d, "Layers": [{"LayerID": %d,
             "SubQuotas": [{"SubQuotaID": %d, "CurrentCompletes": 0, "MaxTargetCompletes": %d,
             "QuestionsAndAnswers": [{"QuestionID": 1001538, "AnswerIDs": [], "AnswerValues": ["18-99"],
             "IsRoutable": false}]}]}]}""".formatted(quota, quotaSize, quotaSize, quota * 10, quota * 100, quotaSize));
      }
      inventory.append(s > 0 ? "," : "").append("""
          {"SurveyID": %d, "SurveyName": "RC-SCALE-%d", "WaveID": %d, "LOI": 10, "IR": 60,
           "Price": {"Amount": 2.0, "CurrencyID": 1}, "IsSurveyRecontact": true, "CompletesRequired": %d,
           "EstimatedCompletesRemaining": %d, "Quotas": [%s]}""".formatted(survey, s, survey + 40_000,
          quotaSize * inSurvey, quotaSize * inSurvey, quotaJson));
    }
    simulator.tolunaInventory(PANEL, inventory.append("]}").toString());
    for (int q = 0; q < quotas; q++) {
      StringBuilder codes = new StringBuilder(quotaSize * 14).append('[');
      for (int n = 0; n < quotaSize; n++) {
        codes.append(n > 0 ? "," : "").append('"').append(code(member(q, n))).append('"');
      }
      simulator.tolunaRecontactList(PANEL, FIRST_QUOTA + q, codes.append(']').toString());
    }
  }

  /** A CSV body of n active members (birth dates 1960-1987, gender alternating), made line by line as it is read. */
  static final class MemberCsv extends InputStream {
    private final int total;
    private final AtomicLong rows;
    private byte[] line = "memberCode,status,birthDate,answers\n".getBytes(UTF_8);
    private int at;
    private int next = 1;

    MemberCsv(int total, AtomicLong rows) {
      this.total = total;
      this.rows = rows;
    }

    @Override
    public int read() {
      if (at == line.length && !advance()) {
        return -1;
      }
      return line[at++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      int copied = 0;
      while (copied < length) {
        if (at == line.length && !advance()) {
          return copied == 0 ? -1 : copied;
        }
        int n = Math.min(length - copied, line.length - at);
        System.arraycopy(line, at, buffer, offset + copied, n);
        at += n;
        copied += n;
      }
      return copied;
    }

    private boolean advance() {
      if (next > total) {
        return false;
      }
      int n = next++;
      long gender = n % 2 == 0 ? TolunaSandboxData.FEMALE : TolunaSandboxData.MALE;
      String birth = (1960 + n % 28) + "-0" + (1 + n % 9) + "-1" + (n % 9);
      line = (code(n) + ",ACTIVE," + birth + ",1001007=" + gender + "\n").getBytes(UTF_8);
      at = 0;
      rows.incrementAndGet();
      return true;
    }
  }

  /** The heap of engine nodes, sampled from their Prometheus scrape: the largest sum of heap pools seen per node. */
  static final class HeapSampler implements AutoCloseable {
    private final Map<String, AtomicLong> peaks = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler(List<AppProcess> nodes) {
      nodes.forEach(n -> peaks.put(n.name, new AtomicLong()));
      thread = new Thread(() -> {
        while (running) {
          for (AppProcess node : nodes) {
            long used = heapUsed(node);
            peaks.get(node.name).accumulateAndGet(used, Math::max);
          }
          AppProcess.sleep(250);
        }
      }, "heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    static long heapUsed(AppProcess node) {
      Rest.Answer scrape = new Rest(node.url(), "demo", "demo").send("GET", "/actuator/prometheus", null, null);
      if (!scrape.ok()) {
        return 0;
      }
      long sum = 0;
      for (String line : scrape.text().split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return sum;
    }

    Map<String, AtomicLong> peaks() {
      return peaks;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(2_000);
    }
  }
}
