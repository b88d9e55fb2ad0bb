package dev.adsgraph.reports;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;

import dev.adsgraph.ClockConfiguration;
import dev.adsgraph.redis.RedisConfiguration;
import dev.adsgraph.testing.RedisServer;
import dev.adsgraph.upstream.ads.AdsApiClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** The beans and {@code adsgraph.reports.*} binding, without starting the application. */
class ReportsConfigurationTest {

	// The client is never called here: the beans only need one to exist.
	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(ClockConfiguration.class, ReportsConfiguration.class)
		.withBean(AdsApiClient.class, () -> mock(AdsApiClient.class));

	@Test
	void defaultsAreThoseDocumented() {
		this.context.run((context) -> {
			assertThat(context).hasSingleBean(ReportEngine.class)
				.hasSingleBean(AdsProductReports.class)
				.hasSingleBean(CaffeineReportStore.class);
			ReportProperties properties = context.getBean(ReportProperties.class);
			assertThat(properties).isEqualTo(new ReportProperties(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2,
					Duration.ofHours(3), Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofMinutes(10),
					Duration.ofMinutes(1), 10_000, Duration.ofSeconds(30), Duration.ofSeconds(1)));
		});
	}

	@Test
	void withoutRedisNothingIsSharedAndNothingConnects() {
		this.context.withUserConfiguration(RedisConfiguration.class, RedisReportsConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(SharedReports.class)
				.doesNotHaveBean(RedisClient.class));
	}

	@Test
	void inRedisModeTheEngineSharesReportsThroughRedis() {
		this.context.withUserConfiguration(RedisConfiguration.class, RedisReportsConfiguration.class)
			.withPropertyValues("spring.data.redis.url=" + RedisServer.shared().url(),
					"adsgraph.reports.claim-expiry=5s")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisSharedReports.class);
				RedisSharedReports shared = context.getBean(RedisSharedReports.class);
				assertThat(shared.renewInterval()).isEqualTo(Duration.ofSeconds(5).dividedBy(3));
				assertThat(shared.checkInterval()).isEqualTo(Duration.ofSeconds(1));
			});
	}

	@Test
	void propertiesOverrideTheDefaults() {
		this.context
			.withPropertyValues("adsgraph.reports.poll-initial-delay=5ms", "adsgraph.reports.grace=0s",
					"adsgraph.reports.ttl-including-today=2m")
			.run((context) -> {
				ReportProperties properties = context.getBean(ReportProperties.class);
				assertThat(properties.pollInitialDelay()).isEqualTo(Duration.ofMillis(5));
				assertThat(properties.grace()).isZero();
				assertThat(properties.ttlIncludingToday()).isEqualTo(Duration.ofMinutes(2));
			});
	}

	@Test
	void anInvalidValueStopsStartUpNamingTheProperty() {
		this.context.withPropertyValues("adsgraph.reports.poll-max-delay=1ms").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(IllegalArgumentException.class)
				.rootCause()
				.hasMessageContaining("adsgraph.reports.poll-max-delay");
		});
	}

	@Test
	void aReportStoreBeanReplacesTheInMemoryOne() {
		ReportStore shared = mock(ReportStore.class);
		this.context.withBean(ReportStore.class, () -> shared).run((context) -> {
			assertThat(context).doesNotHaveBean(CaffeineReportStore.class);
			assertThat(context.getBean(ReportStore.class)).isSameAs(shared);
		});
	}

}
