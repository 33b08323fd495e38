package io.recontact.toluna.sampling;

import io.recontact.toluna.model.GetQuotasResponse;
import io.recontact.toluna.model.Layer;
import io.recontact.toluna.model.QuestionAndAnswers;
import io.recontact.toluna.model.Quota;
import io.recontact.toluna.model.SubQuota;
import io.recontact.toluna.model.Survey;
import io.recontact.toluna.model.TolunaJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.recontact.toluna.sampling.TolunaAttributes.AGE;
import static io.recontact.toluna.sampling.TolunaAttributes.DMA;
import static io.recontact.toluna.sampling.TolunaAttributes.FEMALE;
import static io.recontact.toluna.sampling.TolunaAttributes.GENDER;
import static io.recontact.toluna.sampling.TolunaAttributes.MALE;
import static io.recontact.toluna.sampling.TolunaAttributes.POSTAL_CODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SamplingEngineTest {

  private static final SamplingEngine ENGINE = new SamplingEngine();
  private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
  private static final long EDUCATION = 1001101L;

  // ---- builders ------------------------------------------------------------------------------------

  private static QuestionAndAnswers ids(long questionId, Long... answerIds) {
    return new QuestionAndAnswers(questionId, List.of(answerIds), List.of(), false);
  }

  private static QuestionAndAnswers values(long questionId, String... values) {
    return new QuestionAndAnswers(questionId, List.of(), List.of(values), false);
  }

  private static QuestionAndAnswers routable(long questionId, Long... answerIds) {
    return new QuestionAndAnswers(questionId, List.of(answerIds), List.of(), true);
  }

  private static SubQuota sq(long id, int current, int max, QuestionAndAnswers... qas) {
    return new SubQuota(List.of(qas), id, current, max);
  }

  private static SubQuota sq(long id, QuestionAndAnswers... qas) {
    return sq(id, 0, 100, qas);
  }

  private static Layer layer(long id, SubQuota... subQuotas) {
    return new Layer(id, List.of(subQuotas));
  }

  private static Quota quota(Layer... layers) {
    return new Quota(1L, 100, 100, List.of(layers));
  }

  /** A member aged {@code age} on TODAY (birthday a year minus one day ago, so not on a boundary). */
  private static LocalDate aged(int age) {
    return TODAY.minusYears(age).minusDays(1);
  }

  private static Member member(Integer age, Long gender, String postal, Map<Long, Set<Long>> answers) {
    return new Member("M1", age == null ? null : aged(age), gender, postal, answers);
  }

  private static Member member(Integer age, Long gender) {
    return member(age, gender, "10001", Map.of());
  }

  private static final Quota AGE_AND_GENDER = quota(
      layer(10, sq(100, values(AGE, "18-99"))),
      layer(20, sq(200, ids(GENDER, FEMALE)), sq(201, 50, 50, ids(GENDER, MALE))));

  // ---- table: each rule ----------------------------------------------------------------------------

  static Stream<Arguments> rules() {
    return Stream.of(
        // every Layer must match
        arguments("all layers match", AGE_AND_GENDER, member(30, FEMALE), true, "matched"),
        arguments("second layer fails", AGE_AND_GENDER, member(30, MALE), false,
            "Layer 2 (Gender, LayerID 20): no open SubQuota matched: SubQuota 200: gender 2000247 not in 2000246; SubQuota 201 is full (50/50 completes)"),
        arguments("first layer fails", AGE_AND_GENDER, member(17, FEMALE), false,
            "Layer 1 (Age, LayerID 10): no open SubQuota matched: SubQuota 100: age 17 not in 18-99"),
        arguments("both layers fail, both reported", AGE_AND_GENDER, member(17, MALE), false,
            "Layer 1 (Age, LayerID 10): no open SubQuota matched: SubQuota 100: age 17 not in 18-99 | Layer 2 (Gender"),
        // at least one SubQuota of a Layer
        arguments("second subquota matches", quota(layer(1, sq(11, ids(GENDER, FEMALE)), sq(12, ids(GENDER, MALE)))),
            member(30, MALE), true, "matched"),
        // every question of a SubQuota (AND), any answer of a question (OR)
        arguments("subquota with two questions, both match",
            quota(layer(1, sq(11, ids(GENDER, FEMALE, MALE), values(AGE, "18-34")))), member(30, MALE), true, "matched"),
        arguments("subquota with two questions, second fails",
            quota(layer(1, sq(11, ids(GENDER, FEMALE, MALE), values(AGE, "18-34")))), member(40, MALE), false,
            "SubQuota 11: age 40 not in 18-34"),
        arguments("generic question, any answer id",
            quota(layer(1, sq(11, ids(EDUCATION, 2002268L, 2002269L)))),
            member(30, MALE, null, Map.of(EDUCATION, Set.of(2002269L))), true, "matched"),
        arguments("generic question, wrong answer",
            quota(layer(1, sq(11, ids(EDUCATION, 2002268L)))),
            member(30, MALE, null, Map.of(EDUCATION, Set.of(2002270L))), false,
            "Layer 1 (Education, LayerID 1): no open SubQuota matched: SubQuota 11: answer to question 1001101 2002270 not in 2002268"),
        arguments("DMA answer ids given as AnswerValues strings",
            quota(layer(1, sq(11, values(DMA, "2112286", "2112300")))),
            member(30, MALE, null, Map.of(DMA, Set.of(2112300L))), true, "matched"),
        // age ranges
        arguments("multi-range age list", quota(layer(1, sq(11, values(AGE, "45-54", "18-44")))), member(44, MALE), true, "matched"),
        arguments("age outside every range", quota(layer(2, sq(5, values(AGE, "18-34")), sq(6, values(AGE, "35-54")))),
            member(60, MALE), false, "SubQuota 5: age 60 not in 18-34; SubQuota 6: age 60 not in 35-54"),
        arguments("open-ended range 65+", quota(layer(1, sq(11, values(AGE, "65+")))), member(90, MALE), true, "matched"),
        arguments("unreadable age value never matches", quota(layer(1, sq(11, values(AGE, "adults")))), member(30, MALE), false,
            "age 30 not in adults (unreadable)"),
        // age bracket AnswerIDs of 1001538
        arguments("bracket 18-24", quota(layer(1, sq(11, ids(AGE, 2006352L)))), member(24, MALE), true, "matched"),
        arguments("bracket miss", quota(layer(1, sq(11, ids(AGE, 2006352L, 2006353L)))), member(30, MALE), false,
            "age 30 not in 2006352 (18-24), 2006353 (25-29)"),
        arguments("bracket 65+", quota(layer(1, sq(11, ids(AGE, 2006361L)))), member(88, MALE), true, "matched"),
        arguments("bracket 13-17", quota(layer(1, sq(11, ids(AGE, 2006351L)))), member(13, MALE), true, "matched"),
        arguments("under 13 is in no bracket", quota(layer(1, sq(11, ids(AGE, 2006351L)))), member(12, MALE), false,
            "age 12 not in 2006351 (13-17)"),
        arguments("bracket id written as AnswerValue", quota(layer(1, sq(11, values(AGE, "2006354")))), member(31, MALE), true, "matched"),
        // postal code prefixes
        arguments("postal prefix", quota(layer(1, sq(11, values(POSTAL_CODE, "07001", "1001")))),
            member(30, MALE, "10012", Map.of()), true, "matched"),
        arguments("postal exact", quota(layer(1, sq(11, values(POSTAL_CODE, "07001")))),
            member(30, MALE, "07001", Map.of()), true, "matched"),
        arguments("postal not a prefix", quota(layer(1, sq(11, values(POSTAL_CODE, "07001", "1001")))),
            member(30, MALE, "90210", Map.of()), false,
            "Layer 1 (Postal code, LayerID 1): no open SubQuota matched: SubQuota 11: postal code 90210 starts with none of 2 prefixes 07001, 1001"),
        arguments("postal contained but not prefix", quota(layer(1, sq(11, values(POSTAL_CODE, "1001")))),
            member(30, MALE, "21001", Map.of()), false, "postal code 21001 starts with none"),
        arguments("postal ignores case and spaces", quota(layer(1, sq(11, values(POSTAL_CODE, "sw1a")))),
            member(30, MALE, "SW1A 1AA", Map.of()), true, "matched"),
        // missing data
        arguments("no birth date", AGE_AND_GENDER, member(null, FEMALE), false,
            "SubQuota 100: no answer to question 1001538 (Age: no birth date)"),
        arguments("no gender", AGE_AND_GENDER, member(30, null), false,
            "SubQuota 200: no answer to question 1001007 (Gender)"),
        arguments("gender from the answers map when genderAnswerId is absent", AGE_AND_GENDER,
            member(30, null, null, Map.of(GENDER, Set.of(FEMALE))), true, "matched"),
        arguments("no postal code", quota(layer(1, sq(11, values(POSTAL_CODE, "1001")))), member(30, MALE, " ", Map.of()), false,
            "no answer to question 1001042 (Postal code: no postal code)"),
        arguments("no answer to a generic question", quota(layer(1, sq(11, ids(EDUCATION, 2002268L)))), member(30, MALE), false,
            "SubQuota 11: no answer to question 1001101 (Education)"),
        arguments("birth date in the future", quota(layer(1, sq(11, values(AGE, "0-99")))),
            new Member("M", TODAY.plusDays(1), MALE, null), false, "no answer to question 1001538"),
        // routable questions
        arguments("routable, unanswered: invited, prescreened", quota(layer(1, sq(11, ids(GENDER, MALE), routable(EDUCATION, 2002268L)))),
            member(30, MALE), true, "matched (Toluna prescreens routable questions [1001101])"),
        arguments("routable, answered wrongly: not matched", quota(layer(1, sq(11, routable(EDUCATION, 2002268L)))),
            member(30, MALE, null, Map.of(EDUCATION, Set.of(2002270L))), false, "SubQuota 11: answer to question 1001101 2002270 not in 2002268"),
        arguments("routable, answered rightly: no prescreen", quota(layer(1, sq(11, routable(EDUCATION, 2002268L)))),
            member(30, MALE, null, Map.of(EDUCATION, Set.of(2002268L))), true, "matched"),
        // full SubQuotas
        arguments("full subquota skipped although it would match", AGE_AND_GENDER, member(30, MALE), false, "SubQuota 201 is full"),
        arguments("over-full subquota skipped", quota(layer(1, sq(11, 7, 5, ids(GENDER, MALE)))), member(30, MALE), false,
            "SubQuota 11 is full (7/5 completes)"),
        arguments("one below max is open", quota(layer(1, sq(11, 4, 5, ids(GENDER, MALE)))), member(30, MALE), true, "matched"),
        // degenerate shapes
        arguments("question without answers matches nothing", quota(layer(1, sq(11, ids(GENDER)))), member(30, MALE), false,
            "SubQuota 11: question 1001007 (Gender) lists no answers"),
        arguments("layer without subquotas", quota(layer(3)), member(30, MALE), false, "Layer 1 (empty, LayerID 3): has no SubQuotas"),
        arguments("quota without layers", quota(), member(30, MALE), true, "matched"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void rule(String name, Quota quota, Member member, boolean matched, String reasonPart) {
    SamplingResult result = ENGINE.evaluate(member, quota, TODAY);
    assertThat(result.matched()).as(result.reason()).isEqualTo(matched);
    assertThat(result.reason()).contains(reasonPart);
  }

  @Test
  void reasonFormatAndMachineReadableParts() {
    Quota q = quota(
        layer(10, sq(100, ids(GENDER, FEMALE, MALE))),
        layer(20, sq(5, values(AGE, "18-34")), sq(6, values(AGE, "35-54")), sq(7, 10, 10, values(AGE, "13-17"))));
    SamplingResult r = ENGINE.evaluate(member(17, FEMALE), q, TODAY);
    assertThat(r.matched()).isFalse();
    assertThat(r.reason()).isEqualTo("Layer 2 (Age, LayerID 20): no open SubQuota matched: "
        + "SubQuota 5: age 17 not in 18-34; SubQuota 6: age 17 not in 35-54; SubQuota 7 is full (10/10 completes)");
    LayerFailure f = r.firstFailure().orElseThrow();
    assertThat(f.layerNumber()).isEqualTo(2);
    assertThat(f.layerId()).isEqualTo(20L);
    assertThat(f.layerName()).isEqualTo("Age");
    assertThat(f.questionIds()).containsExactly(AGE);
    assertThat(f.subQuotaFailures()).extracting(SubQuotaFailure::subQuotaId).containsExactly(5L, 6L, 7L);
    assertThat(f.subQuotaFailures()).extracting(SubQuotaFailure::kind)
        .containsExactly(FailureKind.ANSWER_MISMATCH, FailureKind.ANSWER_MISMATCH, FailureKind.SUBQUOTA_FULL);
    assertThat(r.prescreenQuestionIds()).isEmpty();
  }

  @Test
  void noAnswerIsMachineReadable() {
    SamplingResult r = ENGINE.evaluate(member(30, null), AGE_AND_GENDER, TODAY);
    SubQuotaFailure f = r.failedLayers().get(0).subQuotaFailures().get(0);
    assertThat(f.kind()).isEqualTo(FailureKind.NO_ANSWER);
    assertThat(f.questionId()).isEqualTo(GENDER);
    assertThat(r.failedLayers()).hasSize(1);
  }

  @Test
  void layerNameListsEveryQuestionOfTheLayer() {
    Quota q = quota(layer(4, sq(1, ids(GENDER, FEMALE), values(AGE, "18-34")), sq(2, ids(4242L, 1L))));
    assertThat(ENGINE.evaluate(member(50, MALE), q, TODAY).firstFailure().orElseThrow().layerName())
        .isEqualTo("Gender + Age + Q4242");
  }

  @Test
  void prefersASubQuotaThatNeedsNoPrescreen() {
    Quota q = quota(layer(1, sq(11, routable(EDUCATION, 2002268L)), sq(12, ids(GENDER, MALE))));
    SamplingResult r = ENGINE.evaluate(member(30, MALE), q, TODAY);
    assertThat(r.matched()).isTrue();
    assertThat(r.prescreenQuestionIds()).isEmpty();
  }

  @Test
  void nullsAreRejected() {
    assertThatThrownBy(() -> ENGINE.evaluate(null, AGE_AND_GENDER, TODAY)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ENGINE.evaluate(member(30, MALE), null, TODAY)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ENGINE.evaluate(member(30, MALE), AGE_AND_GENDER, null)).isInstanceOf(NullPointerException.class);
  }

  // ---- age boundaries on birthdays -----------------------------------------------------------------

  static Stream<Arguments> birthdays() {
    return Stream.of(
        // lower bound of "18-99": 18th birthday is the first matching day
        arguments("2008-06-15", "2026-06-14", "18-99", false),
        arguments("2008-06-15", "2026-06-15", "18-99", true),
        // upper bound inclusive: still 99 the day before the 100th birthday
        arguments("1926-06-15", "2026-06-14", "18-99", true),
        arguments("1926-06-15", "2026-06-15", "18-99", false),
        // 29 February: in common years the birthday counts from 1 March
        arguments("2008-02-29", "2026-02-28", "18-99", false),
        arguments("2008-02-29", "2026-03-01", "18-99", true),
        arguments("2008-02-29", "2028-02-28", "20-99", false),
        arguments("2008-02-29", "2028-02-29", "20-99", true),
        arguments("2008-02-29", "2026-02-28", "13-17", true),
        arguments("2008-02-29", "2026-03-01", "13-17", false),
        // bracket AnswerIDs move on the birthday too: 24 -> 2006352, 25 -> 2006353
        arguments("2001-07-01", "2026-06-30", "2006352", true),
        arguments("2001-07-01", "2026-07-01", "2006352", false),
        arguments("2001-07-01", "2026-07-01", "2006353", true),
        arguments("1961-03-01", "2026-02-28", "2006361", false),
        arguments("1961-03-01", "2026-03-01", "2006361", true));
  }

  @ParameterizedTest(name = "born {0}, on {1}, criterion {2}: {3}")
  @MethodSource("birthdays")
  void ageBoundaries(String born, String on, String criterion, boolean matched) {
    QuestionAndAnswers qa = criterion.startsWith("2006")
        ? ids(AGE, Long.parseLong(criterion))
        : values(AGE, criterion);
    Member m = new Member("M", LocalDate.parse(born), FEMALE, null);
    SamplingResult r = ENGINE.evaluate(m, quota(layer(1, sq(1, qa))), LocalDate.parse(on));
    assertThat(r.matched()).as(r.reason()).isEqualTo(matched);
  }

  // ---- the three small layer examples --------------------------------------------------------------

  static Stream<Arguments> examples() {
    return Stream.of(
        arguments("quotamultiplelayer.json", member(30, FEMALE), true, "matched"),
        arguments("quotamultiplelayer.json", member(100, MALE), true, "matched"),
        arguments("quotamultiplelayer.json", member(101, MALE), false,
            "Layer 1 (Age, LayerID 613571): no open SubQuota matched: SubQuota 2162737: age 101 not in 18-100"),
        arguments("quotamultiplelayer.json", member(17, FEMALE), false, "Layer 1 (Age, LayerID 613571)"),
        arguments("quotamultiplelayer.json", member(40, null), false,
            "Layer 2 (Gender, LayerID 613572): no open SubQuota matched: SubQuota 2162739: no answer to question 1001007 (Gender)"),
        arguments("singlelayermultipleqid.json", member(30, FEMALE), true, "matched"),
        arguments("singlelayermultipleqid.json", member(15, MALE), true, "matched"),
        arguments("singlelayermultipleqid.json", member(30, 9L), false,
            "SubQuota 2165400: gender 9 not in 2000246; SubQuota 2165401: gender 9 not in 2000247"),
        arguments("singlelayersingleqid.json", member(30, MALE), true, "matched"),
        arguments("singlelayersingleqid.json", member(null, FEMALE), true, "matched"),
        arguments("singlelayersingleqid.json", member(30, null), false,
            "Layer 1 (Gender, LayerID 613047): no open SubQuota matched: SubQuota 2160875: no answer to question 1001007 (Gender)"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("examples")
  void smallExamples(String file, Member member, boolean matched, String reasonPart) throws IOException {
    Quota quota;
    try (InputStream in = getClass().getResourceAsStream("/toluna/" + file)) {
      quota = TolunaJson.mapper().readValue(in, Quota.class);
    }
    SamplingResult r = ENGINE.evaluate(member, quota, TODAY);
    assertThat(r.matched()).as(r.reason()).isEqualTo(matched);
    assertThat(r.reason()).contains(reasonPart);
  }

  // ---- the real inventory --------------------------------------------------------------------------

  @Test
  void everyQuotaOfTheRealResponseEvaluates() throws IOException {
    GetQuotasResponse response;
    try (InputStream in = getClass().getResourceAsStream("/toluna/getquotasresponse.json")) {
      response = TolunaJson.mapper().readValue(in, GetQuotasResponse.class);
    }
    Member adult = new Member("M", LocalDate.of(1990, 5, 5), FEMALE, "07001",
        Map.of(EDUCATION, Set.of(2002268L)));
    int quotas = 0;
    int matched = 0;
    for (Survey s : response.surveys()) {
      for (Quota q : s.quotas()) {
        SamplingResult r = ENGINE.evaluate(adult, q, TODAY);
        assertThat(r.reason()).isNotBlank();
        if (r.matched()) {
          matched++;
        } else {
          assertThat(r.failedLayers()).allSatisfy(f -> assertThat(f.subQuotaFailures()).isNotEmpty());
        }
        quotas++;
      }
    }
    assertThat(quotas).isGreaterThan(68);
    assertThat(matched).isPositive().isLessThan(quotas);
  }
}
