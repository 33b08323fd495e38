package io.recontact.toluna.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/** Pay per complete. toluna-api §7.2. {@code CurrencyID} 1 is USD (inferred). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Price(
    @JsonProperty("Amount") BigDecimal amount,
    @JsonProperty("CurrencyID") @JsonAlias({"CurrencyId", "currencyId"}) Integer currencyId) {
}
