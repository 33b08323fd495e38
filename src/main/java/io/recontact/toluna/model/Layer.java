package io.recontact.toluna.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A layer of a quota: at least one {@link SubQuota} must match. toluna-api §7.3. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Layer(
    @JsonProperty("LayerID") @JsonAlias({"LayerId", "layerId"}) Long layerId,
    @JsonProperty("SubQuotas") List<SubQuota> subQuotas) {
}
