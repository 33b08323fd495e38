package io.recontact.cint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks the account/project/target group triple a person gives for an existing Cint target group. */
public final class TargetGroupCoordinates {

  private static final Pattern ULID = Pattern.compile("^[0-9A-Z]{26}$");

  private TargetGroupCoordinates() {
  }

  public static List<String> problems(Object accountId, Object projectId, Object targetGroupId) {
    List<String> problems = new ArrayList<>();
    if (!(accountId instanceof Number number) || number.intValue() <= 0) {
      problems.add("accountId is required (a positive number)");
    }
    if (!(projectId instanceof String project) || !ULID.matcher(project).matches()) {
      problems.add("projectId is required: a Cint project id (26 characters, 0-9 and A-Z)");
    }
    if (!(targetGroupId instanceof String group) || !ULID.matcher(group).matches()) {
      problems.add("targetGroupId is required: a Cint target group id (26 characters, 0-9 and A-Z)");
    }
    return problems;
  }
}
