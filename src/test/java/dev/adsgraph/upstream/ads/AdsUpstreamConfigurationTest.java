package dev.adsgraph.upstream.ads;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.adsgraph.ClockConfiguration;
import dev.adsgraph.testing.ConfigurationBinding;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ScriptedHttpServer;
import dev.adsgraph.upstream.ScriptedHttpServer.Reply;
import dev.adsgraph.upstream.UpstreamConfiguration;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The upstream beans as the application wires them, from Boot's WebClient.Builder. */
class AdsUpstreamConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
				WebClientAutoConfiguration.class))
		.withUserConfiguration(ClockConfiguration.class, UpstreamConfiguration.class);

	@Test
	void defaultsAreAmazonsProductionEndpoints() {
		this.contextRunner.run((context) -> {
			UpstreamProperties properties = context.getBean(UpstreamProperties.class);
			assertThat(properties.lwa().tokenUrl()).isEqualTo(URI.create("https://api.amazon.com/auth/o2/token"));
			assertThat(properties.lwa().refreshSkew()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.lwa().timeout()).isPositive();
			assertThat(properties.ads().hosts())
				.containsExactlyInAnyOrderEntriesOf(UpstreamProperties.Ads.AMAZON_HOSTS);
			assertThat(properties.ads().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.ads().responseTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.ads().maxInMemorySize()).isEqualTo(DataSize.ofMegabytes(16));
			assertThat(context).hasSingleBean(LwaTokenService.class).hasSingleBean(AdsApiClient.class);
		});
	}

	@Test
	void overriddenHostsKeepTheirPathPrefixAndOtherRegionsKeepAmazonsHost() {
		this.contextRunner
			.withPropertyValues("adsgraph.upstream.ads.hosts.na=http://127.0.0.1:8080/ads/na/",
					"adsgraph.upstream.lwa.refresh-skew=2m")
			.run((context) -> {
				UpstreamProperties properties = context.getBean(UpstreamProperties.class);
				assertThat(properties.ads().host(Region.NA)).isEqualTo(URI.create("http://127.0.0.1:8080/ads/na"));
				assertThat(properties.ads().host(Region.EU))
					.isEqualTo(URI.create("https://advertising-api-eu.amazon.com"));
				assertThat(properties.lwa().refreshSkew()).isEqualTo(Duration.ofMinutes(2));
			});
	}

	@Test
	void invalidValuesStopStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("adsgraph.upstream.lwa.timeout=0s")
			.run((context) -> assertThat(ConfigurationBinding.problems(context.getStartupFailure()))
				.isEqualTo("adsgraph.upstream.lwa.timeout: must be longer than 0\n"));
		this.contextRunner.withPropertyValues("adsgraph.upstream.ads.hosts.fe=ftp://example.com")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("adsgraph.upstream.ads.hosts.FE"));
	}

	@Test
	void beansTalkToConfiguredUrlsThroughBootsCodecs() {
		try (ScriptedHttpServer server = new ScriptedHttpServer()) {
			server.script((request) -> request.path().equals("/auth/o2/token")
					? Reply.json(200, "{\"access_token\":\"Atza|boot\",\"token_type\":\"bearer\",\"expires_in\":3600}")
					: Reply.of(200, "application/vnd.accountresource.v1+json",
							"{\"adsAccount\":{\"adsAccountId\":\"amzn1.ads-account.g.boot\",\"status\":\"CREATED\"}}"));
			this.contextRunner
				.withPropertyValues("adsgraph.upstream.lwa.token-url=" + server.url() + "/auth/o2/token",
						"adsgraph.upstream.ads.hosts.fe=" + server.url() + "/ads/fe")
				.run((context) -> {
					AdsAccount account = context.getBean(AdsApiClient.class)
						.getAdsAccount(new LwaCredentials("client", "secret", "Atzr|r"), Region.FE,
								"amzn1.ads-account.g.boot")
						.block(Duration.ofSeconds(10));

					assertThat(account.status()).isEqualTo("CREATED");
					assertThat(server.requestsTo("/ads/fe/adsAccounts/amzn1.ads-account.g.boot")).singleElement()
						.satisfies(
								(request) -> assertThat(request.header("Authorization")).isEqualTo("Bearer Atza|boot"));
				});
		}
	}

}
