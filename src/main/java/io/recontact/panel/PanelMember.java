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
import java.util.regex.Pattern;

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
 * @param email where invites are e-mailed (normalised by {@link #normaliseEmail(String)}), or null when unknown
 */
public record PanelMember(String memberCode, Status status, LocalDate birthDate, String postalCode,
    Map<Long, Set<Long>> answers, String email) {

  public static final long GENDER_QUESTION = 1001007L;
  public static final long POSTAL_CODE_QUESTION = 1001042L;
  public static final int MAX_CODE_LENGTH = 64;
  public static final int MAX_POSTAL_CODE_LENGTH = 32;
  /** RFC 5321's limit on a forward path, and the column's width. */
  public static final int MAX_EMAIL_LENGTH = 254;
  private static final int MAX_EMAIL_LOCAL_PART = 64;
  /** RFC 5322 "atext" plus dots between atoms; no quoted local parts, no comments. */
  private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
      + "(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  /** Two or more DNS labels; the last one is a TLD (letters, or an IDN's xn-- form). */
  private static final Pattern EMAIL_DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+"
      + "([a-z]{2,63}|xn--[a-z0-9-]{1,59})");

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
    requirePrintable(memberCode);
    if (status == null) {
      throw new IllegalArgumentException("status is missing");
    }
    postalCode = normalisePostalCode(postalCode);
    if (postalCode != null && postalCode.length() > MAX_POSTAL_CODE_LENGTH) {
      throw new IllegalArgumentException("postal code is longer than " + MAX_POSTAL_CODE_LENGTH + " characters");
    }
    answers = copyAnswers(answers);
    email = normaliseEmail(email);
  }

  /**
   * A code with a control character (a tab, NUL, line break...) or another non-printable one (zero-width, bidi
   * controls, private use, unassigned) would look like another code on screen and in CSV exports: refused.
   */
  private static void requirePrintable(String code) {
    for (int i = 0; i < code.length(); ) {
      int c = code.codePointAt(i);
      if (!printable(c)) {
        throw new IllegalArgumentException("member code contains the non-printable character "
            + String.format(Locale.ROOT, "U+%04X", c) + (Character.isISOControl(c) ? " (a control character)" : "")
            + " at position " + (code.codePointCount(0, i) + 1));
      }
      i += Character.charCount(c);
    }
  }

  static boolean printable(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
          Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }

  /** The code as a problem report shows it: non-printable characters as a backslash, u and four hex digits. */
  static String shown(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    StringBuilder shown = new StringBuilder();
    code.strip().codePoints().forEach(c -> {
      if (printable(c)) {
        shown.appendCodePoint(c);
      } else {
        shown.append(String.format(Locale.ROOT, "\\u%04X", c));
      }
    });
    return shown.toString();
  }

  /** A member without an e-mail address. */
  public PanelMember(String memberCode, Status status, LocalDate birthDate, String postalCode,
      Map<Long, Set<Long>> answers) {
    this(memberCode, status, birthDate, postalCode, answers, null);
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

  /**
   * E-mail addresses: trimmed, blank is null; {@code local@domain} with a plain (unquoted) local part of at most
   * {@value #MAX_EMAIL_LOCAL_PART} characters and a domain of two or more DNS labels, at most
   * {@value #MAX_EMAIL_LENGTH} characters in all. The domain is lower-cased (it is case-insensitive), the local part
   * kept as given (a mail server may tell its case apart).
   *
   * @throws IllegalArgumentException naming the address and what is wrong with it
   */
  public static String normaliseEmail(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String address = raw.strip();
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      throw badEmail(address, "expected local-part@domain");
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
    String normalised = local + "@" + domain;
    if (normalised.length() > MAX_EMAIL_LENGTH) {
      throw badEmail(address, "longer than " + MAX_EMAIL_LENGTH + " characters");
    }
    if (local.length() > MAX_EMAIL_LOCAL_PART || !EMAIL_LOCAL.matcher(local).matches()) {
      throw badEmail(address, "the part before @ must be 1 to " + MAX_EMAIL_LOCAL_PART
          + " letters, digits or !#$%&'*+/=?^_`{|}~- with single dots between them");
    }
    if (!EMAIL_DOMAIN.matcher(domain).matches()) {
      throw badEmail(address, "the domain must be a host name such as panel.example");
    }
    return normalised;
  }

  private static IllegalArgumentException badEmail(String address, String why) {
    String shown = address.length() > 80 ? address.substring(0, 80) + "..." : address;
    return new IllegalArgumentException("bad e-mail address '" + shown + "': " + why);
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
