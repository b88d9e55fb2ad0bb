package dev.adsgraph.dashboard;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.env.MockEnvironment;

import dev.adsgraph.pages.PageMode;
import dev.adsgraph.tenancy.AdsgraphProperties;
import dev.adsgraph.testing.ConfigurationBinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardConfigurationTest {

	private static final DashboardProperties DEFAULTS = ConfigurationBinding.bind(DashboardProperties.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void theDemoKeyIsFilledInOnlyInSandboxMode() {
		MockEnvironment environment = new MockEnvironment().withProperty("adsgraph.sandbox.demo-api-key",
				"adsgraph-demo-key");
		DashboardPage.Settings sandbox = DashboardConfiguration.settings(DEFAULTS,
				new AdsgraphProperties(AdsgraphProperties.Mode.SANDBOX, "X-Key", List.of()), environment);
		assertThat(sandbox.mode()).isEqualTo(new PageMode(true, "adsgraph-demo-key", "X-Key"));
		DashboardPage.Settings live = DashboardConfiguration.settings(DEFAULTS,
				new AdsgraphProperties(AdsgraphProperties.Mode.LIVE, "X-Api-Key", List.of()), environment);
		assertThat(live.mode()).isEqualTo(new PageMode(false, null, "X-Api-Key"));
		assertThat(settings(page(live).html(""))).containsEntry("mode", "live")
			.containsEntry("demoApiKey", null)
			.containsEntry("storagePrefix", "adsgraph-dashboard:live:");
		assertThat(page(live).html("")).doesNotContain("adsgraph-demo-key");
		assertThat(settings(page(sandbox).html(""))).containsEntry("demoApiKey", "adsgraph-demo-key")
			.containsEntry("storagePrefix", "adsgraph-dashboard:sandbox:");
	}

	@Test
	void everyScriptAndStylesheetComesFromTheGatewayUnderItsContextPath() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.graphql.http.path", "/gql");
		DashboardPage page = page(
				DashboardConfiguration.settings(new DashboardProperties(true, "/board"), live(), environment));
		String html = page.html("/api");
		Matcher reference = Pattern.compile("<(?:script|link)[^>]*(?:src|href)=\"([^\"]*)\"").matcher(html);
		int references = 0;
		while (reference.find()) {
			references++;
			assertThat(reference.group(1)).matches("/api/board/assets/[a-z.]+\\?v=[0-9a-f]{12}|data:,");
		}
		assertThat(references).isEqualTo(4);
		// The views' links are relative to the page itself, wherever it is served.
		Matcher link = Pattern.compile("<a [^>]*href=\"([^\"]*)\"").matcher(html);
		while (link.find()) {
			assertThat(link.group(1)).matches("\\?view=[a-z]+");
		}
		assertThat(html).doesNotContain("{{");
		assertThat(settings(html)).containsEntry("endpoint", "/api/gql");
	}

	@Test
	void thePageCannotTakeTheGraphQlEndpointsOrGraphiQlsPath() {
		assertThatThrownBy(() -> DashboardConfiguration
			.settings(new DashboardProperties(true, "/graphql"), live(), new MockEnvironment())).hasMessage(
					"adsgraph.dashboard.path (/graphql) must differ from spring.graphql.http.path, where the GraphQL"
							+ " endpoint is");
		assertThatThrownBy(() -> DashboardConfiguration
			.settings(new DashboardProperties(true, "/graphiql"), live(), new MockEnvironment())).hasMessage(
					"adsgraph.dashboard.path (/graphiql) must differ from adsgraph.graphiql.path, where the GraphiQL"
							+ " page is");
		MockEnvironment noGraphiQl = new MockEnvironment().withProperty("adsgraph.graphiql.enabled", "false");
		assertThat(
				DashboardConfiguration.settings(new DashboardProperties(true, "/graphiql"), live(), noGraphiQl).path())
			.isEqualTo("/graphiql");
	}

	@Test
	void aMalformedPathIsRefusedNamingTheProperty() {
		for (String path : List.of("dashboard", "/dashboard/", "/", "/a b", "/x?y")) {
			assertThatThrownBy(() -> new DashboardProperties(true, path)).as(path)
				.hasMessageStartingWith("adsgraph.dashboard.path must be a path such as /dashboard")
				.hasMessageEndingWith("got '" + path + "'");
		}
		assertThat(new DashboardProperties(true, " /ops/dashboard ").path()).isEqualTo("/ops/dashboard");
		assertThat(DEFAULTS.enabled()).isTrue();
	}

	private static DashboardPage page(DashboardPage.Settings settings) {
		return new DashboardPage(settings, DashboardConfiguration.assets());
	}

	private static AdsgraphProperties live() {
		return ConfigurationBinding.bind(AdsgraphProperties.class);
	}

	private static Map<String, Object> settings(String html) {
		Matcher block = Pattern.compile("id=\"adsgraph-dashboard-settings\">(.*?)</script>", Pattern.DOTALL)
			.matcher(html);
		assertThat(block.find()).isTrue();
		return JSON.readValue(block.group(1), new TypeReference<Map<String, Object>>() {
		});
	}

}
