package dev.adsgraph.e2e;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import dev.adsgraph.testing.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphiQL page in a real headless Chromium with the network cut off
 * ({@link HeadlessChromium}), where Chrome's own performance log shows every request the
 * page makes. The test asserts the page loads from the gateway alone, opens with the
 * examples of {@code examples/} and the demo key, and runs a query whose data it shows. A
 * screenshot of each test's last state is kept in {@code target/graphiql-browser/}.
 */
class GraphiQlBrowserTest extends SandboxGatewayTest {

	private static final Path ARTIFACTS = Path.of("target", "graphiql-browser");

	@RegisterExtension
	final HeadlessChromium browser = HeadlessChromium.perTest(ARTIFACTS);

	private ChromeDriver driver;

	private String origin;

	@BeforeEach
	void prepare() {
		this.driver = this.browser.driver();
		this.origin = "http://127.0.0.1:" + this.port;
	}

	@Test
	void opensWithTheExamplesAndTheDemoKeyAndShowsTheDataOfAQuery() {
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
		// Other tests share this sandbox and may have renamed accounts: the truth is what
		// the
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
		waitFor("the Products tab's query", () -> query().contains("query Products("));
		// GraphiQL reads the operation's name from the editor 100 ms after a change and
		// until then would send the previous tab's ("Unknown operation named
		// 'Profiles'"),
		// as a person clicking at once would see too: run once it has read it.
		waitFor("GraphiQL to read the operation's name", () -> "Products".equals(operationName()));
		String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
		assertThat(variables()).containsEntry("end", yesterday);
		assertThat(headers()).containsEntry("X-Api-Key", GatewayClient.DEMO_KEY);

		this.driver.findElement(By.cssSelector(".graphiql-execute-button")).click();
		waitFor("the answer in the response pane", () -> response().contains("\"data\""));
		Map<String, Object> answer = GatewayClient.parse(response());
		assertThat(answer).doesNotContainKey("errors");
		List<Map<String, Object>> nodes = GatewayClient.at(answer, "data.products.nodes");
		assertThat(nodes).extracting((node) -> node.get("asin"))
			.containsExactly("B0YR85KV4O", "B0X83LEEQV", "B04N8ZCCFB");
		assertThat(GatewayClient.<String>at(answer, "data.products.freshness.advertising.status")).isIn("PENDING",
				"READY");
		screenshot("products");

		assertEveryRequestStayedOnTheGateway();
		assertNoConsoleErrors();
	}

	/**
	 * The tabs' operation names as the page's settings hold them: GraphiQL titles tabs by
	 * them.
	 */
	private List<String> operationNames() {
		Object names = js("var config = JSON.parse(document.getElementById('adsgraph-graphiql-config').textContent);"
				+ "return config.tabs.map(function (tab) { return /^(?:query|mutation|subscription)\\s+(\\w+)/m.exec(tab.query)[1]; });");
		return strings(names);
	}

	/**
	 * The operation name GraphiQL keeps in its storage, as it sends it with a request.
	 */
	private String operationName() {
		return (String) js("for (var i = 0; i < localStorage.length; i++) {" + " var key = localStorage.key(i);"
				+ " if (key.endsWith('graphiql:operationName')) { return localStorage.getItem(key); } }"
				+ " return null;");
	}

	private List<String> tabTitles() {
		return strings(js("return Array.from(document.querySelectorAll('.graphiql-tab .graphiql-tab-button'))"
				+ ".map(function (button) { return button.textContent.trim(); });"));
	}

	private String query() {
		return (String) js(
				"return document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue();");
	}

	/** The variables editor's content (the first editor below the query), parsed. */
	private Map<String, Object> variables() {
		String text = (String) js("var editors = document.querySelectorAll('.graphiql-editor-tool .CodeMirror');"
				+ "return editors[0].CodeMirror.getValue();");
		return GatewayClient.parse(text);
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

	private void assertEveryRequestStayedOnTheGateway() {
		this.browser.assertEveryRequestStayedOn(this.origin, this.origin + "/graphiql", this.origin + "/graphql");
	}

	private void assertNoConsoleErrors() {
		this.browser.assertNoConsoleErrors();
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object value) {
		return (value instanceof List<?> list) ? ((List<Object>) list).stream().map(String::valueOf).toList()
				: List.of();
	}

	private Object js(String script, Object... arguments) {
		return this.browser.js(script, arguments);
	}

	private void waitFor(String what, Supplier<Boolean> condition) {
		this.browser.waitFor(what, condition);
	}

	private void screenshot(String name) {
		this.browser.screenshot(name);
	}

}
