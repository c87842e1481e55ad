package com.saascrm.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium and chromedriver, driven by Selenium without any download: the paths are given, so Selenium
 * Manager stays idle. Where the packages are missing the test is skipped and says what to install
 * ({@code .ci/run} installs them, so in CI the browser tests always run).
 *
 * <p>A test class registers one with {@link #perTest()}: each test gets a browser of its own, closed after it, and a
 * test that fails leaves its screenshot, page and browser console in {@link #SCREENSHOTS}, named after the test.
 */
public final class HeadlessChromium
        implements AutoCloseable, BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private ChromeDriver driver;
    private WebDriverWait wait;

    private HeadlessChromium() {}

    /** A browser for each test of the class that registers it ({@code @RegisterExtension}). */
    public static HeadlessChromium perTest() {
        return new HeadlessChromium();
    }

    @Override
    public void beforeEach(ExtensionContext test) throws IOException {
        driver = startDriver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @Override
    public void afterTestExecution(ExtensionContext test) {
        if (driver != null && test.getExecutionException().isPresent()) {
            keepEvidence(test.getRequiredTestClass().getSimpleName() + "-"
                    + test.getRequiredTestMethod().getName());
        }
    }

    @Override
    public void afterEach(ExtensionContext test) {
        close();
    }

    private static ChromeDriver startDriver() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser tests need Debian's packages chromium and chromium-driver: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1100",
                "--lang=en-US",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        Files.createDirectories(SCREENSHOTS);
        return new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits (with a deadline) until the element is there and visible. */
    public WebElement visible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public WebElement clickable(By locator) {
        return wait.until(ExpectedConditions.elementToBeClickable(locator));
    }

    /** Clicks, finding the element again when the app re-renders it between finding and clicking (Tasklist's list does). */
    public void click(By locator) {
        wait.until(driver -> {
            try {
                WebElement element =
                        ExpectedConditions.elementToBeClickable(locator).apply(driver);
                if (element == null) {
                    return null;
                }
                element.click();
                return true;
            } catch (StaleElementReferenceException rerendered) {
                return null;
            }
        });
    }

    public <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition::apply);
    }

    /**
     * Clicks through JavaScript: the web apps' notifications slide over the bottom-right corner, where Tasklist
     * puts its Complete button, and would take a real click.
     */
    public void press(By locator) {
        driver.executeScript("arguments[0].click()", clickable(locator));
    }

    /** Types into a form field and leaves it: form-js takes text fields' input with a delay, and at once on blur. */
    public void type(By field, String text) {
        WebElement input = visible(field);
        input.sendKeys(text);
        input.sendKeys(Keys.TAB);
    }

    /**
     * Fills the web apps' login form and sends it. The form can be drawn anew while the page still loads, and typing
     * into the field that was replaced fails ("does not belong to the document"): the fields are then found again
     * and filled from the start.
     */
    public void loginToWebapp(String login, String password) {
        wait.until(driver -> {
            try {
                fill(By.cssSelector("input[ng-model='username']"), login);
                fill(By.cssSelector("input[ng-model='password']"), password);
                return true;
            } catch (StaleElementReferenceException rerendered) {
                return null;
            } catch (WebDriverException rerendered) {
                if (String.valueOf(rerendered.getMessage()).contains("does not belong to the document")) {
                    return null;
                }
                throw rerendered;
            }
        });
        click(By.cssSelector("form[name='signinForm'] button[type='submit']"));
    }

    private void fill(By field, String text) {
        WebElement input = visible(field);
        input.clear();
        input.sendKeys(text);
    }

    /** What the page's own script gets for a URL of its origin, with the browser's cookies: a download, say. */
    public record Fetched(int status, String contentType, byte[] body) {}

    public Fetched fetch(String url) {
        Object answer = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'})
                  .then(async response => {
                    const bytes = new Uint8Array(await response.arrayBuffer());
                    let binary = '';
                    bytes.forEach(b => binary += String.fromCharCode(b));
                    done([response.status, response.headers.get('Content-Type') || '', btoa(binary)]);
                  })
                  .catch(failure => done([0, String(failure), '']));
                """, url);
        List<?> parts = (List<?>) answer;
        return new Fetched(
                ((Number) parts.get(0)).intValue(),
                (String) parts.get(1),
                Base64.getDecoder().decode((String) parts.get(2)));
    }

    public Path screenshot(String name) throws IOException {
        Path target = SCREENSHOTS.resolve(name + ".png");
        Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /**
     * What the page looked like when a step failed: the screenshot, the DOM and the browser's console, for the person
     * reading the report.
     */
    private void keepEvidence(String name) {
        try {
            screenshot(name + "-failure");
            Files.writeString(SCREENSHOTS.resolve(name + "-failure.html"), driver.getPageSource());
            Files.write(
                    SCREENSHOTS.resolve(name + "-failure-console.log"),
                    driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .map(LogEntry::toString)
                            .toList());
        } catch (IOException | RuntimeException ignored) {
            // The evidence is a help; the test failure that asked for it is what counts.
        }
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }
}
