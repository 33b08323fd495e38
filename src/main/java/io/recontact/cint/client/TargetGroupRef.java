package io.recontact.cint.client;

/** Where a target group lives in Cint: account, project and target group ids. */
public record TargetGroupRef(int accountId, String projectId, String targetGroupId) {
}
