package io.recontact.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the harness kills the engine: in a service task before its API call, during it (the simulator holds the
 * answer back), after the answer before the commit, or while an instance waits at a timer.
 */
record KillPoint(String activity, When when, String operation) {

  enum When { BEFORE, DURING, AFTER, TIMER }

  /** The operation of the partner's payout receiver (/sandbox/partner/payouts), not Cint's or Toluna's. */
  static final String PARTNER_PAYOUTS = "payouts";

  /** Service tasks that call an API, with the Cint operation or Toluna route of their call (null: the partner). */
  static final List<KillPoint> SERVICE_TASKS = List.of(
      new KillPoint("CreateDraftTargetGroup", null, "create_target_group"),
      new KillPoint("PlanUploadBatches", null, "get_recontacts_overview"),
      new KillPoint("StartUploadJob", null, "recontact_create_upload_respondents_by_file_job"),
      new KillPoint("CheckUploadJob", null, "get_recontact_upload_respondents_by_file_job"),
      new KillPoint("PrepareUploadReview", null, "get_target_group_rsid_recontact_list"),
      new KillPoint("UpdateCompletesGoal", null, "update_target_group"),
      new KillPoint("CheckSavedCount", null, "get_recontacts_overview"),
      new KillPoint("StartLaunchJob", null, "create_launch_fielding_run_from_draft_job"),
      new KillPoint("CheckLaunchJob", null, "get_launch_fielding_run_from_draft_job"),
      new KillPoint("StartRemoveAllJob", null, "create_all_recontact_rsids_removal_job"),
      new KillPoint("CheckRemoveAllJob", null, "recontacts_remove_all_rsids_job_status"),
      new KillPoint("FetchQuotaInventory", null, "GetQuotas"),
      new KillPoint("FetchMemberCodes", null, "RecontactMemberCodes"),
      new KillPoint("UpdateMembersAtToluna", null, "GetMember"),
      new KillPoint("GenerateInvites", null, "GenerateInvite"),
      new KillPoint("DeliverInvites", null, null),
      // Incentive payouts to the partner's rewards system; "during": the receiver books the payout and answers late.
      new KillPoint("PayOutCredits", null, PARTNER_PAYOUTS));

  /** Timers the load passes through (the 409 waits WaitForRunningJob / WaitForRunningRemoval need a conflict). */
  static final List<String> TIMERS = List.of("WaitForUploadJob", "WaitForLaunchJob", "WaitForRemoveAllJob",
      "WaitForDeliveryRetry", "RefreshDue");

  static KillPoint before(String activity) {
    return of(activity, When.BEFORE);
  }

  static KillPoint during(String activity) {
    return of(activity, When.DURING);
  }

  static KillPoint after(String activity) {
    return of(activity, When.AFTER);
  }

  static KillPoint timer(String activity) {
    return new KillPoint(activity, When.TIMER, null);
  }

  private static KillPoint of(String activity, When when) {
    KillPoint task = SERVICE_TASKS.stream().filter(k -> k.activity.equals(activity)).findFirst().orElseThrow();
    return new KillPoint(activity, when, task.operation);
  }

  /** Every service task before, during (where the simulator can delay the call) and after; then every timer. */
  static List<KillPoint> matrix() {
    List<KillPoint> all = new ArrayList<>();
    for (KillPoint task : SERVICE_TASKS) {
      all.add(before(task.activity));
      if (task.operation != null) {
        all.add(during(task.activity));
      }
      all.add(after(task.activity));
    }
    TIMERS.forEach(t -> all.add(timer(t)));
    return all;
  }

  boolean cint() {
    return !partner() && Character.isLowerCase(operation.charAt(0));
  }

  boolean partner() {
    return PARTNER_PAYOUTS.equals(operation);
  }

  @Override
  public String toString() {
    return activity + " " + when.name().toLowerCase(java.util.Locale.ROOT);
  }
}
