package io.recontact.toluna.sampling;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the sampling engine knows about one panel member.
 *
 * @param memberCode     the partner's member code (only used in messages)
 * @param birthDate      date of birth; source of the age for QuestionID 1001538 (null = unknown)
 * @param genderAnswerId gender AnswerID for QuestionID 1001007 (2000246 Female, 2000247 Male; null = unknown)
 * @param postalCode     postal code for QuestionID 1001042 (null or blank = unknown)
 * @param answers        other profile answers: QuestionID to the member's AnswerIDs
 */
public record Member(String memberCode, LocalDate birthDate, Long genderAnswerId, String postalCode,
          Map<Long, Set<Long>> answers) {

  public Member {
    answers = answers == null ? Map.of() : answers.entrySet().stream()
        .filter(e -> e.getKey() != null && e.getValue() != null)
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
  }

  /** A member with only the demographics (no other answers). */
  public Member(String memberCode, LocalDate birthDate, Long genderAnswerId, String postalCode) {
    this(memberCode, birthDate, genderAnswerId, postalCode, Map.of());
  }

  /** The member's AnswerIDs for a question, empty when unknown. */
  public Set<Long> answersTo(long questionId) {
    return answers.getOrDefault(questionId, Set.of());
  }
}
