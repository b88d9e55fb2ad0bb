package dev.adsgraph.upstream.sp;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.adsgraph.ClockConfiguration;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ScriptedHttpServer;
import dev.adsgraph.upstream.ScriptedHttpServer.Reply;
import dev.adsgraph.upstream.UpstreamConfiguration;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.lwa.LwaCredentials;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The SP-API beans and properties as the application wires them. */
class SpUpstreamConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
				WebClientAutoConfiguration.class))
		.withUserConfiguration(ClockConfiguration.class, UpstreamConfiguration.class);

	@Test
	void defaultsAreAmazonsProductionHostsAndThePublishedUsagePlans() {
		this.contextRunner.run((context) -> {
			UpstreamProperties.Sp sp = context.getBean(UpstreamProperties.class).sp();
			assertThat(sp.hosts()).containsExactlyInAnyOrderEntriesOf(UpstreamProperties.Sp.AMAZON_HOSTS);
			assertThat(sp.host(Region.EU)).isEqualTo(URI.create("https://sellingpartnerapi-eu.amazon.com"));
			assertThat(sp.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(sp.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(sp.maxInMemorySize()).isEqualTo(DataSize.ofMegabytes(16));
			assertThat(sp.rateLimitMaxWait()).isEqualTo(Duration.ofSeconds(30));
			assertThat(sp.maxReportDocumentSize()).isEqualTo(DataSize.ofMegabytes(256));
			assertThat(sp.userAgent()).matches("Adsgraph/\\S+ \\(Language=Java/\\S+; Platform=.+/.+\\)");
			assertThat(context.getBean(SpRateLimiter.class).limit(SpOperation.GET_INVENTORY_SUMMARIES))
				.isEqualTo(new SpRateLimit(2, 2));
			assertThat(context).hasSingleBean(SellingPartnerApiClient.class);
		});
	}

	@Test
	void hostsUserAgentAndRateLimitsCanBeOverridden() {
		this.contextRunner.withPropertyValues("adsgraph.upstream.sp.hosts.na=http://127.0.0.1:8080/sp/na/",
				"adsgraph.upstream.sp.user-agent=Adsgraph-Test/1.0 (Language=Java/17)",
				"adsgraph.upstream.sp.rate-limits.searchCatalogItems.rate=10",
				"adsgraph.upstream.sp.rate-limits.createReport.burst=3", "adsgraph.upstream.sp.rate-limit-max-wait=5s")
			.run((context) -> {
				UpstreamProperties.Sp sp = context.getBean(UpstreamProperties.class).sp();
				SpRateLimiter limiter = context.getBean(SpRateLimiter.class);
				assertThat(sp.host(Region.NA)).isEqualTo(URI.create("http://127.0.0.1:8080/sp/na"));
				assertThat(sp.host(Region.FE)).isEqualTo(URI.create("https://sellingpartnerapi-fe.amazon.com"));
				assertThat(sp.userAgent()).isEqualTo("Adsgraph-Test/1.0 (Language=Java/17)");
				assertThat(sp.rateLimitMaxWait()).isEqualTo(Duration.ofSeconds(5));
				assertThat(limiter.limit(SpOperation.SEARCH_CATALOG_ITEMS)).isEqualTo(new SpRateLimit(10, 2));
				assertThat(limiter.limit(SpOperation.CREATE_REPORT)).isEqualTo(new SpRateLimit(0.0167, 3));
			});
	}

	@Test
	void invalidValuesStopStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("adsgraph.upstream.sp.user-agent=Adsgraph/1.0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("adsgraph.upstream.sp.user-agent"));
		this.contextRunner.withPropertyValues("adsgraph.upstream.sp.hosts.eu=ftp://example.com")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("adsgraph.upstream.sp.hosts.EU"));
		this.contextRunner.withPropertyValues("adsgraph.upstream.sp.rate-limits.getCatalogItems.rate=1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("adsgraph.upstream.sp.rate-limits.getcatalogitems"));
		this.contextRunner.withPropertyValues("adsgraph.upstream.sp.rate-limits.searchCatalogItems.rate=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void theClientBeanTalksToTheConfiguredHostThroughBootsCodecs() {
		try (ScriptedHttpServer server = new ScriptedHttpServer()) {
			server.script((request) -> request.path().equals("/auth/o2/token")
					? Reply.json(200, "{\"access_token\":\"Atza|boot\",\"token_type\":\"bearer\",\"expires_in\":3600}")
					: Reply.json(200,
							"{\"items\":[{\"asin\":\"B07N4M94X4\",\"summaries\":[{\"marketplaceId\":\"ATVPDKIKX0DER\",\"itemName\":\"TV\"}]}]}")
						.header("x-amzn-RateLimit-Limit", "2.0"));
			this.contextRunner
				.withPropertyValues("adsgraph.upstream.lwa.token-url=" + server.url() + "/auth/o2/token",
						"adsgraph.upstream.sp.hosts.fe=" + server.url() + "/sp/fe")
				.run((context) -> {
					CatalogItem.SearchResults results = context.getBean(SellingPartnerApiClient.class)
						.searchCatalogItems(new SpCredentials(new LwaCredentials("client", "secret", "Atzr|r"), "A1"),
								Region.FE,
								CatalogItemSearch.byIdentifiers("ASIN", List.of("B07N4M94X4"), "ATVPDKIKX0DER", null))
						.block(Duration.ofSeconds(10));

					assertThat(results.items().get(0).summaries().get(0).itemName()).isEqualTo("TV");
					assertThat(server.requestsTo("/sp/fe/catalog/2022-04-01/items")).singleElement()
						.satisfies((request) -> {
							assertThat(request.header("x-amz-access-token")).isEqualTo("Atza|boot");
							assertThat(request.header("user-agent")).contains("Language=Java/");
						});
				});
		}
	}

}
