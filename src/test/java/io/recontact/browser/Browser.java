package io.recontact.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through /usr/bin/chromedriver. Both paths are named, so Selenium Manager never
 * runs (it would download a browser and send statistics). Every step leaves a screenshot under
 * target/browser-screenshots/; with -Dbrowser.readme-screenshots=true the README's images are written to docs/images/.
 */
final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  static final Path README_IMAGES = Path.of("docs", "images");
  static final boolean README = Boolean.getBoolean("browser.readme-screenshots");
  /** Generous: the first Tasklist load compiles AngularJS templates and fetches form-js on two shared cores. */
  static final Duration WAIT = Duration.ofSeconds(60);

  final WebDriver driver;
  final String baseUrl;
  /** Where the browser saves what a link downloads (inside the temporary profile, removed on close). */
  final Path downloads;
  private final Path profile;
  private final String prefix;
  private int step;

  Browser(String baseUrl, String prefix, String... extraArguments) {
    this.baseUrl = baseUrl;
    this.prefix = prefix;
    String chromium = System.getProperty("browser.chromium", "/usr/bin/chromium");
    String chromedriver = System.getProperty("browser.chromedriver", "/usr/bin/chromedriver");
    try {
      profile = Files.createTempDirectory("recontact-chromium-");
      downloads = Files.createDirectories(profile.resolve("downloads"));
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1600,1100", "--lang=en-US", "--user-data-dir=" + profile);
    options.addArguments(extraArguments);
    options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
        "download.prompt_for_download", false));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(chromedriver).toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1600, 1100));
  }

  WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
    // AngularJS re-renders what it shows; an element found a moment ago may be replaced while it is read.
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Waits for the condition; on time-out leaves the screen and its HTML beside the screenshots for the diagnosis. */
  <T> T until(Function<WebDriver, T> condition) {
    try {
      return waiting().until(condition);
    } catch (TimeoutException e) {
      Path shot = shot("timeout");
      try {
        Files.writeString(Path.of(shot.toString().replace(".png", ".html")), driver.getPageSource());
      } catch (IOException | RuntimeException ignored) {
        // the time-out is the failure that matters
      }
      throw e;
    }
  }

  WebElement visible(By by) {
    return until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  void open(String path) {
    driver.get(baseUrl + path);
  }

  /**
   * Logs into a Camunda webapp (tasklist, cockpit) as the given user, who has the same password. One browser serves
   * one user: the webapps share one session, so a second user gets a browser of their own.
   */
  void login(String app, String engine, String user) {
    open("/camunda/app/" + app + "/" + engine + "/#/login");
    // The first load of an app may swap its login view once more after it shows: fill in until both fields hold.
    By name = By.cssSelector("input[ng-model='username']");
    By password = By.cssSelector("input[type='password']");
    until(d -> filled(d.findElement(name), user) & filled(d.findElement(password), user));
    // The login POST must carry the CSRF token the webapp hands out with its first answers.
    until(d -> d.manage().getCookieNamed("XSRF-TOKEN") != null);
    shot(app + "-login-" + user);
    driver.findElement(By.cssSelector("form button[type='submit']")).click();
    until(d -> {
      if (d.findElements(By.cssSelector(".page-notifications .alert")).stream()
          .anyMatch(alert -> alert.getText().contains("Login Failed"))) {
        throw new AssertionError(app + " refused the login of " + user);
      }
      return d.findElements(password).stream().noneMatch(WebElement::isDisplayed);
    });
  }

  /**
   * Clicks in the middle of the screen: Tasklist's fixed footer covers what Selenium scrolls to the bottom edge, and
   * its notifications (read before) are closed first, as a person would, since they lie over the form's end.
   */
  void click(WebElement element) {
    By close = By.cssSelector(".page-notifications .alert button.close");
    for (WebElement button : driver.findElements(close)) {
      if (button.isDisplayed()) {
        button.click();
      }
    }
    until(d -> d.findElements(By.cssSelector(".page-notifications .alert")).stream().noneMatch(WebElement::isDisplayed));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  private static boolean filled(WebElement input, String text) {
    if (!input.isDisplayed()) {
      return false;
    }
    if (!text.equals(input.getDomProperty("value"))) {
      input.clear();
      input.sendKeys(text);
    }
    return text.equals(input.getDomProperty("value"));
  }

  /** Waits until a download of that name is complete and returns its content. */
  String awaitDownload(String fileName) {
    Path file = downloads.resolve(fileName);
    until(d -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(fileName + ".crdownload")));
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Holds that no Tasklist notification containing the text shows up for a while (one would come within a second of
   * the click that caused it), and takes a screenshot at the end.
   */
  void showsNoNotification(String text, String name) {
    long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
    while (System.nanoTime() < end) {
      List<String> shown = driver.findElements(By.cssSelector(".page-notifications .notification, "
          + ".page-notifications .alert")).stream().map(WebElement::getText).filter(t -> t.contains(text)).toList();
      if (!shown.isEmpty()) {
        shot(name);
        throw new AssertionError("Tasklist shows " + shown);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    shot(name);
  }

  /** The viewport as it is now, numbered in the order of the steps. */
  Path shot(String name) {
    step++;
    Path target = SCREENSHOTS.resolve("%s-%02d-%s.png".formatted(prefix, step, name));
    copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target);
    return target;
  }

  /** The viewport, also written to docs/images/ when the README screenshots were asked for. */
  void readmeShot(String name, String readmeFile) {
    Path taken = shot(name);
    if (README) {
      copy(taken, README_IMAGES.resolve(readmeFile));
    }
  }

  /** One element (a diagram), also written to docs/images/ when the README screenshots were asked for. */
  void readmeShot(WebElement element, String name, String readmeFile) {
    step++;
    Path target = SCREENSHOTS.resolve("%s-%02d-%s.png".formatted(prefix, step, name));
    copy(element.getScreenshotAs(OutputType.FILE).toPath(), target);
    if (README) {
      copy(target, README_IMAGES.resolve(readmeFile));
    }
  }

  private static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a left-over temp profile is harmless
      }
    }
  }
}
