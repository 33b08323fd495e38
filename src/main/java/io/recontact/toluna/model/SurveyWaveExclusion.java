package io.recontact.toluna.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * An earlier survey/wave whose participants are excluded. toluna-api §7.5. {@code WaveID} 0 means any wave.
 * ParticipationStatusIDs: 1 Started, 3 Terminated, 9 Qualified, 10 QuotaFull.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SurveyWaveExclusion(
    @JsonProperty("SurveyID") @JsonAlias({"SurveyId", "surveyId"}) Long surveyId,
    @JsonProperty("WaveID") @JsonAlias({"WaveId", "waveId"}) Long waveId,
    @JsonProperty("ParticipationStatusIDs") @JsonAlias({"ParticipationStatusIds", "participationStatusIds"})
        List<Integer> participationStatusIds) {
}
