package io.recontact.sandbox.seed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The default Toluna sandbox data, generated deterministically (fixed seed): two panels, their GetQuotas inventory,
 * the recontact member codes per quota, and a suggested profile per member code. The Toluna simulator serves it after
 * start and reset; the sandbox seeds its own panel members from it.
 *
 * <p>Panel A ({@link #PANEL_A}) holds:
 * <ul>
 *   <li>survey 3100001 (recontact) with quota {@link #QUOTA_FEMALE_18_34} (gender Female, age "18-34") and quota
 *       {@link #QUOTA_MALE_35_54} (gender Male, age "35-54");</li>
 *   <li>survey 3100002 (recontact) with quota {@link #QUOTA_POSTAL_18_99} (age "18-99", postal prefixes
 *       {@link #POSTAL_PREFIXES} on QuestionID 1001042);</li>
 *   <li>survey 3100003 (not recontact) with quota {@link #QUOTA_ADHOC} (age "18-99");</li>
 *   <li>survey 3100004 (recontact) with quota {@link #QUOTA_UNTARGETED}, for which the panel has no members: it is
 *       never visible in GetQuotas.</li>
 * </ul>
 * Panel B ({@link #PANEL_B}) holds surveys 3100001 and 3100003 but has no recontact members, so only 3100003 shows.
 *
 * <p>Member codes are {@code TS-nnnnnn} (zero-padded, so string order equals number order). Within each quota list,
 * code number n matches the quota's targeting unless {@code n % 20 == 0} (mismatch on gender, or on postal code for
 * the postal quota) or {@code n % 20 == 1} (age outside the range). {@link #UNKNOWN_CODES} are on no list at all.
 */
public final class TolunaSandboxData {

  public static final String PANEL_A = "5B1E3C2A-7D4F-4E8B-9A61-2C3D4E5F6A01";
  public static final String PANEL_B = "5B1E3C2A-7D4F-4E8B-9A61-2C3D4E5F6A02";
  public static final int COUNTRY_ID = 2000223;
  public static final long SEED = 20_260_101L;

  public static final int QUESTION_GENDER = 1001007;
  public static final int QUESTION_AGE = 1001538;
  public static final int QUESTION_POSTAL = 1001042;
  public static final int FEMALE = 2000246;
  public static final int MALE = 2000247;

  public static final int QUOTA_FEMALE_18_34 = 4100001;
  public static final int QUOTA_MALE_35_54 = 4100002;
  public static final int QUOTA_POSTAL_18_99 = 4100003;
  public static final int QUOTA_ADHOC = 4100004;
  public static final int QUOTA_UNTARGETED = 4100005;
  public static final List<Integer> RECONTACT_QUOTAS = List.of(QUOTA_FEMALE_18_34, QUOTA_MALE_35_54, QUOTA_POSTAL_18_99);
  public static final List<String> POSTAL_PREFIXES = List.of("100", "112", "606", "941");

  public static final List<String> UNKNOWN_CODES = List.of("TS-900001", "TS-900002", "TS-900003", "TS-900004",
      "TS-900005");

  /** What a member's suggested profile does against the quota(s) it is listed on. */
  public enum Fit { MATCHING, WRONG_GENDER, WRONG_AGE, WRONG_POSTAL, NOT_ON_ANY_LIST }

  /** A suggested profile: gender AnswerID (QuestionID 1001007), birth date and postal code (QuestionID 1001042). */
  public record MemberProfile(String memberCode, int genderAnswerId, LocalDate birthDate, String postalCode, Fit fit,
      Integer quotaId) {}

  private record Range(int first, int last, int quotaId) {}

  private static final List<Range> RANGES = List.of(
      new Range(1, 3000, QUOTA_FEMALE_18_34),
      new Range(3001, 5000, QUOTA_MALE_35_54),
      new Range(5001, 8000, QUOTA_POSTAL_18_99));

  private TolunaSandboxData() {}

  public static String code(int n) {
    return String.format("TS-%06d", n);
  }

  public static List<String> panelGuids() {
    return List.of(PANEL_A, PANEL_B);
  }

  /** Recontact member codes per quota for a panel, ascending; empty for panels without targeted members. */
  public static Map<Integer, List<String>> memberCodes(String panelGuid) {
    Map<Integer, List<String>> out = new LinkedHashMap<>();
    if (PANEL_A.equalsIgnoreCase(panelGuid)) {
      for (Range r : RANGES) {
        List<String> codes = new ArrayList<>(r.last - r.first + 1);
        for (int n = r.first; n <= r.last; n++) {
          codes.add(code(n));
        }
        out.put(r.quotaId, Collections.unmodifiableList(codes));
      }
    }
    return out;
  }

  /** Every listed member code plus {@link #UNKNOWN_CODES}, with a profile evaluated against {@code today}. */
  public static List<MemberProfile> profiles(LocalDate today) {
    List<MemberProfile> out = new ArrayList<>();
    for (Range r : RANGES) {
      for (int n = r.first; n <= r.last; n++) {
        out.add(profile(n, r.quotaId, today));
      }
    }
    for (String unknown : UNKNOWN_CODES) {
      int n = Integer.parseInt(unknown.substring(3));
      MemberProfile p = profile(n, QUOTA_FEMALE_18_34, today);
      out.add(new MemberProfile(unknown, p.genderAnswerId(), p.birthDate(), p.postalCode(), Fit.NOT_ON_ANY_LIST, null));
    }
    return out;
  }

  public static List<MemberProfile> profiles() {
    return profiles(LocalDate.now(ZoneOffset.UTC));
  }

  /** Expected fit of a listed code number (see the class comment). */
  public static Fit fit(int n, int quotaId) {
    return switch (n % 20) {
      case 0 -> quotaId == QUOTA_POSTAL_18_99 ? Fit.WRONG_POSTAL : Fit.WRONG_GENDER;
      case 1 -> Fit.WRONG_AGE;
      default -> Fit.MATCHING;
    };
  }

  private static MemberProfile profile(int n, int quotaId, LocalDate today) {
    Random random = new Random(SEED * 31 + n);
    Fit fit = fit(n, quotaId);
    int gender;
    int age;
    String postal = POSTAL_PREFIXES.get(random.nextInt(POSTAL_PREFIXES.size()))
        + String.format("%02d", random.nextInt(100));
    switch (quotaId) {
      case QUOTA_FEMALE_18_34 -> {
        gender = fit == Fit.WRONG_GENDER ? MALE : FEMALE;
        age = fit == Fit.WRONG_AGE ? 40 + random.nextInt(20) : 20 + random.nextInt(13); // 20..32
      }
      case QUOTA_MALE_35_54 -> {
        gender = fit == Fit.WRONG_GENDER ? FEMALE : MALE;
        age = fit == Fit.WRONG_AGE ? 20 + random.nextInt(10) : 37 + random.nextInt(15); // 37..51
      }
      default -> {
        gender = random.nextBoolean() ? FEMALE : MALE;
        age = fit == Fit.WRONG_AGE ? 16 : 20 + random.nextInt(60);
        if (fit == Fit.WRONG_POSTAL) {
          postal = "30" + String.format("%03d", random.nextInt(1000)); // no prefix of POSTAL_PREFIXES starts with 3
        }
      }
    }
    // Birthday 10..300 days past the last one: the age holds for most of the coming year.
    LocalDate birth = today.minusYears(age).minusDays(10 + random.nextInt(291));
    return new MemberProfile(code(n), gender, birth, postal, fit, quotaId);
  }

  // ------------------------------------------------------------------ GetQuotas inventory

  /** The GetQuotas-shaped inventory of a panel (all quotas live, before recontact visibility is applied). */
  public static ObjectNode inventory(String panelGuid) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ArrayNode surveys = root.putArray("Surveys");
    boolean a = PANEL_A.equalsIgnoreCase(panelGuid);
    surveys.add(survey(3100001, "RC-3100001-US", true, 12, 70, 2.5,
        quota(QUOTA_FEMALE_18_34, 300, gender(FEMALE), age("18-34")),
        quota(QUOTA_MALE_35_54, 200, gender(MALE), age("35-54"))));
    if (a) {
      surveys.add(survey(3100002, "RC-3100002-US", true, 8, 85, 1.75,
          quota(QUOTA_POSTAL_18_99, 400, age("18-99"), postal())));
    }
    surveys.add(survey(3100003, "3100003-US", false, 15, 40, 1.2, quota(QUOTA_ADHOC, 500, age("18-99"))));
    if (a) {
      surveys.add(survey(3100004, "RC-3100004-US", true, 10, 60, 2.0, quota(QUOTA_UNTARGETED, 100, age("18-65"))));
    }
    root.put("CountryID", COUNTRY_ID);
    root.put("CacheExpires", "2026-01-01T00:00:00Z");
    return root;
  }

  private static ObjectNode survey(int id, String name, boolean recontact, int loi, int ir, double price,
      ObjectNode... quotas) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("SurveyID", id).put("SurveyName", name).put("SurveyTopic", "Consumer topics").put("WaveID", id + 100_000)
        .put("LOI", loi).put("IR", ir).put("StudyTypeID", 2040).put("ScheduledCompletionDate", "2027-12-31T23:59:59");
    s.putObject("Price").put("Amount", price).put("CurrencyID", 1);
    s.putArray("DeviceTypeIDs").add(1).add(2).add(3);
    int total = 0;
    for (ObjectNode q : quotas) {
      total += q.get("CompletesRequired").asInt();
    }
    s.put("IsSurveyRecontact", recontact).put("CompletesRequired", total).put("EstimatedCompletesRemaining", total);
    ArrayNode qs = s.putArray("Quotas");
    for (ObjectNode q : quotas) {
      qs.add(q);
    }
    s.put("IsTqsSurvey", false);
    s.putArray("SurveyWaveExclusions");
    return s;
  }

  /** One quota; each QA entry becomes its own single-subquota layer. */
  private static ObjectNode quota(int id, int completes, ObjectNode... qas) {
    ObjectNode q = JsonNodeFactory.instance.objectNode();
    q.put("QuotaID", id).put("CompletesRequired", completes).put("EstimatedCompletesRemaining", completes);
    ArrayNode layers = q.putArray("Layers");
    int i = 0;
    for (ObjectNode qa : qas) {
      i++;
      ObjectNode layer = layers.addObject().put("LayerID", id * 10L + i);
      ObjectNode sub = layer.putArray("SubQuotas").addObject();
      sub.putArray("QuestionsAndAnswers").add(qa);
      sub.put("SubQuotaID", id * 100L + i).put("CurrentCompletes", 0).put("MaxTargetCompletes", completes);
    }
    return q;
  }

  private static ObjectNode qa(int question, List<Integer> ids, List<String> values) {
    ObjectNode qa = JsonNodeFactory.instance.objectNode().put("QuestionID", question);
    ArrayNode a = qa.putArray("AnswerIDs");
    ids.forEach(a::add);
    ArrayNode v = qa.putArray("AnswerValues");
    values.forEach(v::add);
    qa.put("IsRoutable", false);
    return qa;
  }

  private static ObjectNode gender(int answerId) {
    return qa(QUESTION_GENDER, List.of(answerId), List.of());
  }

  private static ObjectNode age(String range) {
    return qa(QUESTION_AGE, List.of(), List.of(range));
  }

  private static ObjectNode postal() {
    return qa(QUESTION_POSTAL, List.of(), POSTAL_PREFIXES);
  }
}
