package io.github.copernicawebhooks.build.browser;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console page as a person uses it in the browser: rows, the detail pane, its buttons. */
public final class ConsoleBrowserPage {

  private static final Duration PATIENCE = Duration.ofSeconds(40);

  private final WebDriver driver;

  public ConsoleBrowserPage(WebDriver driver) {
    this.driver = driver;
  }

  /** Opens the console and marks the loaded page, so that a reload would show. */
  public ConsoleBrowserPage open(String url) {
    driver.get(url);
    until(d -> !d.findElement(By.id("mode")).getText().startsWith("Loading"));
    ((JavascriptExecutor) driver).executeScript("window.consoleTestMarker = 'loaded once';");
    return this;
  }

  /** Whether the page is still the one {@link #open} loaded: nothing reloaded it. */
  public boolean wasNotReloaded() {
    return "loaded once".equals(((JavascriptExecutor) driver).executeScript("return window.consoleTestMarker;"));
  }

  public String mode() {
    return driver.findElement(By.id("mode")).getText();
  }

  /** Waits for a row whose ids cell names this profile and whose outcome is this one. */
  public WebElement awaitRow(String idsText, String outcome) {
    return until(d -> rows().stream()
        .filter(row -> text(row, "td.ids").contains(idsText) && outcome.equals(row.getAttribute("data-outcome")))
        .findFirst().orElse(null));
  }

  /** Waits for a row with this outcome and this reason (refused calls carry no ids). */
  public WebElement awaitRowWithReason(String outcome, String reason) {
    return until(d -> rows().stream()
        .filter(row -> outcome.equals(row.getAttribute("data-outcome")) && text(row, "td.reason").equals(reason))
        .findFirst().orElse(null));
  }

  public List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#calls tbody tr[data-id]"));
  }

  /** Opens a row's detail with its link, and waits for the detail of that call. */
  public void openDetail(WebElement row) {
    String id = row.getAttribute("data-id");
    row.findElement(By.cssSelector("td.time a")).click();
    until(d -> d.findElement(By.id("detail-heading")).getText().startsWith("Call " + id) ? Boolean.TRUE : null);
  }

  public String detailOutcome() {
    return driver.findElement(By.id("detail-outcome")).getAttribute("data-outcome");
  }

  public void awaitDetailOutcome(String outcome) {
    until(d -> outcome.equals(detailOutcome()) ? Boolean.TRUE : null);
  }

  public String rawBody() {
    return driver.findElement(By.id("detail-body")).getText();
  }

  public String typedEvent() {
    return driver.findElement(By.id("detail-event")).getText();
  }

  public String reasonLine() {
    return driver.findElement(By.id("detail-reason")).getText();
  }

  /** Each verification step as "result name", read at once (the detail may be drawn again meanwhile). */
  public List<String> steps() {
    return texts("Array.from(document.querySelectorAll('#detail-steps li')).map(step =>"
        + " step.getAttribute('data-result') + ' ' + step.querySelector('strong').textContent)");
  }

  /** The handler attempts as shown, read at once. */
  public List<String> attempts() {
    return texts("Array.from(document.querySelectorAll('#detail-attempts li')).map(item => item.textContent)");
  }

  @SuppressWarnings("unchecked")
  private List<String> texts(String expression) {
    return (List<String>) ((JavascriptExecutor) driver).executeScript("return " + expression + ";");
  }

  /** Presses "Retry now" and confirms it in the dialog; waits for the confirmation on screen. */
  public String retry() {
    WebElement retry = until(d -> {
      WebElement button = d.findElement(By.id("action-retry"));
      return button.isDisplayed() ? button : null;
    });
    retry.click();
    WebElement confirm = until(d -> {
      WebElement button = d.findElement(By.id("confirm-ok"));
      return button.isDisplayed() ? button : null;
    });
    String question = driver.findElement(By.id("confirm-title")).getText();
    confirm.click();
    until(d -> d.findElement(By.id("action-result")).getText().contains("delivered again") ? Boolean.TRUE : null);
    return question;
  }

  public String status() {
    return driver.findElement(By.id("status")).getText();
  }

  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, PATIENCE)
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  private static String text(WebElement row, String selector) {
    return row.findElement(By.cssSelector(selector)).getText();
  }
}
