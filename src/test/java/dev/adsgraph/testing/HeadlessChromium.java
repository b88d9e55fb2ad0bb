package dev.adsgraph.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium driven through its chromedriver, with the network cut off:
 * every request the browser makes goes through a proxy that does not exist, except those
 * to the loopback address, and Chrome's own performance log shows every request a page
 * makes. One browser per test, as a JUnit extension ({@link #perTest}). Missing programs
 * skip the test (or fail it under {@code ADSGRAPH_REQUIRE_TOOLS=1}, see
 * {@link ExternalTools}). Screenshots and chromedriver's log go to the given artifacts
 * folder.
 */
public final class HeadlessChromium implements BeforeEachCallback, AfterEachCallback {

	public static final Duration WAIT = Duration.ofSeconds(90);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path artifacts;

	private final Dimension window;

	private ChromeDriver driver;

	private Path profile;

	private HeadlessChromium(Path artifacts, Dimension window) {
		this.artifacts = artifacts;
		this.window = window;
	}

	/**
	 * A browser for each test of the class that registers it
	 * ({@code @RegisterExtension}): started before the test's {@code @BeforeEach} methods
	 * (skipping the test when Chromium or chromedriver is missing), closed after its
	 * {@code @AfterEach} methods.
	 */
	public static HeadlessChromium perTest(Path artifacts) {
		return new HeadlessChromium(artifacts, null);
	}

	/** The same, with the window at this size instead of 1400 x 900. */
	public HeadlessChromium window(int width, int height) {
		return new HeadlessChromium(this.artifacts, new Dimension(width, height));
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		start();
		if (this.window != null) {
			this.driver.manage().window().setSize(this.window);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.driver == null) {
			return;
		}
		try {
			this.driver.quit();
		}
		finally {
			this.driver = null;
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

	private void start() throws IOException {
		Path chromium = ExternalTools.program(Path.of(env("ADSGRAPH_CHROMIUM", "/usr/bin/chromium")), "Chromium",
				"install the Debian packages chromium and chromium-driver (.ci/run does)");
		Path chromedriver = ExternalTools.program(Path.of(env("ADSGRAPH_CHROMEDRIVER", "/usr/bin/chromedriver")),
				"chromedriver", "install the Debian package chromium-driver (.ci/run does)");
		Files.createDirectories(this.artifacts);
		Path profile = Files.createTempDirectory("adsgraph-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,900", "--lang=en-US", "--user-data-dir=" + profile,
				// The network cut off: anything not on loopback goes to a proxy nobody
				// listens on, and no name resolves but localhost (the gateway's consent
				// callbacks are on it in sandbox mode).
				"--proxy-server=http://127.0.0.1:9",
				"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.withLogFile(this.artifacts.resolve("chromedriver.log").toFile())
			.build();
		try {
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
			this.driver = driver;
			this.profile = profile;
		}
		catch (RuntimeException ex) {
			FileSystemUtils.deleteRecursively(profile.toFile());
			throw ex;
		}
	}

	public ChromeDriver driver() {
		if (this.driver == null) {
			throw new IllegalStateException("no browser running: register it with @RegisterExtension, "
					+ "and use it from a test or a @BeforeEach or @AfterEach method");
		}
		return this.driver;
	}

	public void open(String url) {
		driver().get(url);
	}

	public Object js(String script, Object... arguments) {
		return ((JavascriptExecutor) driver()).executeScript(script, arguments);
	}

	/**
	 * Checks the condition every 200 ms for up to {@link #WAIT}; on time-out keeps a
	 * screenshot and fails.
	 */
	public void waitFor(String what, Supplier<Boolean> condition) {
		Instant deadline = Instant.now().plus(WAIT);
		while (!Boolean.TRUE.equals(condition.get())) {
			if (Instant.now().isAfter(deadline)) {
				screenshot("timeout");
				throw new AssertionError(
						"waited " + WAIT.toSeconds() + " s for " + what + "; screenshot in " + this.artifacts);
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	/** Saves what the browser shows as {@code <artifacts>/<name>.png}. */
	public Path screenshot(String name) {
		Path file = this.artifacts.resolve(name + ".png");
		try {
			Files.write(file, driver().getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		return file;
	}

	/**
	 * Asserts that every request Chromium made so far, from its performance log, went to
	 * {@code origin}, and that those in {@code expected} were among them. data: URLs and
	 * the browser's own chrome:// pages never leave it.
	 */
	public void assertEveryRequestStayedOn(String origin, String... expected) {
		List<String> urls = new ArrayList<>();
		for (LogEntry entry : driver().manage().logs().get(LogType.PERFORMANCE)) {
			JsonNode message = JSON.readTree(entry.getMessage()).path("message");
			String method = message.path("method").asString();
			if (method.equals("Network.requestWillBeSent")) {
				urls.add(message.path("params").path("request").path("url").asString());
			}
			else if (method.equals("Network.webSocketCreated")) {
				urls.add(message.path("params").path("url").asString());
			}
		}
		assertThat(urls).as("requests seen").contains(expected);
		List<String> outside = urls.stream()
			.filter((url) -> !url.startsWith(origin + "/"))
			.filter((url) -> !url.startsWith("data:") && !url.startsWith("blob:") && !url.startsWith("about:")
					&& !url.startsWith("chrome:") && !url.startsWith("chrome-untrusted:"))
			.map((url) -> (url.length() > 200) ? url.substring(0, 200) + "…" : url)
			.toList();
		assertThat(outside).as("requests that did not go to the gateway at %s", origin).isEmpty();
	}

	/**
	 * A script error or a Content-Security-Policy violation shows in the console as
	 * SEVERE.
	 */
	public void assertNoConsoleErrors() {
		List<String> errors = driver().manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
		assertThat(errors).as("console errors").isEmpty();
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
