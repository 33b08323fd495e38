package io.recontact.toluna.membersync;

import io.recontact.panel.PanelMember;
import io.recontact.toluna.client.TolunaMessages.Answer;
import io.recontact.toluna.client.TolunaMessages.Member;
import io.recontact.toluna.client.TolunaMessages.RegistrationAnswer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Our member as Toluna's Member Management v2 representation, its hash, and the fields in which Toluna's copy
 * differs. We send IsActive, BirthDate, PostalCode and one RegistrationAnswer per answered question (gender 1001007
 * included); fields we do not know (null) are never sent, and answers Toluna holds for other questions (for example
 * its computed country and language) are left alone.
 */
final class MemberProfiles {

  static final DateTimeFormatter TOLUNA_DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu", Locale.ROOT);
  /** The formats Toluna's GET may answer with (toluna-api §11.38). */
  private static final List<DateTimeFormatter> READ_DATES = List.of("M/d/uuuu", "uuuu/M/d", "uuuu-MM-dd").stream()
      .map(p -> DateTimeFormatter.ofPattern(p, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT)).toList();

  private MemberProfiles() {
  }

  static Member toToluna(String panelGuid, PanelMember member) {
    List<RegistrationAnswer> answers = new ArrayList<>();
    member.answers().forEach((question, ids) -> answers.add(answer(question, ids)));
    return new Member(panelGuid, member.memberCode(), member.status() == PanelMember.Status.ACTIVE,
        member.birthDate() == null ? null : TOLUNA_DATE.format(member.birthDate()), member.postalCode(), null, null,
        answers.isEmpty() ? null : answers);
  }

  private static RegistrationAnswer answer(long question, Set<Long> ids) {
    return new RegistrationAnswer(question, ids.stream().map(id -> new Answer(id, null)).toList());
  }

  /**
   * SHA-256 (hex) of a canonical text of what we send: one line per field in a fixed order, answers sorted by
   * QuestionID and AnswerID (PanelMember keeps them sorted). Any change to a sent field changes the hash.
   */
  static String hash(Member member) {
    StringBuilder text = new StringBuilder("toluna-member-v2\n")
        .append("PartnerGUID=").append(member.partnerGuid().toUpperCase(Locale.ROOT)).append('\n')
        .append("MemberCode=").append(member.memberCode()).append('\n')
        .append("IsActive=").append(member.isActive()).append('\n')
        .append("BirthDate=").append(Objects.toString(member.birthDate(), "")).append('\n')
        .append("PostalCode=").append(Objects.toString(member.postalCode(), "")).append('\n');
    for (RegistrationAnswer answer : answers(member)) {
      text.append("Q").append(answer.questionId()).append('=');
      answer.answers().forEach(a -> text.append(a.answerId()).append(','));
      text.append('\n');
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * The update that makes Toluna's copy equal ours in the fields we send: PartnerGUID, MemberCode and only the
   * differing fields; null when nothing differs.
   */
  static Member differences(Member ours, Member theirs) {
    Boolean active = Objects.equals(ours.isActive(), theirs.isActive()) ? null : ours.isActive();
    String birth = ours.birthDate() == null || sameDate(ours.birthDate(), theirs.birthDate()) ? null
        : ours.birthDate();
    String postal = ours.postalCode() == null
        || ours.postalCode().equals(PanelMember.normalisePostalCode(theirs.postalCode())) ? null : ours.postalCode();
    Map<Long, Set<Long>> theirAnswers = new TreeMap<>();
    for (RegistrationAnswer answer : answers(theirs)) {
      Set<Long> ids = theirAnswers.computeIfAbsent(answer.questionId(), q -> new TreeSet<>());
      if (answer.answers() != null) {
        answer.answers().forEach(a -> ids.add(a.answerId()));
      }
    }
    List<RegistrationAnswer> changed = new ArrayList<>();
    for (RegistrationAnswer answer : answers(ours)) {
      Set<Long> ids = new TreeSet<>();
      answer.answers().forEach(a -> ids.add(a.answerId()));
      if (!ids.equals(theirAnswers.get(answer.questionId()))) {
        changed.add(answer);
      }
    }
    if (active == null && birth == null && postal == null && changed.isEmpty()) {
      return null;
    }
    return new Member(ours.partnerGuid(), ours.memberCode(), active, birth, postal, null, null,
        changed.isEmpty() ? null : changed);
  }

  private static List<RegistrationAnswer> answers(Member member) {
    return member.registrationAnswers() == null ? List.of() : member.registrationAnswers();
  }

  private static boolean sameDate(String ours, String theirs) {
    LocalDate a = parse(ours);
    return a != null && a.equals(parse(theirs));
  }

  private static LocalDate parse(String text) {
    if (text == null) {
      return null;
    }
    // GET may add a time part ("1985-06-21T00:00:00"); the date is what counts.
    String date = text.trim().split("[T ]", 2)[0];
    for (DateTimeFormatter format : READ_DATES) {
      try {
        return LocalDate.parse(date, format);
      } catch (DateTimeParseException tryNext) {
        // next format
      }
    }
    return null;
  }
}
