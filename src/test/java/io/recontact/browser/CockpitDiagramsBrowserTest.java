package io.recontact.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;

/**
 * Each process's diagram as Cockpit draws it, for the operator (demo). The README's diagram images are these
 * screenshots: -Dbrowser.readme-screenshots=true writes them to docs/images/&lt;processKey&gt;.png.
 */
class CockpitDiagramsBrowserTest extends BrowserTestBase {

  static final List<String> PROCESSES = List.of("cintRecontact", "cintUploadRespondents", "cintRemoveRecontacts",
      "cintReplaceRecontacts", "tolunaQuotaSweep", "tolunaRecontactQuota");

  @Test
  void cockpitDrawsTheDiagramOfEveryProcess() {
    List<String> deployed = engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()
        .stream().map(ProcessDefinition::getKey).toList();
    assertThat(deployed).as("every process the README shows").containsAll(PROCESSES);
    // Twice the pixels: the wide Toluna diagram stays readable when the README image is zoomed.
    try (Browser browser = browser("cockpit-diagrams", "--force-device-scale-factor=2")) {
      browser.login("cockpit", ENGINE, "demo");
      Cockpit cockpit = new Cockpit(browser, ENGINE);
      for (String key : PROCESSES) {
        ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey(key).latestVersion().singleResult();
        cockpit.diagramOf(definition.getId(), key, definition.getName());
      }
    }
  }
}
