package io.recontact.toluna.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A quota: all {@link Layer}s must match. toluna-api §7.3. Also the body of QuotaStatus (R2), which adds
 * {@code CountryID} and {@code CacheExpires} (null inside a GetQuotas survey).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Quota(
    @JsonProperty("QuotaID") @JsonAlias({"QuotaId", "quotaId"}) Long quotaId,
    @JsonProperty("CountryID") @JsonAlias({"CountryId", "countryId"}) Long countryId,
    @JsonProperty("CompletesRequired") Integer completesRequired,
    @JsonProperty("EstimatedCompletesRemaining") Integer estimatedCompletesRemaining,
    @JsonProperty("Layers") List<Layer> layers,
    @JsonProperty("CacheExpires") String cacheExpires) {

  /** A quota as it appears inside a GetQuotas survey (no CountryID / CacheExpires). */
  public Quota(Long quotaId, Integer completesRequired, Integer estimatedCompletesRemaining, List<Layer> layers) {
    this(quotaId, null, completesRequired, estimatedCompletesRemaining, layers, null);
  }
}
