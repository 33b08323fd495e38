package io.recontact.web;

import static io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * OpenAPI-only shapes of the panel member import, which PanelMemberController reads and answers as maps. They stay in
 * web because the shared {@code Error} schema lists import rows ({@link Problem}, registered by ErrorResponses). The
 * flows keep theirs beside their controllers (e.g. io.recontact.cint.CintShapes). Integration tests check every
 * exchange against the document (src/test/java/io/recontact/api/ApiContract.java), so these cannot drift.
 */
public final class ApiShapes {

  private ApiShapes() {
  }

  @Schema(description = "A panel member to import; JSON bodies are an array of these (CSV: the same columns)")
  public record MemberRow(@Schema(requiredMode = REQUIRED, maxLength = 64) String memberCode,
      @Schema(requiredMode = REQUIRED, description = "e.g. ACTIVE") String status,
      @Schema(format = "date") String birthDate, String postalCode,
      @Schema(additionalProperties = TRUE, description = "QuestionID to [AnswerID, ...]") Map<String, Object> answers,
      String email) {
  }

  public record MemberFile(@Schema(requiredMode = REQUIRED, type = "string", format = "binary",
      description = "JSON when its type or name says so, CSV otherwise") String file) {
  }

  @Schema(description = "The import's result; a 400 when no member could be imported")
  public record ImportResult(@Schema(description = "Only when nothing was imported, or the body broke off")
      String message,
      @Schema(requiredMode = REQUIRED, description = "Its progress: GET /api/panel/member-imports/{importId}")
      String importId,
      @Schema(requiredMode = REQUIRED) long imported, @Schema(requiredMode = REQUIRED) long updated,
      @Schema(requiredMode = REQUIRED) long rejected,
      @Schema(requiredMode = REQUIRED, description = "At most 1,000 listed") List<Problem> problems,
      @Schema(description = "More problems than listed") Boolean problemsTruncated) {
  }

  @Schema(name = "ImportProblem")
  public record Problem(Integer line, Integer element, String memberCode,
      @Schema(requiredMode = REQUIRED) String reason) {
  }
}
