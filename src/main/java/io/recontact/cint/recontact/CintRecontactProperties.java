package io.recontact.cint.recontact;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults for what users usually leave out of a recontact request.
 *
 * @param businessUnitId business unit when a request has none; also read from the older variable
 *     {@code RECONTACT_CINT_DEFAULT_BUSINESS_UNIT_ID}
 * @param projectManagerId project manager (user UUID) when a request has none; also read from the older variable
 *     {@code RECONTACT_CINT_DEFAULT_PROJECT_MANAGER_ID}
 */
@ConfigurationProperties("recontact.cint.defaults")
public record CintRecontactProperties(String businessUnitId, String projectManagerId) {
}
