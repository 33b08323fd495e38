package io.recontact.cint.respondentfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.respondentfile.Rejection.Kind;
import io.recontact.cint.respondentfile.RespondentFileRejectedException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RespondentFileHygieneTest {

  static final String A = "0f1ce179-a917-49ff-9d50-b05fc91f7bd4";
  static final String B = "75f1404c-65f6-4937-ad2a-588e4f66e07f";
  static final String C = "9c23131d-388b-4e03-97b3-cf783e491445";

  final RespondentFileHygiene hygiene = new RespondentFileHygiene();

  HygieneResult rsids(String content) {
    return hygiene.check(content.getBytes(UTF_8), EntityType.RSID);
  }

  HygieneResult rids(String content) {
    return hygiene.check(content.getBytes(UTF_8), EntityType.RID);
  }

  @Test
  void plainFileWithFinalNewline() {
    HygieneResult r = rsids(A + "\n" + B + "\n" + C + "\n");
    assertThat(r.lines()).isEqualTo(3);
    assertThat(r.accepted()).containsExactly(A, B, C);
    assertThat(r.acceptedCount()).isEqualTo(3);
    assertThat(r.blankCount()).isZero();
    assertThat(r.duplicateCount()).isZero();
    assertThat(r.invalidCount()).isZero();
    assertThat(r.headerDetected()).isFalse();
    assertThat(r.examples()).isEmpty();
  }

  @Test
  void rsidsAreLowercasedAndDuplicatesFoundRegardlessOfCase() {
    HygieneResult r = rsids(A.toUpperCase() + "\n" + B + "\n" + A + "\n" + B.toUpperCase());
    assertThat(r.accepted()).containsExactly(A, B);
    assertThat(r.duplicateCount()).isEqualTo(2);
    assertThat(r.examples()).extracting(Rejection::kind, Rejection::lineNo, Rejection::content)
        .containsExactly(tuple(Kind.DUPLICATE, 3, A), tuple(Kind.DUPLICATE, 4, B.toUpperCase()));
  }

  @Test
  void respondentIdTypeFollowsRsidRules() {
    HygieneResult r = hygiene.check((A.toUpperCase() + "\nabc\n").getBytes(UTF_8), EntityType.RESPONDENT_ID);
    assertThat(r.accepted()).containsExactly(A);
    assertThat(r.invalidCount()).isEqualTo(1);
  }

  @Test
  void bomCrlfCrAndWhitespaceAreTolerated() {
    HygieneResult r = rsids("\uFEFF  " + A + " \r\n\t" + B + "\t\r" + C + "\u00A0\r\n");
    assertThat(r.accepted()).containsExactly(A, B, C);
    assertThat(r.lines()).isEqualTo(3);
    assertThat(r.blankCount()).isZero();
  }

  @Test
  void quotesAndTrailingSeparatorsOfASingleColumnCsvAreTolerated() {
    HygieneResult r = rsids("\"" + A + "\",\n" + B + ";\n\" " + C + " \"\n");
    assertThat(r.accepted()).containsExactly(A, B, C);
    assertThat(r.invalidCount()).isZero();
  }

  @Test
  void severalColumnsMakeALineInvalid() {
    HygieneResult r = rsids(A + "," + B + "\n" + C + ";x\n" + "\"" + A + "\",\"" + B + "\"\n" + C);
    assertThat(r.accepted()).containsExactly(C);
    assertThat(r.invalidCount()).isEqualTo(3);
    assertThat(r.examples()).extracting(Rejection::kind).containsOnly(Kind.INVALID);
  }

  @Test
  void blankLinesAreCountedButAFinalNewlineIsNotOne() {
    HygieneResult r = rsids("\n" + A + "\n   \n\"\"\n" + B + "\n\n");
    assertThat(r.lines()).isEqualTo(6);
    assertThat(r.accepted()).containsExactly(A, B);
    assertThat(r.blankCount()).isEqualTo(4);
    assertThat(r.examples()).extracting(Rejection::lineNo).containsExactly(1, 3, 4, 6);
  }

  @Test
  void invalidRsidsAreSetAside() {
    HygieneResult r = rsids(A + "\n0F1CE179-XXXX\n" + A.replace("-", "") + "\n{" + B + "}\n" + C);
    assertThat(r.accepted()).containsExactly(A, C);
    assertThat(r.invalidCount()).isEqualTo(3);
    assertThat(r.headerDetected()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsid", "RSID", "RespondentID", "respondent_id", "Respondent ID", "id", "\"rsid\",",
      "respondent-id"})
  void headerRowIsDetectedAndDropped(String header) {
    HygieneResult r = rsids(header + "\r\n" + A + "\r\n" + B + "\r\n");
    assertThat(r.headerDetected()).isTrue();
    assertThat(r.accepted()).containsExactly(A, B);
    assertThat(r.invalidCount()).isZero();
    assertThat(r.examples()).extracting(Rejection::kind, Rejection::lineNo, Rejection::content)
        .containsExactly(tuple(Kind.HEADER, 1, header));
  }

  @Test
  void headerMayFollowBlankLinesAndBom() {
    HygieneResult r = rsids("\uFEFF\n\nrsid\n" + A);
    assertThat(r.headerDetected()).isTrue();
    assertThat(r.blankCount()).isEqualTo(2);
    assertThat(r.examples()).extracting(Rejection::kind, Rejection::lineNo)
        .containsExactly(tuple(Kind.BLANK, 1), tuple(Kind.BLANK, 2), tuple(Kind.HEADER, 3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0F1CE179-XXXX", "F1CE179A-XXXX", "ABCD-1234", "rsid,name", "respondent.id", "#rsid"})
  void brokenIdsAndOtherFirstLinesAreInvalidNotHeaders(String first) {
    HygieneResult r = rsids(first + "\n" + A + "\n" + B);
    assertThat(r.headerDetected()).isFalse();
    assertThat(r.invalidCount()).isEqualTo(1);
    assertThat(r.examples()).extracting(Rejection::kind, Rejection::lineNo)
        .containsExactly(tuple(Kind.INVALID, 1));
  }

  @Test
  void aNameIsNoHeaderWhenMostFollowingLinesAreInvalidToo() {
    HygieneResult r = rsids("name\nalice\nbob\n" + A);
    assertThat(r.headerDetected()).isFalse();
    assertThat(r.invalidCount()).isEqualTo(3);
    assertThat(r.accepted()).containsExactly(A);
  }

  @Test
  void aLoneNameIsNoHeader() {
    HygieneResult r = rsids("rsid\n");
    assertThat(r.headerDetected()).isFalse();
    assertThat(r.invalidCount()).isEqualTo(1);
    assertThat(r.accepted()).isEmpty();
  }

  @Test
  void onlyTheFirstContentLineCanBeAHeader() {
    HygieneResult r = rsids(A + "\nrsid\n" + B);
    assertThat(r.headerDetected()).isFalse();
    assertThat(r.invalidCount()).isEqualTo(1);
  }

  @Test
  void ridsAreKeptAsIsWithExactDuplicates() {
    HygieneResult r = rids("abc-1_X\nABC-1_x\nabc-1_X\n" + A.toUpperCase() + "\n");
    assertThat(r.accepted()).containsExactly("abc-1_X", "ABC-1_x", A.toUpperCase());
    assertThat(r.duplicateCount()).isEqualTo(1);
  }

  @Test
  void ridTokensAreLimitedInCharactersAndLength() {
    String longest = "r".repeat(128);
    HygieneResult r = rids(longest + "\n" + "r".repeat(129) + "\nr.1\nr 1\nr/1\nr1");
    assertThat(r.accepted()).containsExactly(longest, "r1");
    assertThat(r.invalidCount()).isEqualTo(4);
  }

  @Test
  void responseIdTypeFollowsRidRules() {
    HygieneResult r = hygiene.check("Abc\nabc\n".getBytes(UTF_8), EntityType.RESPONSE_ID);
    assertThat(r.accepted()).containsExactly("Abc", "abc");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rid", "RID", "response_id", "Response ID", "ResponseId", "respondent_id", "id"})
  void ridHeadersAreTheUsualColumnNames(String header) {
    HygieneResult r = rids(header + "\nr1\nr2\n");
    assertThat(r.headerDetected()).isTrue();
    assertThat(r.accepted()).containsExactly("r1", "r2");
  }

  @Test
  void aRidFileMayStartWithAnyOtherTokenAsAnId() {
    HygieneResult r = rids("name\nr1\nr2\n");
    assertThat(r.headerDetected()).isFalse();
    assertThat(r.accepted()).containsExactly("name", "r1", "r2");
  }

  @Test
  void examplesAreCappedAtTwentyPerKindButCountsAreNot() {
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      content.append(A).append('\n').append("bad").append(i).append('\n').append('\n');
    }
    HygieneResult r = rsids(content.toString());
    assertThat(r.duplicateCount()).isEqualTo(29);
    assertThat(r.invalidCount()).isEqualTo(30);
    assertThat(r.blankCount()).isEqualTo(30);
    assertThat(r.examples()).hasSize(60);
    assertThat(r.examples()).filteredOn(e -> e.kind() == Kind.INVALID).extracting(Rejection::lineNo)
        .startsWith(2, 5).hasSize(20);
  }

  @Test
  void longLinesAreTruncatedInExamples() {
    HygieneResult r = rsids("x".repeat(1000) + "\n" + A);
    assertThat(r.examples()).singleElement().satisfies(e -> assertThat(e.content()).hasSize(300));
  }

  @Test
  void emptyFilesAreRejected() {
    assertRejected(new byte[0], Reason.EMPTY, "empty");
    assertRejected(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Reason.EMPTY, "empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n\r\n", "  \n\t\n", ",\n\"\"\n;"})
  void blankOnlyFilesAreRejected(String content) {
    assertRejected(content.getBytes(UTF_8), Reason.NO_CONTENT, "only blank lines");
  }

  @Test
  void binaryFilesAreRejected() {
    assertRejected((A + "\n\0\n").getBytes(UTF_8), Reason.BINARY, "not text");
    assertRejected(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1}, Reason.BINARY, ".xls");
  }

  @Test
  void workbooksArchivesAndPdfsAreRejected() {
    assertRejected(new byte[] {'P', 'K', 3, 4, 20, 0}, Reason.ARCHIVE, ".xlsx");
    assertRejected("%PDF-1.7\n".getBytes(UTF_8), Reason.PDF, "PDF");
  }

  @Test
  void invalidUtf8IsRejectedWithItsLine() {
    byte[] latin1 = (A + "\r\n" + B + "\nM\u00fcller\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertRejected(latin1, Reason.NOT_UTF8, "line 3");
    assertRejected(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0}, Reason.UTF16, "UTF-16");
  }

  @Test
  void validUtf8BeyondAsciiIsDecodedAndJudgedPerLine() {
    HygieneResult r = rids("M\u00fcller\nr1\n");
    assertThat(r.accepted()).containsExactly("r1");
    assertThat(r.examples()).extracting(Rejection::content).containsExactly("M\u00fcller");
  }

  @Test
  void handles150000LinesInOnePass() {
    List<String> ids = new ArrayList<>();
    StringBuilder content = new StringBuilder("RespondentID\r\n");
    for (int i = 0; i < 150_000; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      content.append(id.toUpperCase()).append("\r\n");
    }
    HygieneResult r = rsids(content.toString());
    assertThat(r.headerDetected()).isTrue();
    assertThat(r.lines()).isEqualTo(150_001);
    assertThat(r.accepted()).isEqualTo(ids);
  }

  void assertRejected(byte[] content, Reason reason, String messagePart) {
    assertThatThrownBy(() -> hygiene.check(content, EntityType.RSID))
        .isInstanceOfSatisfying(RespondentFileRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(messagePart);
  }

  @Test
  void erasedRespondentsAreDroppedAndCountedWithoutExamples() {
    HygieneResult r = new RespondentFileHygiene().check((A.toUpperCase() + "\n" + B + "\n" + A + "\n")
        .getBytes(UTF_8), EntityType.RESPONDENT_ID, A::equals);
    assertThat(r.accepted()).containsExactly(B);
    assertThat(r.erasedCount()).isEqualTo(1);
    assertThat(r.duplicateCount()).as("the second line of the erased ID is a duplicate, as before").isEqualTo(1);
    assertThat(r.examples()).extracting(Rejection::kind).containsExactly(Kind.DUPLICATE);
    assertThat(rsids(A + "\n").erasedCount()).isZero();
  }
}
