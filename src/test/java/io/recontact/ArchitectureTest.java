package io.recontact;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/** Package rules over the main classes (tests may use the sandbox freely: it is their marketplace). */
@AnalyzeClasses(packages = "io.recontact", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final String SANDBOX = "io.recontact.sandbox..";
  /** The Cint and Toluna flows and their shared pieces: cint, cintrecontact, ..., toluna, tolunaquotas, ... */
  static final String[] FLOWS = {"io.recontact.cint*..", "io.recontact.toluna*.."};

  // --- The sandbox stays apart: it exists only through its own switch (SandboxConfiguration).

  @ArchTest
  static final ArchRule nothingOutsideTheSandboxUsesIt = noClasses()
      .that().resideOutsideOfPackage(SANDBOX)
      .should().dependOnClassesThat().resideInAPackage(SANDBOX)
      .because("the sandbox is switched on by recontact.sandbox.enabled alone and never ships into prod's wiring");

  @ArchTest
  static final ArchRule flowsNeverUseTheirSimulators = noClasses()
      .that().resideInAnyPackage(FLOWS)
      .should().dependOnClassesThat().resideInAnyPackage("io.recontact.sandbox.cint..", "io.recontact.sandbox.toluna..")
      .because("a flow talks to a marketplace through its client, whether the simulator or the real one answers");

  // --- Layering of the flow packages: flows depend only downward; what two Cint flows share lives in cint.process.

  static final String[] CINT_FLOWS = {"io.recontact.cintrecontact..", "io.recontact.cintuploadrespondents..",
      "io.recontact.cintremoverecontacts..", "io.recontact.cintreplacerecontacts..", "io.recontact.cintstatus.."};

  @ArchTest
  static final ArchRule recontactUsesNoOtherFlow = usesNoOtherFlow(0);
  @ArchTest
  static final ArchRule uploadUsesNoOtherFlow = usesNoOtherFlow(1);
  @ArchTest
  static final ArchRule removalUsesNoOtherFlow = usesNoOtherFlow(2);
  @ArchTest
  static final ArchRule replacementUsesNoOtherFlow = usesNoOtherFlow(3);
  @ArchTest
  static final ArchRule statusUsesNoOtherFlow = usesNoOtherFlow(4);

  static final String[] TOLUNA_FLOWS = {"io.recontact.tolunaquotasweep..", "io.recontact.tolunarecontactquota..",
      "io.recontact.tolunaquotas..", "io.recontact.tolunanotifications.."};

  @ArchTest
  static final ArchRule sharedCintPiecesUseNoFlow = noClasses()
      .that().resideInAPackage("io.recontact.cint..")
      .should().dependOnClassesThat().resideInAnyPackage(CINT_FLOWS)
      .because("the shared Cint pieces sit below the flows");

  @ArchTest
  static final ArchRule sharedPiecesUseNoFlow = noClasses()
      .that().resideInAnyPackage("io.recontact.toluna..", "io.recontact.marketplace..", "io.recontact.process..",
          "io.recontact.respondentfile..", "io.recontact.panel..", "io.recontact.storage..", "io.recontact.logging..")
      .should().dependOnClassesThat().resideInAnyPackage(TOLUNA_FLOWS)
      .orShould().dependOnClassesThat().resideInAnyPackage(CINT_FLOWS)
      .because("clients, models and shared steps sit below the flows that use them");

  static ArchRule usesNoOtherFlow(int flow) {
    String[] others = Arrays.stream(CINT_FLOWS).filter(f -> !f.equals(CINT_FLOWS[flow])).toArray(String[]::new);
    return noClasses().that().resideInAPackage(CINT_FLOWS[flow])
        .should().dependOnClassesThat().resideInAnyPackage(others)
        .because("flows share only what lives below them, in io.recontact.cint.process");
  }
}
