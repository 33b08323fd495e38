package io.recontact.cint.contract;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Cint contract violations were recorded while it ran.
 *
 * <pre>{@code
 * @RegisterExtension
 * static CintContractExtension contract = CintContractExtension.perTest();
 * }</pre>
 *
 * <p>{@link #perTest()} clears the recorder before each test and asserts after each; {@link #perClass()} clears
 * before all tests of the class and asserts once after all of them. Both work on
 * {@link ContractViolations#shared()} unless given another recorder. The shared recorder is process-wide: do not
 * run contract-checked tests concurrently in one JVM.
 */
public final class CintContractExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final ContractViolations recorder;
  private final boolean perTest;

  private CintContractExtension(ContractViolations recorder, boolean perTest) {
    this.recorder = recorder;
    this.perTest = perTest;
  }

  public static CintContractExtension perTest() {
    return new CintContractExtension(ContractViolations.shared(), true);
  }

  public static CintContractExtension perClass() {
    return new CintContractExtension(ContractViolations.shared(), false);
  }

  public static CintContractExtension perTest(ContractViolations recorder) {
    return new CintContractExtension(recorder, true);
  }

  public ContractViolations recorder() {
    return recorder;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!perTest) {
      recorder.clear();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (perTest) {
      recorder.clear();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      recorder.assertNone();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!perTest) {
      recorder.assertNone();
    }
  }
}
