package io.recontact.toluna.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Body of GetQuotas (R1): {@code GET .../ExternalSample/{PanelGUID}/Quotas}. toluna-api §2–§3.
 * {@code CacheExpires} is kept as the raw string: its meaning and format vary (toluna-api §11.10).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetQuotasResponse(
    @JsonProperty("Surveys") List<Survey> surveys,
    @JsonProperty("CountryID") @JsonAlias({"CountryId", "countryId"}) Long countryId,
    @JsonProperty("CacheExpires") String cacheExpires) {
}
