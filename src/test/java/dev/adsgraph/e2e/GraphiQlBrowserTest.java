package dev.adsgraph.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import dev.adsgraph.testing.ExternalTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphiQL page in a real headless Chromium, with the network cut off: every request the
 * browser makes goes through a proxy that does not exist, except those to the loopback address,
 * and Chrome's own performance log shows every request the page makes. The test asserts the page
 * loads from the gateway alone, opens with the README's examples and the demo key, and runs a
 * query whose data it shows. A screenshot of each test's last state is kept in
 * {@code target/graphiql-browser/}.
 */
class GraphiQlBrowserTest extends SandboxGatewayTest {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path ARTIFACTS = Path.of("target", "graphiql-browser");

	private ChromeDriver driver;

	private Path profile;

	private String origin;

	@BeforeEach
	void startChromium() throws IOException {
		Path chromium = ExternalTools.program(Path.of(env("ADSGRAPH_CHROMIUM", "/usr/bin/chromium")), "Chromium",
				"install the Debian packages chromium and chromium-driver (.ci/run does)");
		Path chromedriver = ExternalTools.program(Path.of(env("ADSGRAPH_CHROMEDRIVER", "/usr/bin/chromedriver")),
				"chromedriver", "install the Debian package chromium-driver (.ci/run does)");
		Files.createDirectories(ARTIFACTS);
		this.profile = Files.createTempDirectory("adsgraph-chromium-");
		this.origin = "http://127.0.0.1:" + this.port;
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,900", "--user-data-dir=" + this.profile,
				// The network cut off: anything not on loopback goes to a proxy nobody listens on.
				"--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.withLogFile(ARTIFACTS.resolve("chromedriver.log").toFile())
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
	}

	@AfterEach
	void stopChromium() {
		if (this.driver != null) {
			this.driver.quit();
		}
		if (this.profile != null) {
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

	@Test
	void opensWithTheReadmeExamplesAndTheDemoKeyAndShowsTheDataOfAQuery() {
		this.driver.get(this.origin + "/graphiql");
		List<String> expectedTitles = operationNames();
		assertThat(expectedTitles).as("tabs the gateway configured").contains("Profiles", "AdsAccounts", "Products");
		waitFor("GraphiQL to open its tabs", () -> tabTitles().size() == expectedTitles.size());
		assertThat(tabTitles()).isEqualTo(expectedTitles);
		assertThat(headers()).containsEntry("X-Api-Key", GatewayClient.DEMO_KEY);

		this.driver.findElement(By.cssSelector(".graphiql-execute-button")).click();
		waitFor("the answer in the response pane", () -> response().contains("\"data\""));
		Map<String, Object> answer = GatewayClient.parse(response());
		assertThat(answer).doesNotContainKey("errors");
		List<Map<String, Object>> profiles = GatewayClient.at(answer, "data.profiles");
		assertThat(profiles).isNotEmpty();
		// Other tests share this sandbox and may have renamed accounts: the truth is what the
		// gateway answers the same query over plain HTTP.
		assertThat(answer).isEqualTo(this.client.graphql(query()));
		String name = GatewayClient.at(profiles.get(0), "accountInfo.name");
		// What a person sees, not just what the editor holds.
		assertThat(this.driver.findElement(By.cssSelector(".result-window")).getText()).contains(name);
		screenshot("profiles");

		assertEveryRequestStayedOnTheGateway();
		assertNoConsoleErrors();
	}

	@Test
	void runsTheProductsExampleWithADateRangeEndingYesterday() {
		this.driver.get(this.origin + "/graphiql");
		waitFor("GraphiQL to open its tabs", () -> tabTitles().contains("Products"));
		List<WebElement> tabs = this.driver.findElements(By.cssSelector(".graphiql-tab"));
		tabs.get(tabTitles().indexOf("Products")).findElement(By.cssSelector(".graphiql-tab-button")).click();
		waitFor("the Products tab's query", () -> query().startsWith("query Products"));
		String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
		assertThat(query()).contains("end: \"" + yesterday + "\"");
		assertThat(headers()).containsEntry("X-Api-Key", GatewayClient.DEMO_KEY);

		this.driver.findElement(By.cssSelector(".graphiql-execute-button")).click();
		waitFor("the answer in the response pane", () -> response().contains("\"data\""));
		Map<String, Object> answer = GatewayClient.parse(response());
		assertThat(answer).doesNotContainKey("errors");
		List<Map<String, Object>> nodes = GatewayClient.at(answer, "data.products.nodes");
		assertThat(nodes).extracting((node) -> node.get("asin")).containsExactly("B0YR85KV4O", "B0X83LEEQV", "B04N8ZCCFB");
		assertThat(GatewayClient.<String>at(answer, "data.products.freshness.advertising.status")).isIn("PENDING",
				"READY");
		screenshot("products");

		assertEveryRequestStayedOnTheGateway();
		assertNoConsoleErrors();
	}

	/** The tabs' operation names as the page's settings hold them: GraphiQL titles tabs by them. */
	private List<String> operationNames() {
		Object names = js("var config = JSON.parse(document.getElementById('adsgraph-graphiql-config').textContent);"
				+ "return config.tabs.map(function (tab) { return /^(?:query|mutation|subscription)\\s+(\\w+)/.exec(tab.query)[1]; });");
		return strings(names);
	}

	private List<String> tabTitles() {
		return strings(js("return Array.from(document.querySelectorAll('.graphiql-tab .graphiql-tab-button'))"
				+ ".map(function (button) { return button.textContent.trim(); });"));
	}

	private String query() {
		return (String) js("return document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue();");
	}

	/** The headers editor's content (the second editor below the query), parsed. */
	private Map<String, Object> headers() {
		String text = (String) js("var editors = document.querySelectorAll('.graphiql-editor-tool .CodeMirror');"
				+ "return editors[editors.length - 1].CodeMirror.getValue();");
		return GatewayClient.parse(text);
	}

	private String response() {
		Object value = js("var result = document.querySelector('.result-window .CodeMirror');"
				+ "return result ? result.CodeMirror.getValue() : '';");
		return (value != null) ? value.toString() : "";
	}

	/**
	 * Every request Chromium made, from its performance log: those with a network scheme must all
	 * have gone to the gateway. data: URLs (GraphiQL's fonts) and the browser's own chrome:// pages
	 * never leave it.
	 */
	private void assertEveryRequestStayedOnTheGateway() {
		List<String> urls = new ArrayList<>();
		for (LogEntry entry : this.driver.manage().logs().get(LogType.PERFORMANCE)) {
			JsonNode message = JSON.readTree(entry.getMessage()).path("message");
			String method = message.path("method").asString();
			if (method.equals("Network.requestWillBeSent")) {
				urls.add(message.path("params").path("request").path("url").asString());
			}
			else if (method.equals("Network.webSocketCreated")) {
				urls.add(message.path("params").path("url").asString());
			}
		}
		assertThat(urls).as("requests seen").contains(this.origin + "/graphiql", this.origin + "/graphql");
		List<String> outside = urls.stream()
			.filter((url) -> !url.startsWith(this.origin + "/"))
			.filter((url) -> !url.startsWith("data:") && !url.startsWith("blob:") && !url.startsWith("about:")
					&& !url.startsWith("chrome:") && !url.startsWith("chrome-untrusted:"))
			.map((url) -> (url.length() > 200) ? url.substring(0, 200) + "…" : url)
			.toList();
		assertThat(outside).as("requests that did not go to the gateway at %s", this.origin).isEmpty();
	}

	/** A script error or a Content-Security-Policy violation shows in the console as SEVERE. */
	private void assertNoConsoleErrors() {
		List<String> errors = this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
		assertThat(errors).as("console errors").isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object value) {
		return (value instanceof List<?> list) ? ((List<Object>) list).stream().map(String::valueOf).toList() : List.of();
	}

	private Object js(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	private long number(String script) {
		Object value = js(script);
		return (value instanceof Number number) ? number.longValue() : -1;
	}

	private void waitFor(String what, Supplier<Boolean> condition) {
		Instant deadline = Instant.now().plus(WAIT);
		while (!Boolean.TRUE.equals(condition.get())) {
			if (Instant.now().isAfter(deadline)) {
				screenshot("timeout");
				throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + "; screenshot in " + ARTIFACTS);
			}
			sleep(200);
		}
	}

	private void screenshot(String name) {
		try {
			Files.write(ARTIFACTS.resolve(name + ".png"), ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
