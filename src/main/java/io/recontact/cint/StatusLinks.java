package io.recontact.cint;

/**
 * Where the status API ({@code io.recontact.cint.status}) shows an instance of each Cint flow. Every start answers
 * the link as {@code status}: it answers while the instance runs and after it ended, which Cockpit CE does not.
 */
public final class StatusLinks {

  public static final String RECONTACTS = "/api/cint/recontacts";
  public static final String REPLACEMENTS = "/api/cint/replacements";
  public static final String REMOVALS = "/api/cint/removals";

  private StatusLinks() {
  }

  public static String recontact(String processInstanceId) {
    return RECONTACTS + "/" + processInstanceId;
  }

  public static String replacement(String processInstanceId) {
    return REPLACEMENTS + "/" + processInstanceId;
  }

  public static String removal(String processInstanceId) {
    return REMOVALS + "/" + processInstanceId;
  }
}
