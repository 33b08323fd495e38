package io.recontact.toluna.quotasweep;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of one panel's sweep, local to the panel's {@code SweepPanel} sub-process (its input parameters):
 * the panel, the claim, the figures and a summary. History keeps them, so {@link SweepRuns} shows finished sweeps.
 */
final class SweepVariables {

  static final String PANEL_GUID = "panelGuid";
  static final String SWEPT_PANEL = "sweptPanel";
  static final String CLAIMED = "panelClaimed";
  static final String SUMMARY = "panelSweep";
  static final String OUTCOME = "panelOutcome";
  static final String TO_WAKE = "quotasToWake";
  static final String OFFERED = "quotasOffered";
  static final String CHANGED = "quotasChanged";
  static final String STARTED = "instancesStarted";
  /** Every variable of the panel's scope, as history holds them. */
  static final List<String> PANEL_SCOPE = List.of(SWEPT_PANEL, OUTCOME, SUMMARY, TO_WAKE, OFFERED,
      CHANGED, STARTED);

  /**
   * What became of the panel in this sweep: NOT_SWEPT until the inventory is stored (for good when the sweep was
   * deleted first), SKIPPED while an earlier sweep still held the panel, SWEPT once the inventory is stored.
   */
  enum PanelOutcome { NOT_SWEPT, SKIPPED, SWEPT }

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

  void outcome(PanelOutcome outcome) {
    scope.setVariable(OUTCOME, outcome.name());
  }

  void summary(String summary) {
    scope.setVariable(SUMMARY, summary);
  }

  /** What GetQuotas brought: quotas offered, new, changed or gone, and the quota instances started. */
  void figures(long offered, long changed, long started) {
    scope.setVariable(OFFERED, offered);
    scope.setVariable(CHANGED, changed);
    scope.setVariable(STARTED, started);
  }

  /** Quota IDs only (a few numbers), never member data. */
  void toWake(List<Long> quotaIds) {
    scope.setVariable(TO_WAKE, String.join(",", quotaIds.stream().map(String::valueOf).toList()));
  }

  List<Long> toWake() {
    return ids(scope.getVariable(TO_WAKE));
  }

  /** The quota IDs of a {@link #TO_WAKE} value. */
  static List<Long> ids(Object value) {
    if (value == null || value.toString().isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.toString().split(",")).map(String::strip).map(Long::valueOf).toList();
  }
}
