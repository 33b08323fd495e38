package io.recontact;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layering, once for both marketplaces (main classes only; tests may use anything):
 * <pre>
 *   sandbox                      (simulators, demo data: only through its own switch)
 *   read sides                   cint.status, toluna.quotas, toluna.notifications, toluna.quotasweep
 *   flows                        cint.recontact, cint.uploadrespondents, cint.replacerecontacts,
 *                                cint.removerecontacts, cint.followfielding, toluna.recontactquota,
 *                                toluna.quotasweep
 *   marketplace pieces           cint, cint.client, cint.respondentfile, toluna, toluna.client, toluna.model, ...
 *   shared                       engine, web, marketplace, panel, storage, config, metrics, logging, governance
 * </pre>
 * A flow's package is its process id without the marketplace ({@code cintUploadRespondents} is
 * {@code io.recontact.cint.uploadrespondents}). A flow never uses a sibling flow; a read side uses a flow only
 * through its {@code …Variables} and {@code …Signals} classes; nothing below the flows uses one.
 */
@AnalyzeClasses(packages = "io.recontact", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final String SANDBOX = "io.recontact.sandbox..";
  static final String CINT = "io.recontact.cint..";
  static final String TOLUNA = "io.recontact.toluna..";

  /** One package per process. The sweep is a flow and a read side: it starts and wakes quota instances. */
  static final List<String> FLOWS = List.of("io.recontact.cint.recontact..", "io.recontact.cint.uploadrespondents..",
      "io.recontact.cint.replacerecontacts..", "io.recontact.cint.removerecontacts..",
      "io.recontact.cint.followfielding..", "io.recontact.toluna.recontactquota..",
      "io.recontact.toluna.quotasweep..");
  /** Show or wake what the flows do: the status and quota APIs, Toluna's notifications, the sweep. */
  static final List<String> READ_SIDES = List.of("io.recontact.cint.status..", "io.recontact.toluna.quotas..",
      "io.recontact.toluna.notifications..", "io.recontact.toluna.quotasweep..");
  /** Each marketplace's pieces below its flows (a root package holds what its flows share). */
  static final String[] MARKETPLACE_PIECES = {"io.recontact.cint", "io.recontact.cint.client..",
      "io.recontact.cint.respondentfile..", "io.recontact.toluna", "io.recontact.toluna.client..",
      "io.recontact.toluna.model..", "io.recontact.toluna.sampling..", "io.recontact.toluna.eligibility..",
      "io.recontact.toluna.inventory..", "io.recontact.toluna.membersync..", "io.recontact.toluna.delivery.."};
  /** Below both marketplaces. */
  static final String[] SHARED = {"io.recontact.engine..", "io.recontact.web..", "io.recontact.marketplace..",
      "io.recontact.panel..", "io.recontact.storage..", "io.recontact.config..", "io.recontact.metrics..",
      "io.recontact.logging..", "io.recontact.governance.."};

  /** A flow's public face for read sides: its typed variables and the signals that wake or start it. */
  static final DescribedPredicate<JavaClass> VARIABLES_OR_SIGNALS = DescribedPredicate.describe(
      "a …Variables or …Signals class", c -> {
        String top = c.getName().substring(c.getPackageName().length() + 1).split("\\$")[0];
        return top.endsWith("Variables") || top.endsWith("Signals");
      });

  @ArchTest
  static final ArchRule nothingOutsideTheSandboxUsesIt = noClasses()
      .that().resideOutsideOfPackage(SANDBOX)
      .should().dependOnClassesThat().resideInAPackage(SANDBOX)
      .because("the sandbox is switched on by recontact.sandbox.enabled alone and never ships into prod's wiring");

  @ArchTest
  static final ArchRule flowsNeverUseASiblingFlow = CompositeArchRule.of(FLOWS.stream()
      .filter(flow -> !READ_SIDES.contains(flow))
      .map(flow -> noClasses().that().resideInAPackage(flow)
          .should().dependOnClassesThat(resideInAnyPackage(othersThan(flow)))
          .because("a flow shares only what lives below it; where it needs another flow's fact, the fact moves "
              + "below both (or becomes a call activity's output)"))
      .toList()).as("flows never use a sibling flow");

  @ArchTest
  static final ArchRule readSidesUseAFlowOnlyThroughItsVariablesAndSignals = CompositeArchRule.of(READ_SIDES.stream()
      .map(side -> noClasses().that().resideInAPackage(side)
          .should().dependOnClassesThat(resideInAnyPackage(othersThan(side)).and(not(VARIABLES_OR_SIGNALS)))
          .because("a read side reads a flow's variables (and its tables with its own queries) and wakes it "
              + "through its signals, never its steps"))
      .toList()).as("read sides use a flow only through its …Variables and …Signals classes");

  @ArchTest
  static final ArchRule marketplacePiecesUseNoFlow = noClasses()
      .that().resideInAnyPackage(MARKETPLACE_PIECES)
      .should().dependOnClassesThat(resideInAnyPackage(flowsAndReadSides()))
      .because("clients, models and what a marketplace's flows share sit below the flows");

  @ArchTest
  static final ArchRule sharedPiecesUseNoMarketplace = noClasses()
      .that().resideInAnyPackage(SHARED)
      .should().dependOnClassesThat().resideInAnyPackage(CINT, TOLUNA)
      .because("engine, web, marketplace and the other shared packages sit below both marketplaces");

  @ArchTest
  static final ArchRule cintUsesNoToluna = noClasses().that().resideInAPackage(CINT)
      .should().dependOnClassesThat().resideInAPackage(TOLUNA)
      .because("the marketplaces share only what sits below both");

  @ArchTest
  static final ArchRule tolunaUsesNoCint = noClasses().that().resideInAPackage(TOLUNA)
      .should().dependOnClassesThat().resideInAPackage(CINT)
      .because("the marketplaces share only what sits below both");

  /** Every diagram's process has its package, and every flow package its diagram. */
  @ArchTest
  static void flowPackagesAreTheProcessIds(JavaClasses classes) throws IOException {
    List<String> fromDiagrams = new ArrayList<>();
    Pattern processId = Pattern.compile("<bpmn:process id=\"(cint|toluna)([A-Za-z]+)\"");
    try (Stream<Path> diagrams = Files.list(Path.of("bpmn"))) {
      for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        Matcher m = processId.matcher(Files.readString(diagram));
        while (m.find()) {
          fromDiagrams.add("io.recontact." + m.group(1) + "." + m.group(2).toLowerCase(Locale.ROOT) + "..");
        }
      }
    }
    assertThat(fromDiagrams).containsExactlyInAnyOrderElementsOf(FLOWS);
    for (String flow : FLOWS) {
      String pkg = flow.substring(0, flow.length() - 2);
      assertThat(classes.stream().anyMatch(c -> c.getPackageName().equals(pkg))).as(pkg).isTrue();
    }
  }

  static String[] othersThan(String pkg) {
    return flowsAndReadSidesStream().filter(other -> !other.equals(pkg)).toArray(String[]::new);
  }

  static String[] flowsAndReadSides() {
    return flowsAndReadSidesStream().toArray(String[]::new);
  }

  private static Stream<String> flowsAndReadSidesStream() {
    return Stream.concat(FLOWS.stream(), READ_SIDES.stream()).distinct();
  }
}
