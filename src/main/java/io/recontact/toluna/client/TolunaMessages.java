package io.recontact.toluna.client;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Bodies of the External Sample routes other than the quota inventory, and of Member Management v2, with Toluna's
 * PascalCase names. Unknown fields are ignored; documented casing variants are accepted.
 */
public final class TolunaMessages {

  private TolunaMessages() {
  }

  /** GetRecontactMembersForQuota. {@code MaxResults} echoes the page size, not the number of codes. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record MemberCodesPage(
      @JsonProperty("MaxResults") Integer maxResults,
      @JsonProperty("HasAdditionalMembers") boolean hasAdditionalMembers,
      @JsonProperty("MemberCodes") List<String> memberCodes) {
  }

  /** GenerateInvite. The documented example spells {@code SurveyId}; the table says {@code SurveyID}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Invite(
      @JsonProperty("SurveyID") @JsonAlias({"SurveyId", "surveyId"}) Long surveyId,
      @JsonProperty("WaveID") @JsonAlias({"WaveId"}) Long waveId,
      @JsonProperty("QuotaID") @JsonAlias({"QuotaId"}) Long quotaId,
      @JsonProperty("MemberAmount") Double memberAmount,
      @JsonProperty("PartnerAmount") Double partnerAmount,
      @JsonProperty("URL") @JsonAlias({"Url", "url"}) String url,
      @JsonProperty("LOI") Integer loi,
      @JsonProperty("IR") Integer ir) {
  }

  /** Member Management v2 member (GET answer, PUT body; on PUT only the fields being changed are sent). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Member(
      @JsonProperty("PartnerGUID") @JsonAlias("PartnerGuid") String partnerGuid,
      @JsonProperty("MemberCode") String memberCode,
      @JsonProperty("IsActive") Boolean isActive,
      @JsonProperty("BirthDate") String birthDate,
      @JsonProperty("PostalCode") String postalCode,
      @JsonProperty("IsTest") Boolean isTest,
      @JsonProperty("IsPIIDataRegulated") Boolean isPiiDataRegulated,
      @JsonProperty("RegistrationAnswers") List<RegistrationAnswer> registrationAnswers) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RegistrationAnswer(
      @JsonProperty("QuestionID") long questionId,
      @JsonProperty("Answers") List<Answer> answers) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Answer(@JsonProperty("AnswerID") long answerId, @JsonProperty("AnswerValue") String answerValue) {
  }
}
