package io.recontact.toluna.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A subquota: every question must match (AND), each by any one of its answers (OR). toluna-api §7.3, §8. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubQuota(
    @JsonProperty("QuestionsAndAnswers") List<QuestionAndAnswers> questionsAndAnswers,
    @JsonProperty("SubQuotaID") @JsonAlias({"SubQuotaId", "subQuotaId"}) Long subQuotaId,
    @JsonProperty("CurrentCompletes") Integer currentCompletes,
    @JsonProperty("MaxTargetCompletes") Integer maxTargetCompletes) {

  /** True when both counters are known and {@code CurrentCompletes >= MaxTargetCompletes}. */
  public boolean full() {
    return currentCompletes != null && maxTargetCompletes != null && currentCompletes >= maxTargetCompletes;
  }
}
