package io.recontact.toluna.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One survey wave with its quotas. toluna-api §7.2. {@code ScheduledCompletionDate} is kept as the raw
 * string (no offset, optional fraction). {@code SurveyTopic} and {@code IsTqsSurvey} are undocumented
 * but present in real responses; {@code IsTqsSurvey} may be absent (null).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Survey(
    @JsonProperty("SurveyID") @JsonAlias({"SurveyId", "surveyId"}) Long surveyId,
    @JsonProperty("SurveyName") String surveyName,
    @JsonProperty("SurveyTopic") String surveyTopic,
    @JsonProperty("WaveID") @JsonAlias({"WaveId", "waveId"}) Long waveId,
    @JsonProperty("LOI") @JsonAlias({"Loi", "loi"}) Integer loi,
    @JsonProperty("IR") @JsonAlias({"Ir", "ir"}) Integer ir,
    @JsonProperty("StudyTypeID") @JsonAlias({"StudyTypeId", "studyTypeId"}) Long studyTypeId,
    @JsonProperty("ScheduledCompletionDate") String scheduledCompletionDate,
    @JsonProperty("Price") Price price,
    @JsonProperty("DeviceTypeIDs") @JsonAlias({"DeviceTypeIds", "deviceTypeIds"}) List<Integer> deviceTypeIds,
    @JsonProperty("IsSurveyRecontact") Boolean isSurveyRecontact,
    @JsonProperty("CompletesRequired") Integer completesRequired,
    @JsonProperty("EstimatedCompletesRemaining") Integer estimatedCompletesRemaining,
    @JsonProperty("Quotas") List<Quota> quotas,
    @JsonProperty("IsTqsSurvey") Boolean isTqsSurvey,
    @JsonProperty("SurveyWaveExclusions") List<SurveyWaveExclusion> surveyWaveExclusions) {
}
