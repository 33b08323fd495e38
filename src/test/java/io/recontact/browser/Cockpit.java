package io.recontact.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Cockpit as the operator (demo) sees a process instance or a process definition. */
final class Cockpit {

  private final Browser browser;
  private final String engine;

  Cockpit(Browser browser, String engine) {
    this.browser = browser;
    this.engine = engine;
  }

  /**
   * Opens the instance's runtime view: the diagram is drawn with the waiting activity marked, and the instance id and
   * business key are shown in its information panel.
   */
  void showsInstance(String instanceId, String businessKey, String waitingActivity, String name) {
    browser.open("/camunda/app/cockpit/" + engine + "/#/process-instance/" + instanceId + "/runtime");
    WebElement diagram = browser.visible(By.cssSelector(".djs-container svg"));
    // The activity the token waits in is a shape of the drawn diagram, with Cockpit's instance badge on it.
    browser.visible(By.cssSelector(".djs-element[data-element-id='" + waitingActivity + "']"));
    browser.until(d -> d.findElement(By.tagName("body")).getText().contains(instanceId));
    browser.until(d -> d.findElement(By.tagName("body")).getText().contains(businessKey));
    assertThat(diagram.isDisplayed()).isTrue();
    browser.shot(name);
  }

  /**
   * A process definition's page: its name in the header and its diagram, every flow node drawn (the start event
   * stands for them). The diagram is saved for the README.
   */
  void diagramOf(String processDefinitionId, String key, String name) {
    browser.open("/camunda/app/cockpit/" + engine + "/#/process-definition/" + processDefinitionId + "/runtime");
    browser.until(d -> d.findElement(By.tagName("body")).getText().contains(name));
    WebElement canvas = browser.visible(By.cssSelector(".djs-container"));
    browser.visible(By.cssSelector(".djs-container .djs-element[data-element-type='bpmn:StartEvent'], "
        + ".djs-container .djs-shape"));
    browser.readmeShot(canvas, "diagram-" + key, key + ".png");
  }
}
