package io.recontact;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Cint flow packages depend only downward (cint.process, cint.client, process, respondentfile, ...), never on
 * one another: what two flows share lives in io.recontact.cint.process.
 */
class FlowDependenciesTest {

  static final List<String> FLOWS = List.of("cintrecontact", "cintuploadrespondents", "cintremoverecontacts",
      "cintreplacerecontacts", "cintstatus");
  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.recontact");

  @ParameterizedTest
  @ValueSource(strings = {"cintrecontact", "cintuploadrespondents", "cintremoverecontacts", "cintreplacerecontacts",
      "cintstatus"})
  void flowDependsOnNoOtherFlow(String flow) {
    String[] others = FLOWS.stream().filter(f -> !f.equals(flow)).map(f -> "io.recontact." + f + "..")
        .toArray(String[]::new);
    noClasses().that().resideInAPackage("io.recontact." + flow + "..")
        .should().dependOnClassesThat().resideInAnyPackage(others)
        .because("flows share only what lives below them, in io.recontact.cint.process")
        .check(MAIN);
  }

  @Test
  void sharedCintPiecesDependOnNoFlow() {
    noClasses().that().resideInAPackage("io.recontact.cint..")
        .should().dependOnClassesThat().resideInAnyPackage(FLOWS.stream().map(f -> "io.recontact." + f + "..")
            .toArray(String[]::new))
        .check(MAIN);
  }
}
