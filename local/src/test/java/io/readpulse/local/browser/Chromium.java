package io.readpulse.local.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver: both are named explicitly, so
 * Selenium Manager never looks for (or downloads) a browser or driver. Each instance has a fresh
 * profile and records the page's console, so tests can assert that a page logged no error.
 *
 * <p>Override the paths with {@code -Dreadpulse.chromium=...} and {@code -Dreadpulse.chromedriver=...}.
 */
public final class Chromium implements AutoCloseable {
    public static final Path BINARY = Paths.get(System.getProperty("readpulse.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Paths.get(System.getProperty("readpulse.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * Headless Chromium says "HeadlessChrome" in its user agent, which Readpulse rightly counts as a
     * bot; the tests play a reader, so they present the desktop browser's user agent.
     */
    public static final String READER_USER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
    /** How Chromium's console reports a request that failed, as opposed to an error of a script. */
    private static final String FAILED_LOAD = " - Failed to load resource: ";
    /**
     * Selenium warns when it has no DevTools binding for this Chromium version; the harness uses
     * only WebDriver and its log, so the warning is noise. Held here so the setting is not collected.
     */
    private static final Logger CDP_VERSION_WARNINGS = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> consoleErrors = new ArrayList<>();

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** True where both the browser and its driver are installed (CI installs them: see .ci/run). */
    public static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    public static String notInstalledMessage() {
        return "Chromium is not installed (" + BINARY + ", " + DRIVER + "): browser tests are skipped."
                + " Install it with `apt-get install chromium chromium-driver`, as .ci/run does";
    }

    /** A browser that presents {@link #READER_USER_AGENT}, as a reader's desktop browser would. */
    public static Chromium launch() {
        return launch(READER_USER_AGENT);
    }

    /**
     * A browser that presents headless Chromium's own user agent (it says "HeadlessChrome"), which
     * Readpulse counts as a bot: for tests of what bots' reads may and may not do.
     */
    public static Chromium launchWithItsOwnUserAgent() {
        return launch(null);
    }

    /** @param userAgent what the browser presents; null: Chromium's own */
    private static Chromium launch(String userAgent) {
        Path profile;
        try {
            profile = Files.createTempDirectory("readpulse-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        if (userAgent != null) {
            options.addArguments("--user-agent=" + userAgent);
        }
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Chromium(new ChromeDriver(service, options), profile);
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a page and waits until it has loaded. */
    public void open(String url) {
        collectConsole();
        driver.get(url);
    }

    /** Runs JavaScript in the page and returns its result. */
    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Waits up to 10 seconds for the condition to give a non-null, non-false value. */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    /** Waits up to {@code timeout} for the condition; false if it never held. */
    public boolean waitUntil(Duration timeout, Predicate<WebDriver> condition) {
        try {
            return new WebDriverWait(driver, timeout).until(condition::test);
        } catch (TimeoutException notInTime) {
            return false;
        }
    }

    /**
     * Every error the pages logged since this browser started: uncaught exceptions, console.error
     * calls and failed resource loads, each as Chromium printed it.
     */
    public List<String> consoleErrors() {
        collectConsole();
        return List.copyOf(consoleErrors);
    }

    /**
     * The errors of the pages' scripts: uncaught exceptions and console.error calls, without the
     * lines Chromium itself logs for a request that failed (which no script can prevent).
     */
    public List<String> scriptErrors() {
        return consoleErrors().stream().filter(error -> !error.contains(FAILED_LOAD)).toList();
    }

    /** The URLs of requests that failed (refused, 404, ...), as the console logged them. */
    public List<String> failedLoads() {
        return consoleErrors().stream().filter(error -> error.contains(FAILED_LOAD))
                .map(error -> error.substring(0, error.indexOf(FAILED_LOAD))).toList();
    }

    /** Forgets the errors seen so far, so a test can look only at what its own page logs. */
    public void clearConsole() {
        collectConsole();
        consoleErrors.clear();
    }

    private void collectConsole() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
