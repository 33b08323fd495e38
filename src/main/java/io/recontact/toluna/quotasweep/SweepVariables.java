package io.recontact.toluna.quotasweep;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The variables of one panel's sweep (local to the multi-instance body): the panel, the claim, a summary. */
final class SweepVariables {

  static final String PANEL_GUID = "panelGuid";
  static final String CLAIMED = "panelClaimed";
  static final String SUMMARY = "panelSweep";
  static final String TO_WAKE = "quotasToWake";

  private final VariableScope scope;

  SweepVariables(VariableScope scope) {
    this.scope = scope;
  }

  String panelGuid() {
    return (String) scope.getVariable(PANEL_GUID);
  }

  void claimed(boolean claimed) {
    scope.setVariable(CLAIMED, claimed);
  }

  void summary(String summary) {
    scope.setVariable(SUMMARY, summary);
  }

  /** Quota IDs only (a few numbers), never member data. */
  void toWake(List<Long> quotaIds) {
    scope.setVariable(TO_WAKE, String.join(",", quotaIds.stream().map(String::valueOf).toList()));
  }

  List<Long> toWake() {
    Object value = scope.getVariable(TO_WAKE);
    if (value == null || value.toString().isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.toString().split(",")).map(String::strip).map(Long::valueOf).toList();
  }
}
