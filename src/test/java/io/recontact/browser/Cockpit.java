package io.recontact.browser;

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
   * Opens the instance's runtime view: the diagram is drawn with Cockpit's instance badge ("1") on the activity the
   * token waits in, and the information panel shows the instance id and business key.
   */
  void showsInstance(String instanceId, String businessKey, String waitingActivity, String name) {
    browser.open("/camunda/app/cockpit/" + engine + "/#/process-instance/" + instanceId + "/runtime");
    browser.visible(By.cssSelector(".djs-container .djs-element[data-element-id='" + waitingActivity + "']"));
    browser.until(d -> "1".equals(text(d.findElement(By.cssSelector(".djs-overlays[data-container-id='"
        + waitingActivity + "'] .badge.instance-count")))));
    // The panel may cut a long id or key short on screen; the element holds it whole.
    browser.until(d -> instanceId.equals(text(d.findElement(By.cssSelector("dd.instance-id")))));
    browser.until(d -> businessKey.equals(text(d.findElement(By.cssSelector("dd.business-key")))));
    browser.shot(name);
  }

  /** The diagram of the instance view opened last, with its instance badges; also written to docs/images/. */
  void instanceDiagram(String name, String readmeFile) {
    browser.readmeShot(browser.visible(By.cssSelector(".djs-container")), name, readmeFile);
  }

  private static String text(WebElement element) {
    String text = element.getDomProperty("textContent");
    return text == null ? "" : text.strip();
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
