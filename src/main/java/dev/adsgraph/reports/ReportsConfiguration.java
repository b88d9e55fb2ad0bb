package dev.adsgraph.reports;

import java.time.Clock;

import reactor.core.scheduler.Schedulers;

import dev.adsgraph.caching.CacheMetrics;
import dev.adsgraph.upstream.ads.AdsApiClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The report engine and its report sources. A {@link ReportStore} bean replaces the
 * in-memory store; a {@link SharedReports} bean (Redis mode,
 * {@link RedisReportsConfiguration}) makes one upstream report per key across replicas; a
 * {@link Clock} bean replaces the system clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportProperties.class)
class ReportsConfiguration {

	@Bean
	@ConditionalOnMissingBean(ReportStore.class)
	ReportStore reportStore(ReportProperties properties, Clock clock, ObjectProvider<CacheMetrics> cacheMetrics) {
		return new CaffeineReportStore(properties.maxEntries(), clock,
				cacheMetrics.getIfAvailable(() -> CacheMetrics.NONE));
	}

	// Closed with the context (AutoCloseable), which stops the reports still being
	// polled.
	@Bean
	ReportEngine reportEngine(ReportStore reportStore, ObjectProvider<SharedReports> shared,
			ReportProperties properties, Clock clock) {
		return new ReportEngine(reportStore, shared.getIfAvailable(SharedReports::local), properties, clock,
				Schedulers.parallel());
	}

	@Bean
	AdsProductReports adsProductReports(ReportEngine reportEngine, AdsApiClient adsApiClient) {
		return new AdsProductReports(reportEngine, adsApiClient);
	}

}
