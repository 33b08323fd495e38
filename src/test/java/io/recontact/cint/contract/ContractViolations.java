package io.recontact.cint.contract;

import com.atlassian.oai.validator.report.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thread-safe record of contract violations (and of exchanges deliberately not validated).
 *
 * <p>{@link #shared()} is the recorder that {@link CintContract#validate} and a default
 * {@link ContractValidatingClient} write to; tests assert on it through {@link CintContractExtension} or
 * {@link #assertNone()}. Tests that provoke violations on purpose use their own instance so they never pollute the
 * shared one.
 */
public final class ContractViolations {

  /** One ERROR-level message of the validator, with the exchange it came from. */
  public record Violation(String method, String path, int status, String key, String message) {

    @Override
    public String toString() {
      return method + " " + path + " -> " + (status < 0 ? "(request only)" : status) + " [" + key + "] " + message;
    }
  }

  /** An exchange that was outside the contract and therefore not validated (counted, never silent). */
  public record Skipped(String method, String url, String reason) {
  }

  private static final ContractViolations SHARED = new ContractViolations();

  private final List<Violation> violations = new ArrayList<>();
  private final List<Skipped> skipped = new ArrayList<>();
  private int validatedExchanges;

  public static ContractViolations shared() {
    return SHARED;
  }

  public static ContractViolations newRecorder() {
    return new ContractViolations();
  }

  /** Records the ERROR messages of {@code report}; returns how many were recorded. */
  public synchronized int record(String method, String path, int status, ValidationReport report) {
    validatedExchanges++;
    int added = 0;
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        violations.add(new Violation(method, path, status, m.getKey(), describe(m)));
        added++;
      }
    }
    return added;
  }

  /** Records a violation found by the harness itself (checks the validator cannot do, e.g. multipart parts). */
  public synchronized void recordHarnessViolation(String method, String path, int status, String key, String message) {
    violations.add(new Violation(method, path, status, key, message));
  }

  public synchronized void recordSkipped(String method, String url, String reason) {
    skipped.add(new Skipped(method, url, reason));
  }

  public synchronized List<Violation> violations() {
    return List.copyOf(violations);
  }

  public synchronized List<Skipped> skipped() {
    return List.copyOf(skipped);
  }

  public synchronized int skippedCount() {
    return skipped.size();
  }

  public synchronized int validatedExchanges() {
    return validatedExchanges;
  }

  public synchronized void clear() {
    violations.clear();
    skipped.clear();
    validatedExchanges = 0;
  }

  /** Throws an {@link AssertionError} listing every recorded violation, if there is any. */
  public void assertNone() {
    List<Violation> snapshot = violations();
    if (!snapshot.isEmpty()) {
      throw new AssertionError(snapshot.size() + " Cint contract violation(s) "
          + "(document: " + CintContract.SPEC_RESOURCE + "):\n  "
          + snapshot.stream().map(Violation::toString).collect(Collectors.joining("\n  ")));
    }
  }

  private static String describe(ValidationReport.Message m) {
    StringBuilder sb = new StringBuilder(m.getMessage());
    for (String info : m.getAdditionalInfo()) {
      sb.append(" | ").append(info);
    }
    for (ValidationReport.Message nested : m.getNestedMessages()) {
      sb.append(" | nested [").append(nested.getKey()).append("] ").append(nested.getMessage());
    }
    return sb.toString();
  }
}
