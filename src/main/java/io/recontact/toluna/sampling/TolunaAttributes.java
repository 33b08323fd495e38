package io.recontact.toluna.sampling;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Toluna QuestionIDs and AnswerIDs the engine interprets (toluna-api §7.4). */
public final class TolunaAttributes {

  public static final long GENDER = 1001007L;
  public static final long AGE = 1001538L;
  public static final long POSTAL_CODE = 1001042L;
  public static final long DMA = 1001568L;
  public static final long MSA = 1001569L;

  public static final long FEMALE = 2000246L;
  public static final long MALE = 2000247L;

  /** An age bracket AnswerID of QuestionID 1001538; {@code max} is inclusive. */
  public record AgeBracket(long answerId, int min, int max) {
    public boolean contains(int age) {
      return age >= min && age <= max;
    }

    public String label() {
      return max == Integer.MAX_VALUE ? min + "+" : min + "-" + max;
    }
  }

  public static final List<AgeBracket> AGE_BRACKETS = List.of(
      new AgeBracket(2006351L, 13, 17),
      new AgeBracket(2006352L, 18, 24),
      new AgeBracket(2006353L, 25, 29),
      new AgeBracket(2006354L, 30, 34),
      new AgeBracket(2006355L, 35, 39),
      new AgeBracket(2006356L, 40, 44),
      new AgeBracket(2006357L, 45, 49),
      new AgeBracket(2006358L, 50, 54),
      new AgeBracket(2006359L, 55, 59),
      new AgeBracket(2006360L, 60, 64),
      new AgeBracket(2006361L, 65, Integer.MAX_VALUE));

  private static final Map<Long, String> NAMES = Map.ofEntries(
      Map.entry(GENDER, "Gender"),
      Map.entry(AGE, "Age"),
      Map.entry(POSTAL_CODE, "Postal code"),
      Map.entry(DMA, "DMA"),
      Map.entry(MSA, "MSA"),
      Map.entry(1001101L, "Education"),
      Map.entry(1001107L, "Income"),
      Map.entry(1001012L, "Ethnicity"),
      Map.entry(1005145L, "Work position"),
      Map.entry(1001102L, "Marital status"),
      Map.entry(1012395L, "Employment status"),
      Map.entry(1002790L, "Race"));

  private TolunaAttributes() {
  }

  /** The bracket with this AnswerID, if it is one of QuestionID 1001538's. */
  public static Optional<AgeBracket> bracket(long answerId) {
    return AGE_BRACKETS.stream().filter(b -> b.answerId() == answerId).findFirst();
  }

  /** The bracket AnswerID an age falls into (none below 13). */
  public static Optional<AgeBracket> bracketForAge(int age) {
    return AGE_BRACKETS.stream().filter(b -> b.contains(age)).findFirst();
  }

  /** A short human name for a QuestionID: "Age", "Gender", … or "Q&lt;id&gt;". */
  public static String questionName(Long questionId) {
    if (questionId == null) {
      return "Q?";
    }
    return NAMES.getOrDefault(questionId, "Q" + questionId);
  }
}
