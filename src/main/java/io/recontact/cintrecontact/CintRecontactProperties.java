package io.recontact.cintrecontact;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Defaults for what users usually leave out of a recontact request. */
@ConfigurationProperties("recontact.cint.defaults")
public record CintRecontactProperties(String businessUnitId, String projectManagerId) {
}
