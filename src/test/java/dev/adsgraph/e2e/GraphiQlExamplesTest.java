package dev.adsgraph.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphiQL page over plain HTTP: what it loads, that it opens one tab per example of
 * {@code examples/} holding that file's operation and variables (dates moved to end
 * yesterday), and that every tab runs against the gateway as it stands, with the tab's
 * own headers and variables. That each example also runs green with the values earlier
 * steps give it is {@link ExampleOperationsTest}'s business.
 */
class GraphiQlExamplesTest extends SandboxGatewayTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"(/graphiql/assets/[^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void thePageIsHtmlThatMayOnlyLoadFromTheGateway() {
		GatewayClient.Raw page = this.client.get(this.client.gatewayUrl() + "/graphiql");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.headers().get("content-type")).containsExactly("text/html;charset=UTF-8");
		assertThat(page.headers().get("content-security-policy").get(0))
			.startsWith("default-src 'none'; script-src 'self';")
			.contains("connect-src 'self'");
		assertThat(page.body()).contains("<title>Adsgraph GraphiQL</title>");
		GatewayClient.Raw slash = this.client.get(this.client.gatewayUrl() + "/graphiql/");
		assertThat(slash.status()).isEqualTo(308);
		assertThat(slash.headers().get("location")).containsExactly("/graphiql");
	}

	@Test
	void itsScriptsAndStylesAreServedFromTheJarAndCachedByContent() {
		String page = this.client.get(this.client.gatewayUrl() + "/graphiql").body();
		Matcher reference = REFERENCE.matcher(page);
		List<String> assets = new ArrayList<>();
		while (reference.find()) {
			assets.add(reference.group(1));
		}
		assertThat(assets).hasSize(6);
		for (String asset : assets) {
			GatewayClient.Raw answer = this.client.get(this.client.gatewayUrl() + asset);
			assertThat(answer.status()).as(asset).isEqualTo(200);
			assertThat(answer.headers().get("content-type").get(0)).as(asset)
				.isEqualTo(asset.contains(".css?") ? "text/css;charset=UTF-8" : "text/javascript;charset=UTF-8");
			assertThat(answer.headers().get("cache-control").get(0)).as(asset).contains("immutable");
			assertThat(answer.body()).as(asset).isNotBlank();
		}
		String stale = assets.get(0).replaceAll("\\?v=.*", "?v=000000000000");
		assertThat(this.client.get(this.client.gatewayUrl() + stale).headers().get("cache-control"))
			.containsExactly("no-cache");
		assertThat(this.client.get(this.client.gatewayUrl() + "/graphiql/assets/graphiql.js").status()).isEqualTo(404);
		assertThat(this.client.get(this.client.gatewayUrl() + "/graphiql/assets/..%2Fapplication.yml").status())
			.isEqualTo(404);
	}

	@Test
	void itOpensOneTabPerExampleFileWithItsOperationAndVariables() throws IOException {
		List<Map<String, Object>> tabs = GatewayClient.at(config(), "tabs");
		List<Path> files = ExampleOperationsTest.files();
		assertThat(tabs).hasSize(files.size()).hasSizeGreaterThanOrEqualTo(10);
		for (int i = 0; i < files.size(); i++) {
			Path file = files.get(i);
			Map<String, Object> tab = tabs.get(i);
			assertThat(tab.get("query")).as(file.toString()).isEqualTo(Files.readString(file).strip());
			String variables = (String) tab.get("variables");
			Map<String, Object> expected = ExampleOperationsTest.variables(file);
			assertThat((variables != null) ? GatewayClient.parse(variables) : Map.of()).as(file.toString())
				.isEqualTo(expected);
		}
	}

	@Test
	void everyTabRunsWithItsHeadersAndOnlyTheTabsNeedingValuesFromEarlierStepsAskForThem() {
		Map<String, Object> config = config();
		List<Map<String, Object>> tabs = GatewayClient.at(config, "tabs");
		assertThat(tabs).hasSizeGreaterThanOrEqualTo(10);
		for (Map<String, Object> tab : tabs) {
			String query = (String) tab.get("query");
			Map<String, Object> headers = GatewayClient.parse((String) tab.get("headers"));
			String variables = (String) tab.get("variables");
			Map<String, Object> values = (variables != null) ? GatewayClient.parse(variables) : Map.of();
			Map<String, Object> answer = run(query, headers, values);
			if (!values.containsValue("")) {
				assertThat(errors(answer)).as("%s answered %s", query, answer).isEmpty();
				assertThat(answer.get("data")).as(query).isNotNull();
			}
			else {
				// Register, Status and CreateAdvertiserAccounts need a terms token, an
				// account id, link and address tokens from earlier steps; the empty
				// values get an input error (BAD_USER_INPUT, or an INVALID_ code in
				// userErrors or a batch result), never a complaint about the document.
				assertThat(errors(answer)).as("%s answered %s", query, answer).allSatisfy((error) -> {
					assertThat(GatewayClient.<String>at(error, "extensions.classification"))
						.isNotEqualTo("ValidationError");
				});
				assertThat(JSON.writeValueAsString(answer)).as(query)
					.containsPattern("\"code\":\"(BAD_USER_INPUT|INVALID_[A-Z_]+)\"");
			}
		}
	}

	private Map<String, Object> config() {
		String page = this.client.get(this.client.gatewayUrl() + "/graphiql").body();
		Matcher block = Pattern
			.compile("<script type=\"application/json\" id=\"adsgraph-graphiql-config\">(.*?)</script>", Pattern.DOTALL)
			.matcher(page);
		assertThat(block.find()).as("settings block in the page").isTrue();
		return GatewayClient.parse(block.group(1));
	}

	private Map<String, Object> run(String query, Map<String, Object> headers, Map<String, Object> variables) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("variables", variables);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.client.gatewayUrl() + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		headers.forEach((name, value) -> request.header(name, String.valueOf(value)));
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("%s: %s", query, response.body()).isEqualTo(200);
			return GatewayClient.parse(response.body());
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
