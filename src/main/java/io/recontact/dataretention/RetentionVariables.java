package io.recontact.dataretention;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of one {@code dataRetention} run: the cut-off fixed at its start (so every chunk judges by the same
 * instant), the kind and cursor of the next chunk, and the figures (rows removed per kind). Counts only: never an
 * identifier of a respondent.
 */
public final class RetentionVariables {

  public static final String CUTOFF = "retentionCutoff";
  public static final String KIND = "retentionKind";
  public static final String CURSOR = "retentionCursor";
  public static final String FILES_REMOVED = "respondentFilesRemoved";
  public static final String HISTORY_DUE = "historyInstancesDue";
  public static final String HISTORY_CLEANUP = "historyCleanup";
  public static final String SUMMARY = "retentionSummary";

  private final VariableScope scope;

  RetentionVariables(VariableScope scope) {
    this.scope = scope;
  }

  /** A new run: everything older than {@code cutoff} after its end goes; all figures start at 0. */
  void begin(Instant cutoff) {
    scope.setVariable(CUTOFF, cutoff.toString());
    scope.setVariable(KIND, RetainedKind.values()[0].name());
    scope.setVariable(CURSOR, null);
    scope.setVariable(FILES_REMOVED, 0L);
    for (RetainedKind kind : RetainedKind.values()) {
      if (kind.variable != null) {
        scope.setVariable(kind.variable, 0L);
      }
    }
    scope.setVariable(HISTORY_DUE, 0L);
  }

  Instant cutoff() {
    return Instant.parse((String) scope.getVariable(CUTOFF));
  }

  RetainedKind kind() {
    return RetainedKind.valueOf((String) scope.getVariable(KIND));
  }

  String cursor() {
    return (String) scope.getVariable(CURSOR);
  }

  /** Adds a chunk's figures; moves to the next kind once this one has nothing more. */
  void chunk(RetainedKind kind, RetainedRows.Removed removed) {
    add(kind.variable, removed.rows());
    if (kind == RetainedKind.RESPONDENT_FILES) {
      add(FILES_REMOVED, removed.items());
    }
    scope.setVariable(CURSOR, removed.more() ? removed.cursor() : null);
    scope.setVariable(KIND, (removed.more() ? kind : kind.next()).name());
  }

  void history(long due, String cleanup) {
    scope.setVariable(HISTORY_DUE, due);
    scope.setVariable(HISTORY_CLEANUP, cleanup);
    scope.setVariable(SUMMARY, summary());
  }

  long count(String name) {
    Object value = scope.getVariable(name);
    return value == null ? 0 : ((Number) value).longValue();
  }

  /** The figures by name, as the end variables hold them. */
  Map<String, Long> figures() {
    Map<String, Long> figures = new LinkedHashMap<>();
    figures.put(FILES_REMOVED, count(FILES_REMOVED));
    for (RetainedKind kind : RetainedKind.values()) {
      if (kind.variable != null) {
        figures.put(kind.variable, count(kind.variable));
      }
    }
    figures.put(HISTORY_DUE, count(HISTORY_DUE));
    return figures;
  }

  private String summary() {
    StringBuilder text = new StringBuilder("before " + scope.getVariable(CUTOFF) + ":");
    figures().forEach((name, value) -> text.append(' ').append(name).append('=').append(value));
    return text.append(", history cleanup ").append(scope.getVariable(HISTORY_CLEANUP)).toString();
  }

  private void add(String name, long n) {
    scope.setVariable(name, count(name) + n);
  }
}
