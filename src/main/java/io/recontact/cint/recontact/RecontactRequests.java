package io.recontact.cint.recontact;


/** Reads a recontact request the same way at every entry point: parsed, with the configured defaults filled in. */
final class RecontactRequests {

  private RecontactRequests() {
  }

  /** @throws IllegalArgumentException naming what makes the JSON unreadable */
  static RecontactRequest read(String json, CintRecontactProperties defaults) {
    return filled(RecontactVariables.parse(json), defaults);
  }

  static RecontactRequest filled(RecontactRequest request, CintRecontactProperties defaults) {
    return request.withDefaults(defaults.businessUnitId(), defaults.projectManagerId());
  }
}
