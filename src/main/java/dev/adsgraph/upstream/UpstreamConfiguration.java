package dev.adsgraph.upstream;

import java.time.Clock;

import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.WebClientAdsApiClient;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The upstream clients, built from Boot's {@link WebClient.Builder} so the application's codecs
 * and HTTP client observations apply to every call to Amazon. A {@link Clock} or
 * {@link LwaTokenCache} bean, when one is defined (tests, a shared Redis cache), replaces the
 * defaults.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpstreamProperties.class)
public class UpstreamConfiguration {

	@Bean
	LwaTokenService lwaTokenService(WebClient.Builder webClientBuilder, UpstreamProperties properties,
			ObjectProvider<LwaTokenCache> tokenCache, ObjectProvider<Clock> clock) {
		return new LwaTokenService(webClientBuilder, properties.lwa(),
				tokenCache.getIfAvailable(InMemoryLwaTokenCache::new), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	AdsApiClient adsApiClient(WebClient.Builder webClientBuilder, UpstreamProperties properties,
			LwaTokenService lwaTokenService, ObjectProvider<Clock> clock) {
		return new WebClientAdsApiClient(webClientBuilder, properties.ads(), lwaTokenService,
				clock.getIfAvailable(Clock::systemUTC));
	}

}
