package io.recontact.panel;

import java.time.LocalDate;
import java.time.Period;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One member of our own panel.
 *
 * <p>Gender is not a separate field: it is the answer to {@value #GENDER_QUESTION} in {@link #answers()}, read by
 * {@link #genderAnswerId()}. The postal code answers {@value #POSTAL_CODE_QUESTION} but is free text, so it lives in
 * {@link #postalCode()} (normalised by {@link #normalisePostalCode(String)}) and never in {@link #answers()};
 * {@link #qualificationAnswers()} puts both together.
 *
 * @param memberCode our member code, 1 to {@value #MAX_CODE_LENGTH} characters, trimmed
 * @param birthDate may be null (unknown)
 * @param postalCode normalised, or null when unknown
 * @param answers QuestionID to AnswerIDs, never an empty set; sorted and unmodifiable
 */
public record PanelMember(String memberCode, Status status, LocalDate birthDate, String postalCode,
    Map<Long, Set<Long>> answers) {

  public static final long GENDER_QUESTION = 1001007L;
  public static final long POSTAL_CODE_QUESTION = 1001042L;
  public static final int MAX_CODE_LENGTH = 64;
  public static final int MAX_POSTAL_CODE_LENGTH = 32;

  public enum Status {
    ACTIVE, INACTIVE, OPTED_OUT, SUSPENDED
  }

  public PanelMember {
    if (memberCode == null || memberCode.isBlank()) {
      throw new IllegalArgumentException("member code is missing");
    }
    memberCode = memberCode.strip();
    if (memberCode.length() > MAX_CODE_LENGTH) {
      throw new IllegalArgumentException("member code is longer than " + MAX_CODE_LENGTH + " characters");
    }
    if (status == null) {
      throw new IllegalArgumentException("status is missing");
    }
    postalCode = normalisePostalCode(postalCode);
    if (postalCode != null && postalCode.length() > MAX_POSTAL_CODE_LENGTH) {
      throw new IllegalArgumentException("postal code is longer than " + MAX_POSTAL_CODE_LENGTH + " characters");
    }
    answers = copyAnswers(answers);
  }

  /** The answer to QuestionID {@value #GENDER_QUESTION}, or null when the member did not answer it. */
  public Long genderAnswerId() {
    Set<Long> gender = answers.get(GENDER_QUESTION);
    return gender == null ? null : gender.iterator().next();
  }

  /** Age in whole years on {@code day}; empty when the birth date is unknown. */
  public OptionalInt ageOn(LocalDate day) {
    return birthDate == null ? OptionalInt.empty() : OptionalInt.of(Period.between(birthDate, day).getYears());
  }

  /**
   * Every profile answer as a quota condition sees it: AnswerIDs as decimal strings (gender included, under
   * {@value #GENDER_QUESTION}), plus the postal code text under {@value #POSTAL_CODE_QUESTION} when known.
   */
  public Map<Long, Set<String>> qualificationAnswers() {
    Map<Long, Set<String>> all = new TreeMap<>();
    answers.forEach((question, ids) -> {
      Set<String> texts = new TreeSet<>();
      ids.forEach(id -> texts.add(Long.toString(id)));
      all.put(question, Collections.unmodifiableSet(texts));
    });
    if (postalCode != null) {
      all.put(POSTAL_CODE_QUESTION, Set.of(postalCode));
    }
    return Collections.unmodifiableMap(all);
  }

  /**
   * Postal codes are free text: trimmed, runs of whitespace made one space, upper case ({@code "sw1a  1aa"} becomes
   * {@code "SW1A 1AA"}); leading zeros are kept ({@code "01001"}). Blank is null.
   */
  public static String normalisePostalCode(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return raw.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
  }

  private static Map<Long, Set<Long>> copyAnswers(Map<Long, Set<Long>> answers) {
    Map<Long, Set<Long>> copy = new TreeMap<>();
    if (answers != null) {
      answers.forEach((question, ids) -> {
        if (question == null || question <= 0) {
          throw new IllegalArgumentException("QuestionID must be a positive number, got " + question);
        }
        if (question == POSTAL_CODE_QUESTION) {
          throw new IllegalArgumentException("QuestionID " + POSTAL_CODE_QUESTION
              + " (postal code) is free text: send it as postalCode, not as an answer");
        }
        if (ids == null || ids.isEmpty()) {
          throw new IllegalArgumentException("QuestionID " + question + " has no AnswerIDs");
        }
        Set<Long> sorted = new TreeSet<>();
        for (Long id : ids) {
          if (id == null || id <= 0) {
            throw new IllegalArgumentException("QuestionID " + question + ": AnswerID must be a positive number, got "
                + id);
          }
          sorted.add(id);
        }
        if (question == GENDER_QUESTION && sorted.size() > 1) {
          throw new IllegalArgumentException("QuestionID " + GENDER_QUESTION + " (gender) takes one AnswerID, got "
              + sorted);
        }
        copy.put(question, Collections.unmodifiableSet(sorted));
      });
    }
    return Collections.unmodifiableMap(copy);
  }
}
