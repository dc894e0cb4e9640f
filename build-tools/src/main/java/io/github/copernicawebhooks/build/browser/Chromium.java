package io.github.copernicawebhooks.build.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver, nothing downloaded. Without them the calling test
 * is skipped with a message, except on CI (the variable {@code CI} set, and not {@code false} or {@code 0}),
 * where the browser tests must run: there it fails.
 */
public final class Chromium implements AutoCloseable {

  public static final String BINARY = "/usr/bin/chromium";
  public static final String DRIVER = "/usr/bin/chromedriver";

  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  public static Chromium start() {
    requireInstalled();
    try {
      Path profile = Files.createTempDirectory("copernica-console-chromium");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(BINARY);
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
          "--window-size=1440,1000", "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(DRIVER))
          .usingAnyFreePort()
          .withTimeout(Duration.ofSeconds(60))
          .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
      return new Chromium(driver, profile);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public static boolean isCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
  }

  private static void requireInstalled() {
    if (new File(BINARY).canExecute() && new File(DRIVER).canExecute()) {
      return;
    }
    String message = "Chromium and chromedriver are not installed at " + BINARY + " and " + DRIVER
        + " (Debian: apt-get install chromium chromium-driver); the browser tests of the console need them";
    if (isCi()) {
      fail(message + ", and CI requires them");
    }
    Assumptions.abort(message + ": skipped");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      } catch (IOException ignored) {
        // a temporary directory left behind is harmless
      }
    }
  }
}
