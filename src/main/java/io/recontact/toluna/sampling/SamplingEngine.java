package io.recontact.toluna.sampling;

import io.recontact.toluna.model.Layer;
import io.recontact.toluna.model.QuestionAndAnswers;
import io.recontact.toluna.model.Quota;
import io.recontact.toluna.model.SubQuota;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides whether a member matches a Toluna quota (toluna-api §8): every Layer must match; in a Layer at least
 * one open SubQuota must match; in a SubQuota every question must match by any one of its answers. Full
 * SubQuotas are skipped. Stateless and thread-safe; no I/O. See docs/toluna-sampling.md.
 */
public final class SamplingEngine {

  /** How many postal prefixes a mismatch message lists before "…". */
  private static final int SHOWN_VALUES = 5;

  public SamplingResult evaluate(Member member, Quota quota, LocalDate today) {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(quota, "quota");
    Objects.requireNonNull(today, "today");
    List<LayerFailure> failures = new ArrayList<>();
    Set<Long> prescreen = new TreeSet<>();
    List<Layer> layers = nonNull(quota.layers());
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      LayerOutcome outcome = evaluateLayer(member, layer, today);
      if (outcome.matched) {
        prescreen.addAll(outcome.prescreen);
      } else {
        failures.add(new LayerFailure(i + 1, layer.layerId(), layerName(layer), outcome.failures));
      }
    }
    return failures.isEmpty() ? SamplingResult.match(List.copyOf(prescreen)) : SamplingResult.noMatch(failures);
  }

  private record LayerOutcome(boolean matched, Set<Long> prescreen, List<SubQuotaFailure> failures) {
  }

  private LayerOutcome evaluateLayer(Member member, Layer layer, LocalDate today) {
    List<SubQuotaFailure> failures = new ArrayList<>();
    Set<Long> bestPrescreen = null;
    for (SubQuota subQuota : nonNull(layer.subQuotas())) {
      if (subQuota.full()) {
        failures.add(new SubQuotaFailure(subQuota.subQuotaId(), FailureKind.SUBQUOTA_FULL, null,
            subQuota.currentCompletes() + "/" + subQuota.maxTargetCompletes() + " completes"));
        continue;
      }
      Set<Long> prescreen = new LinkedHashSet<>();
      SubQuotaFailure failure = null;
      for (QuestionAndAnswers qa : nonNull(subQuota.questionsAndAnswers())) {
        QuestionOutcome q = evaluateQuestion(member, qa, today);
        if (q.kind == null) {
          continue;
        }
        if (q.kind == FailureKind.NO_ANSWER && qa.routable()) {
          prescreen.add(qa.questionId());
          continue;
        }
        failure = new SubQuotaFailure(subQuota.subQuotaId(), q.kind, qa.questionId(), q.detail);
        break;
      }
      if (failure != null) {
        failures.add(failure);
      } else if (prescreen.isEmpty()) {
        return new LayerOutcome(true, Set.of(), List.of());
      } else if (bestPrescreen == null) {
        bestPrescreen = prescreen;
      }
    }
    if (bestPrescreen != null) {
      return new LayerOutcome(true, bestPrescreen, List.of());
    }
    return new LayerOutcome(false, Set.of(), failures);
  }

  /** kind == null means the question matched. */
  private record QuestionOutcome(FailureKind kind, String detail) {
    static final QuestionOutcome MATCH = new QuestionOutcome(null, null);

    static QuestionOutcome noAnswer(Long questionId, String what) {
      return new QuestionOutcome(FailureKind.NO_ANSWER, "no answer to question " + questionId
          + " (" + TolunaAttributes.questionName(questionId) + (what == null ? "" : ": " + what) + ")");
    }

    static QuestionOutcome mismatch(String detail) {
      return new QuestionOutcome(FailureKind.ANSWER_MISMATCH, detail);
    }
  }

  private QuestionOutcome evaluateQuestion(Member member, QuestionAndAnswers qa, LocalDate today) {
    Long questionId = qa.questionId();
    List<Long> ids = nonNull(qa.answerIds()).stream().filter(Objects::nonNull).toList();
    List<String> values = nonNull(qa.answerValues()).stream().filter(Objects::nonNull)
        .map(String::trim).filter(v -> !v.isEmpty()).toList();
    if (ids.isEmpty() && values.isEmpty()) {
      return new QuestionOutcome(FailureKind.NO_CRITERIA,
          "question " + questionId + " (" + TolunaAttributes.questionName(questionId) + ") lists no answers");
    }
    if (questionId == null) {
      return new QuestionOutcome(FailureKind.NO_CRITERIA, "a question without QuestionID");
    }
    if (questionId == TolunaAttributes.AGE) {
      return evaluateAge(member, ids, values, today);
    }
    if (questionId == TolunaAttributes.POSTAL_CODE) {
      return evaluatePostalCode(member, ids, values);
    }
    Set<Long> memberAnswers = questionId == TolunaAttributes.GENDER && member.genderAnswerId() != null
        ? Set.of(member.genderAnswerId())
        : member.answersTo(questionId);
    if (memberAnswers.isEmpty()) {
      return QuestionOutcome.noAnswer(questionId, null);
    }
    for (Long answer : memberAnswers) {
      if (ids.contains(answer) || values.contains(String.valueOf(answer))) {
        return QuestionOutcome.MATCH;
      }
    }
    List<String> wanted = new ArrayList<>();
    ids.forEach(id -> wanted.add(String.valueOf(id)));
    wanted.addAll(values);
    String name = questionId == TolunaAttributes.GENDER ? "gender" : "answer to question " + questionId;
    return QuestionOutcome.mismatch(name + " " + joinSorted(memberAnswers) + " not in " + shortList(wanted));
  }

  // ---- age -----------------------------------------------------------------------------------------

  private QuestionOutcome evaluateAge(Member member, List<Long> ids, List<String> values, LocalDate today) {
    if (member.birthDate() == null) {
      return QuestionOutcome.noAnswer(TolunaAttributes.AGE, "no birth date");
    }
    if (member.birthDate().isAfter(today)) {
      return QuestionOutcome.noAnswer(TolunaAttributes.AGE, "birth date " + member.birthDate() + " is after " + today);
    }
    int age = ageOn(member.birthDate(), today);
    List<String> shown = new ArrayList<>();
    for (Long id : ids) {
      Optional<TolunaAttributes.AgeBracket> bracket = TolunaAttributes.bracket(id);
      if (bracket.isPresent() && bracket.get().contains(age)) {
        return QuestionOutcome.MATCH;
      }
      shown.add(bracket.map(b -> id + " (" + b.label() + ")").orElse(id + " (not an age bracket)"));
    }
    for (String value : values) {
      Optional<int[]> range = parseAgeRange(value);
      if (range.isPresent() && age >= range.get()[0] && age <= range.get()[1]) {
        return QuestionOutcome.MATCH;
      }
      shown.add(range.isPresent() ? value : value + " (unreadable)");
    }
    return QuestionOutcome.mismatch("age " + age + " not in " + String.join(", ", shown));
  }

  /** Completed years on {@code today}; a 29 February birthday counts from 1 March in common years. */
  public static int ageOn(LocalDate birthDate, LocalDate today) {
    return Period.between(birthDate, today).getYears();
  }

  /**
   * Reads an age AnswerValue: "18-99" (both ends inclusive), "65+" (65 or older), "30" (exactly 30), or a
   * bracket AnswerID written as a string ("2006352"). Empty when unreadable.
   */
  static Optional<int[]> parseAgeRange(String value) {
    String v = value.replace(" ", "");
    try {
      if (v.endsWith("+")) {
        return Optional.of(new int[]{Integer.parseInt(v.substring(0, v.length() - 1)), Integer.MAX_VALUE});
      }
      int dash = v.indexOf('-', 1);
      if (dash > 0) {
        int min = Integer.parseInt(v.substring(0, dash));
        int max = Integer.parseInt(v.substring(dash + 1));
        return min <= max ? Optional.of(new int[]{min, max}) : Optional.empty();
      }
      long n = Long.parseLong(v);
      Optional<TolunaAttributes.AgeBracket> bracket = TolunaAttributes.bracket(n);
      if (bracket.isPresent()) {
        return Optional.of(new int[]{bracket.get().min(), bracket.get().max()});
      }
      return n >= 0 && n < 200 ? Optional.of(new int[]{(int) n, (int) n}) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  // ---- postal code ---------------------------------------------------------------------------------

  private QuestionOutcome evaluatePostalCode(Member member, List<Long> ids, List<String> values) {
    String postal = normalisePostalCode(member.postalCode());
    if (postal.isEmpty()) {
      return QuestionOutcome.noAnswer(TolunaAttributes.POSTAL_CODE, "no postal code");
    }
    for (String prefix : values) {
      String p = normalisePostalCode(prefix);
      if (!p.isEmpty() && postal.startsWith(p)) {
        return QuestionOutcome.MATCH;
      }
    }
    for (Long id : ids) {
      if (member.answersTo(TolunaAttributes.POSTAL_CODE).contains(id)) {
        return QuestionOutcome.MATCH;
      }
    }
    List<String> wanted = new ArrayList<>(values);
    ids.forEach(id -> wanted.add(String.valueOf(id)));
    return QuestionOutcome.mismatch("postal code " + member.postalCode().trim() + " starts with none of "
        + wanted.size() + " prefixes " + shortList(wanted));
  }

  /** Upper case, whitespace removed (so "sw1a 1aa" starts with "SW1A"). */
  static String normalisePostalCode(String code) {
    return code == null ? "" : code.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }

  // ---- helpers -------------------------------------------------------------------------------------

  /** "Age", "Gender", "Gender + Age", … from the distinct QuestionIDs of the Layer's SubQuotas. */
  static String layerName(Layer layer) {
    Set<String> names = new LinkedHashSet<>();
    for (SubQuota sq : nonNull(layer.subQuotas())) {
      for (QuestionAndAnswers qa : nonNull(sq.questionsAndAnswers())) {
        names.add(TolunaAttributes.questionName(qa.questionId()));
      }
    }
    return names.isEmpty() ? "empty" : String.join(" + ", names);
  }

  private static String shortList(List<String> values) {
    if (values.size() <= SHOWN_VALUES) {
      return String.join(", ", values);
    }
    return String.join(", ", values.subList(0, SHOWN_VALUES)) + ", …";
  }

  private static String joinSorted(Set<Long> answers) {
    return answers.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
