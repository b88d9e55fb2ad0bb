package dev.adsgraph.graphiql;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.pages.PageAssets;

import static org.assertj.core.api.Assertions.assertThat;

class GraphiQlPageTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-03-02T10:00:00Z"), ZoneOffset.UTC);

	private static final List<Examples.Example> EXAMPLES = List.of(
			Examples.of("01-profiles.graphql", "# Profiles.\nquery Profiles { profiles { id } }", null),
			Examples.of("02-status.graphql", "query Status($id: ID!) { adsAccount(id: $id) { id status } }",
					"{\n  \"id\": \"\"\n}"),
			Examples.of("03-products.graphql", """
					query Products($start: Date!, $end: Date!) {
					  products(marketplaceId: "ATVPDKIKX0DER", asins: ["B0YR85KV4O"],
					    dateRange: { start: $start, end: $end }) { nodes { asin } } }
					""", "{\n  \"start\": \"2026-11-10\",\n  \"end\": \"2026-11-16\"\n}"));

	private final PageAssets assets = GraphiQlConfiguration.assets();

	@Test
	void inSandboxModeEveryTabCarriesTheDemoKeyAndTheExamplesAreReadyToRun() {
		GraphiQlPage page = page(
				new GraphiQlPage.Settings("/graphiql", "/graphql", null, "X-Api-Key", true, "adsgraph-demo-key"));
		Map<String, Object> config = config(page, "");
		assertThat(config).containsEntry("endpoint", "/graphql")
			.containsEntry("mode", "sandbox")
			.containsEntry("persistHeaders", true)
			.containsEntry("subscriptionEndpoint", null)
			.containsEntry("defaultHeaders", "{\n  \"X-Api-Key\": \"adsgraph-demo-key\"\n}");
		List<Map<String, Object>> tabs = tabs(config);
		assertThat(tabs).extracting((tab) -> tab.get("headers"))
			.containsOnly("{\n  \"X-Api-Key\": \"adsgraph-demo-key\"\n}");
		assertThat(tabs).extracting((tab) -> tab.get("query"))
			.containsExactly("# Profiles.\nquery Profiles { profiles { id } }",
					"query Status($id: ID!) { adsAccount(id: $id) { id status } }", EXAMPLES.get(2).query());
		assertThat(tabs).extracting((tab) -> tab.get("variables"))
			.as("the examples' dates moved so that the latest is yesterday")
			.containsExactly(null, "{\n  \"id\": \"\"\n}",
					"{\n  \"start\": \"2027-02-23\",\n  \"end\": \"2027-03-01\"\n}");
	}

	@Test
	void inLiveModeNoKeyIsFilledInOrKeptAndTheConfiguredHeaderIsNamed() {
		GraphiQlPage page = page(
				new GraphiQlPage.Settings("/graphiql", "/graphql", null, "X-Tenant-Key", false, "adsgraph-demo-key"));
		Map<String, Object> config = config(page, "");
		assertThat(config).containsEntry("mode", "live")
			.containsEntry("persistHeaders", false)
			.containsEntry("defaultHeaders", "{\n  \"X-Tenant-Key\": \"\"\n}");
		assertThat(tabs(config)).extracting((tab) -> tab.get("headers")).containsOnly("{\n  \"X-Tenant-Key\": \"\"\n}");
		assertThat(page.html("")).doesNotContain("adsgraph-demo-key");
		GraphiQlPage sandbox = page(
				new GraphiQlPage.Settings("/graphiql", "/graphql", null, "X-Tenant-Key", true, "adsgraph-demo-key"));
		assertThat(config.get("storageNamespace")).as("live and sandbox keep their tabs apart")
			.isNotEqualTo(config(sandbox, "").get("storageNamespace"));
	}

	@Test
	void everyScriptAndStylesheetComesFromTheGatewayUnderItsContextPath() {
		GraphiQlPage page = page(new GraphiQlPage.Settings("/explore", "/gql", "/gql-ws", "X-Api-Key", true, "k"));
		String html = page.html("/api");
		Matcher reference = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
		int references = 0;
		while (reference.find()) {
			references++;
			assertThat(reference.group(1)).matches("/api/explore/assets/[a-z.-]+\\?v=[0-9a-f]{12}|data:,");
		}
		assertThat(references).isEqualTo(7);
		assertThat(html).doesNotContainPattern("(?i)(https?|wss?):|//[a-z]");
		Map<String, Object> config = config(page, "/api");
		assertThat(config).containsEntry("endpoint", "/api/gql").containsEntry("subscriptionEndpoint", "/api/gql-ws");
	}

	@Test
	void anExampleCannotCloseTheSettingsScriptElement() {
		List<Examples.Example> examples = List
			.of(Examples.of("a.graphql", "query A { a(x: \"</script><script>\") }", null));
		GraphiQlPage page = new GraphiQlPage(
				new GraphiQlPage.Settings("/graphiql", "/graphql", null, "X-Api-Key", false, null), examples,
				this.assets, CLOCK);
		String html = page.html("");
		assertThat(html.split("</script>", -1)).as("one settings block and four scripts end").hasSize(6);
		assertThat(html).contains("\\u003c/script\\u003e\\u003cscript\\u003e");
		assertThat(tabs(config(page, ""))).extracting((tab) -> tab.get("query"))
			.containsExactly("query A { a(x: \"</script><script>\") }");
	}

	private GraphiQlPage page(GraphiQlPage.Settings settings) {
		return new GraphiQlPage(settings, EXAMPLES, this.assets, CLOCK);
	}

	/** The settings as the browser reads them out of the page. */
	private static Map<String, Object> config(GraphiQlPage page, String contextPath) {
		String html = page.html(contextPath);
		Matcher block = Pattern
			.compile("<script type=\"application/json\" id=\"adsgraph-graphiql-config\">(.*?)</script>", Pattern.DOTALL)
			.matcher(html);
		assertThat(block.find()).isTrue();
		return JSON.readValue(block.group(1), new TypeReference<Map<String, Object>>() {
		});
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> tabs(Map<String, Object> config) {
		return (List<Map<String, Object>>) config.get("tabs");
	}

}
