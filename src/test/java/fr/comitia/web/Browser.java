package fr.comitia.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver (both given
 * explicitly: Selenium Manager never downloads anything), on a fresh profile. Screenshots go to
 * {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(20);

  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;
  private final String baseUrl;

  private Browser(ChromeDriver driver, ChromeDriverService service, Path profile, String baseUrl) {
    this.driver = driver;
    this.service = service;
    this.profile = profile;
    this.baseUrl = baseUrl;
  }

  /** Starts Chromium; fails with the Debian packages to install when they are missing. */
  public static Browser open(String baseUrl) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("Les tests de navigateur demandent Chromium et son pilote : "
          + "apt-get install chromium chromium-driver (ce que fait .ci/run).");
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    System.setProperty("SE_OFFLINE", "true");
    Path profile = Files.createTempDirectory("comitia-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1600,1200", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
        .withEnvironment(java.util.Map.of("TZ", "Europe/Paris")).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    Files.createDirectories(SCREENSHOTS);
    return new Browser(driver, service, profile, baseUrl.replaceAll("/+$", ""));
  }

  public WebDriver driver() {
    return driver;
  }

  public void go(String path) {
    driver.get(baseUrl + path);
  }

  /**
   * Waits for the condition; on a timeout the page is kept as evidence (a screenshot
   * {@code target/screenshots/failure-N.png}, the address and the beginning of the page's text in
   * the exception's message), since a CI run leaves nothing else to look at.
   */
  public <T> T waitFor(Function<WebDriver, T> condition) {
    try {
      // Tasklist redraws parts of a form while it loads its server data: an element found a moment
      // ago may be gone; the condition is then asked again.
      return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(condition);
    } catch (org.openqa.selenium.TimeoutException e) {
      if (evidence || String.valueOf(e.getMessage()).contains(EVIDENCE)) {
        throw e;
      }
      throw new org.openqa.selenium.TimeoutException(e.getMessage() + System.lineSeparator() + evidence(), e);
    }
  }

  private static final String EVIDENCE = "Page au moment de l'échec : ";
  private boolean evidence;
  private String lastUser;
  private String lastPassword;
  private String lastTask;
  private int sessionsLost;
  private int failures;

  /** Where the browser is and what it shows, for a failed wait (never fails itself). */
  private String evidence() {
    evidence = true;
    try {
      String shot;
      try {
        shot = screenshot("failure-" + (++failures)).toString();
      } catch (RuntimeException | IOException e) {
        shot = "aucune capture (" + e + ")";
      }
      String text;
      try {
        text = pageText();
      } catch (RuntimeException e) {
        text = "texte illisible (" + e + ")";
      }
      text = text.length() > 1500 ? text.substring(0, 1500) + " […]" : text;
      return EVIDENCE + driver.getCurrentUrl() + " ; capture " + shot
          + System.lineSeparator() + text;
    } catch (RuntimeException e) {
      return "Page illisible au moment de l'échec : " + e;
    } finally {
      evidence = false;
    }
  }

  public WebElement visible(By by) {
    return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
  }

  public WebElement clickable(By by) {
    return waitFor(ExpectedConditions.elementToBeClickable(by));
  }

  public List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /**
   * The WCAG 2.1 A and AA violations axe-core finds on the current page, one line each (rule, impact,
   * the elements); axe-core comes from {@code .ci/axe} ({@code npm ci --prefix .ci/axe}, as .ci/run does).
   */
  @SuppressWarnings("unchecked")
  public java.util.List<String> accessibilityViolations() throws IOException {
    Path axe = Path.of(".ci/axe/node_modules/axe-core/axe.min.js");
    if (!java.nio.file.Files.exists(axe)) {
      throw new AssertionError("axe-core is not installed in .ci/axe: run `npm ci --prefix .ci/axe` from the "
          + "project's directory (as .ci/run does)");
    }
    script(java.nio.file.Files.readString(axe));
    java.util.List<Object> found = (java.util.List<Object>) ((JavascriptExecutor) driver).executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            + ".then(function (r) { var found = r.violations.map(function (v) { return v.id + ' (' + v.impact"
            + " + '): ' + v.help + ' — ' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); });"
            + " if (r.passes.length < 5) { found.push('axe: only ' + r.passes.length + ' rules checked'); }"
            + " done(found); })"
            + ".catch(function (e) { done(['axe: ' + e]); });");
    return found.stream().map(String::valueOf).toList();
  }

  /**
   * Logs in to Tasklist (its login inputs have no name: by type) and waits for the task list. The
   * login view may be rendered twice while the application starts: an attempt that ends on the
   * login page again is made anew, at most three times.
   */
  public void loginToTasklist(String user, String password) {
    lastUser = user;
    lastPassword = password;
    String failure = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      failure = tryLogin(user, password);
      if (failure == null) {
        return;
      }
      System.err.println("Connexion de " + user + " à refaire (essai " + attempt + ") : " + failure);
    }
    throw new IllegalStateException("Connexion de " + user + " refusée : " + failure);
  }

  private String tryLogin(String user, String password) {
    go("/camunda/app/tasklist/default/");
    // A fresh start for each user: no cookie, no saved form, no remembered filter.
    driver.manage().deleteAllCookies();
    script("window.localStorage.clear(); window.sessionStorage.clear();");
    go("/camunda/app/tasklist/default/#/login");
    driver.navigate().refresh();
    By username = By.cssSelector("input[type='text']");
    By secret = By.cssSelector("input[type='password']");
    waitFor(d -> {
      WebElement name = d.findElement(username);
      WebElement pass = d.findElement(secret);
      if (!name.isDisplayed()) {
        return false;
      }
      if (!user.equals(model(name))) {
        name.clear();
        name.sendKeys(user);
      }
      if (!password.equals(model(pass))) {
        pass.clear();
        pass.sendKeys(password);
      }
      return user.equals(model(name)) && password.equals(model(pass));
    });
    click(driver.findElement(By.cssSelector("button[type='submit']")));
    try {
      new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/login")
          && d.findElements(By.cssSelector(".task-filters")).stream().anyMatch(f -> !f.getText().isBlank()));
      return null;
    } catch (org.openqa.selenium.TimeoutException e) {
      return driver.getCurrentUrl() + " — " + pageText();
    }
  }

  private Object model(WebElement input) {
    return script("var c = window.angular && angular.element(arguments[0]).controller('ngModel');"
        + "return c ? c.$modelValue : null;", input);
  }

  // --- Tasklist -------------------------------------------------------------------------------

  /** Clicks a filter of the left column (« Mes validations »…) and waits for its task list. */
  public void openFilter(String name) {
    clickable(By.xpath("//*[contains(@class,'task-filters')]//a[contains(normalize-space(.), \"" + name + "\")]"))
        .click();
    waitFor(d -> d.findElement(By.cssSelector(".task-filters .active")).getText().contains(name));
  }

  /**
   * Clicks the task in the list of the current filter (by its id: several tasks may bear the same
   * name) and waits for its embedded form.
   */
  public WebElement openTask(String taskId, String name) {
    lastTask = taskId;
    clickLocated(By.xpath("//ol[contains(@class,'tasks-list')]//h4/a[contains(@href, 'task=" + taskId + "')]"));
    waitFor(d -> d.findElement(By.cssSelector(".task-details")).getText().contains(name));
    return visible(By.cssSelector(".task-details form.comitia-form"));
  }

  /** Scrolls the element to the middle of the window (away from the fixed header and footer), then clicks it. */
  public void click(WebElement element) {
    script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element);
    try {
      waitFor(ExpectedConditions.elementToBeClickable(element)).click();
    } catch (org.openqa.selenium.ElementClickInterceptedException e) {
      // Tasklist's notification of a refused completion lies over the bottom of the page: closed, as a
      // user would, then the click is made again.
      dismissNotifications();
      waitFor(ExpectedConditions.elementToBeClickable(element)).click();
    }
  }

  /**
   * Clicks the element the locator finds, found again if Tasklist redrew it in between (its task list
   * is refreshed while the user looks at it: the element found a moment ago may be gone).
   */
  public void clickLocated(By locator) {
    for (int attempt = 1; ; attempt++) {
      try {
        click(clickable(locator));
        return;
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  /** Closes Tasklist's notifications (« Le formulaire n'a pas pu être terminé »…). */
  public void dismissNotifications() {
    script("document.querySelectorAll('.page-notifications .close, .page-notifications button.close')"
        + ".forEach(function (b) { b.click(); });");
    waitFor(d -> d.findElements(By.cssSelector(".page-notifications .alert")).stream().noneMatch(WebElement::isDisplayed));
  }

  /** « Prendre en charge » : the task is then assigned to the user. */
  public void claim() {
    click(clickable(By.cssSelector(".task-details button.claim")));
    waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".task-details button.claim")));
  }

  /** Clicks « Terminer » under the form. */
  public void clickComplete() {
    click(clickable(By.xpath("//div[contains(@class,'form-actions')]/button[normalize-space(.)='Terminer']")));
  }

  /** Completes the task: Tasklist then closes it (no {@code task=} in the address any more). */
  public void complete() {
    clickComplete();
    waitFor(d -> !d.getCurrentUrl().contains("task="));
  }

  /** Opens a tab of the task (« Formulaire », « Historique », « Diagramme », « Description »). */
  public void openTab(String label) {
    click(clickable(By.xpath("//*[contains(@class,'task-details')]//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='"
        + label + "']")));
  }

  public void waitForNotification(String text) {
    waitFor(d -> d.findElement(By.cssSelector(".page-notifications")).getText().contains(text));
  }

  /** The French message a form shows when a rule refuses the completion, once it is there. */
  public String refusal() {
    return visible(By.cssSelector(".comitia-form .comitia-refusal")).getText();
  }

  /** The form element of the open task (or of the start dialog). */
  public WebElement form() {
    By form = By.cssSelector("form.comitia-form");
    return all(form).stream().filter(WebElement::isDisplayed).findFirst().orElseGet(() -> {
      if (driver.getCurrentUrl().contains("#/login") && lastUser != null && lastTask != null) {
        recoverLostSession();
      }
      return visible(form);
    });
  }

  /**
   * A Tasklist that fell back to its login page mid-test. The cause seen on 2026-12-02 — each read of
   * Comitia's API with the Tasklist session gave that session a new id, so Tasklist's concurrent
   * requests found none and it logged its user out — is fixed ({@code WebappSessionAuthenticationFilter})
   * and asserted by {@code TasklistBrowserIT} (the session cookie stays the same through the form's
   * checks). Should it happen again for another reason: kept as evidence (screenshot
   * {@code session-lost-N.png}, a line on stderr), then the user logs in again and the task is reopened.
   */
  private void recoverLostSession() {
    sessionsLost++;
    try {
      screenshot("session-lost-" + sessionsLost);
    } catch (IOException | RuntimeException e) {
      // evidence is best effort
    }
    System.err.println("Session Tasklist perdue (n° " + sessionsLost + ") pour " + lastUser + " sur "
        + driver.getCurrentUrl() + " : nouvelle connexion, tâche " + lastTask + " rouverte.");
    String task = lastTask;
    loginToTasklist(lastUser, lastPassword);
    go("/camunda/app/tasklist/default/#/?task=" + task);
    lastTask = task;
  }

  /** Sets an input Angular watches (date pickers are easier so than by keys). */
  public void setValue(WebElement input, String value) {
    script("arguments[0].value = arguments[1];"
        + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, value);
  }

  /** Screenshot of the whole form: the window grows to the form's height for the shot, then comes back. */
  public Path formScreenshot(String name) throws IOException {
    Number bottom = (Number) script("var f = document.querySelector('form.comitia-form');"
        + "for (var e = f.parentElement; e; e = e.parentElement) { if (e.scrollTop) { e.scrollTop = 0; } }"
        + "window.scrollTo(0, 0);"
        + "var r = f.getBoundingClientRect(); return r.top + f.scrollHeight;");
    int height = Math.max(1200, Math.min(8000, bottom.intValue() + 220));
    resize(1600, height);
    try {
      return screenshot(name);
    } finally {
      resize(1600, 1200);
    }
  }

  public void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves a screenshot as target/screenshots/{name}.png and returns it. */
  public Path screenshot(String name) throws IOException {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Path target = SCREENSHOTS.resolve(name + ".png");
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  public String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      service.stop();
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
