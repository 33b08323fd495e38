package io.recontact.toluna.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One criterion of a subquota. toluna-api §7.3: {@code AnswerIDs} (OR) or {@code AnswerValues} (age ranges such
 * as "18-99", postal-code prefixes, DMA/MSA ids as strings). {@code IsRoutable}: a member with no answer may
 * still be invited and is prescreened by Toluna.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuestionAndAnswers(
    @JsonProperty("QuestionID") @JsonAlias({"QuestionId", "questionId"}) Long questionId,
    @JsonProperty("AnswerIDs") @JsonAlias({"AnswerIds", "answerIds"}) List<Long> answerIds,
    @JsonProperty("AnswerValues") List<String> answerValues,
    @JsonProperty("IsRoutable") Boolean isRoutable) {

  /** {@code IsRoutable}, absent counting as false. */
  public boolean routable() {
    return Boolean.TRUE.equals(isRoutable);
  }
}
