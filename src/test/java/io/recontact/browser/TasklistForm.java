package io.recontact.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * One task's Camunda Form as Tasklist renders it (form-js). Fields are found by their key: the .form file on the
 * class path names the component id behind each key, and form-js renders that id (behind a per-render prefix) on the
 * input, on each radio option (suffix -0, -1, …) and on the error message (suffix -error-message).
 */
final class TasklistForm {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Browser browser;
  private final String formFile;
  private final Map<String, JsonNode> components = new HashMap<>();

  TasklistForm(Browser browser, String formFile) {
    this.browser = browser;
    this.formFile = formFile;
    try (InputStream in = TasklistForm.class.getResourceAsStream("/forms/" + formFile)) {
      if (in == null) {
        throw new IllegalStateException("forms/" + formFile + " is not on the class path");
      }
      collect(JSON.readTree(in).path("components"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void collect(JsonNode list) {
    for (JsonNode component : list) {
      if (component.hasNonNull("key")) {
        components.put(component.get("key").asText(), component);
      }
      collect(component.path("components"));
    }
  }

  /**
   * Opens the task in Tasklist, claims it and waits until the form shows the process's figure in {@code loadedKey}.
   * The task must also be listed (the approvers' filter finds it through the candidate group).
   */
  TasklistForm open(String engine, String taskId, String loadedKey) {
    view(engine, taskId, loadedKey);
    WebElement claim = browser.visible(By.cssSelector("button.claim[ng-click='claim()']"));
    browser.click(claim);
    // Claimed: Tasklist offers to unclaim and lifts the grey cover it lays over a form of someone else's task.
    browser.visible(By.cssSelector("button.unclaim[ng-click='unclaim()']"));
    browser.until(d -> d.findElements(By.cssSelector(".disabled-form")).isEmpty());
    return this;
  }

  /** Opens the task in Tasklist without claiming it: it is listed, and the form shows {@code loadedKey}. */
  TasklistForm view(String engine, String taskId, String loadedKey) {
    browser.open("/camunda/app/tasklist/" + engine + "/#/?task=" + taskId);
    browser.visible(By.cssSelector(".tasks-list a[href$='task=" + taskId + "']"));
    browser.visible(By.cssSelector("form.fjs-form"));
    browser.until(d -> !value(loadedKey).isEmpty());
    return this;
  }

  private String componentId(String key) {
    JsonNode component = components.get(key);
    if (component == null) {
      throw new IllegalArgumentException(formFile + " has no field with key " + key);
    }
    return component.get("id").asText();
  }

  private By input(String key) {
    return By.cssSelector("form.fjs-form [id$='-" + componentId(key) + "']");
  }

  WebElement field(String key) {
    return browser.driver.findElement(input(key));
  }

  /** What the field shows (a checkbox gives "true" or "false"). */
  String value(String key) {
    WebElement field = field(key);
    if ("checkbox".equals(field.getDomAttribute("type"))) {
      return String.valueOf(field.isSelected());
    }
    String value = field.getDomProperty("value");
    return value == null ? "" : value;
  }

  boolean disabled(String key) {
    return !field(key).isEnabled();
  }

  /** Replaces what an editable field holds and leaves it, as a person would (form-js validates on blur). */
  void type(String key, String text) {
    WebElement field = field(key);
    browser.click(field);
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    if (!text.isEmpty()) {
      field.sendKeys(text);
    }
    field.sendKeys(Keys.TAB);
  }

  /** Picks a radio option by its value, as listed in the .form file. */
  void choose(String key, String optionValue) {
    JsonNode values = components.get(key).path("values");
    for (int i = 0; i < values.size(); i++) {
      if (optionValue.equals(values.get(i).path("value").asText())) {
        browser.click(browser.driver.findElement(By.cssSelector("form.fjs-form label[for$='-" + componentId(key)
            + "-" + i + "']")));
        return;
      }
    }
    throw new IllegalArgumentException(formFile + ": " + key + " has no option " + optionValue);
  }

  /** Waits for form-js's validation message under the field and returns it. */
  String awaitError(String key) {
    By error = By.cssSelector("form.fjs-form [id$='-" + componentId(key) + "-error-message']");
    return browser.until(d -> d.findElements(error).stream().map(WebElement::getText).filter(t -> !t.isBlank())
        .findFirst().orElse(null));
  }

  boolean hasError(String key) {
    return !browser.driver.findElements(By.cssSelector("form.fjs-form [id$='-" + componentId(key)
        + "-error-message']")).stream().map(WebElement::getText).allMatch(String::isBlank);
  }

  void complete() {
    browser.click(completeButton());
  }

  WebElement completeButton() {
    return browser.driver.findElement(By.cssSelector("button[ng-click='complete()']"));
  }

  /** Waits until Tasklist enables Complete: the form holds no error. */
  void awaitCompletable() {
    browser.until(d -> completeButton().isEnabled());
  }

  /** Whether the form shows its hint that a decision is missing (hidden once one is chosen). */
  boolean showsDecisionHint() {
    return browser.driver.findElements(By.cssSelector("form.fjs-form .fjs-form-field-text")).stream()
        .anyMatch(text -> text.getText().startsWith("Choose a decision"));
  }

  /**
   * A required field is empty: the form keeps Tasklist's Complete button disabled and says so itself. Clicking the
   * button anyway submits nothing, and Tasklist shows no "An error happened while submitting the task form" (it did
   * beside form-js's "Field is required." when the button was enabled: its Camunda Forms handler reports form-js's
   * validation errors as a failed submission).
   */
  void refusesToComplete(String screenshot) {
    browser.until(d -> !completeButton().isEnabled());
    complete();
    browser.showsNoNotification("An error happened", screenshot);
    if (browser.driver.findElements(By.cssSelector("form.fjs-form")).isEmpty()) {
      throw new AssertionError("Tasklist closed the form: the task was submitted");
    }
  }

  /** Whether a read-only field shows all of its text: nothing is cut off or hidden behind a scroll bar. */
  boolean showsWholeText(String key) {
    return Boolean.TRUE.equals(((JavascriptExecutor) browser.driver).executeScript(
        "const e = arguments[0]; return e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight;",
        field(key)));
  }

  /** The form's link whose address contains the text. */
  WebElement link(String hrefContains) {
    return browser.visible(By.cssSelector("form.fjs-form a[href*='" + hrefContains + "']"));
  }

  /**
   * Opens the form's link in a tab of its own, as the person would, and returns the page's text: the Tasklist login
   * reads {@code /api}. The form's tab is selected again afterwards.
   */
  String followInNewTab(String hrefContains) {
    String href = link(hrefContains).getDomProperty("href");
    WebDriver driver = browser.driver;
    String formTab = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.TAB);
    try {
      driver.get(href);
      return browser.until(d -> {
        String text = d.findElement(By.tagName("body")).getText();
        return text.isBlank() ? null : text;
      });
    } finally {
      driver.close();
      driver.switchTo().window(formTab);
    }
  }

  /** Waits for a Tasklist notification (as after a refused completion) and returns its text. */
  String awaitNotification(String contains) {
    return browser.until(d -> d.findElements(By.cssSelector(".page-notifications .notification, "
        + ".page-notifications .alert")).stream().map(WebElement::getText).filter(t -> t.contains(contains))
        .findFirst().orElse(null));
  }

  /** After completion Tasklist closes the form: no task is selected any more. */
  void awaitClosed() {
    browser.until(d -> d.findElements(By.cssSelector("form.fjs-form")).isEmpty());
  }
}
