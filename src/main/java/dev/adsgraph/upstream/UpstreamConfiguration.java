package dev.adsgraph.upstream;

import java.time.Clock;

import reactor.core.scheduler.Schedulers;

import dev.adsgraph.upstream.ads.WebClientAdsApiClient;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaTokenService;
import dev.adsgraph.upstream.resilience.InMemoryThrottleStore;
import dev.adsgraph.upstream.resilience.ResilienceProperties;
import dev.adsgraph.upstream.resilience.ThrottleStore;
import dev.adsgraph.upstream.resilience.UpstreamGuard;
import dev.adsgraph.upstream.sp.InMemoryTokenBucketStore;
import dev.adsgraph.upstream.sp.SellingPartnerApiClient;
import dev.adsgraph.upstream.sp.SpRateLimiter;
import dev.adsgraph.upstream.sp.TokenBucketStore;
import dev.adsgraph.upstream.sp.WebClientSellingPartnerApiClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The upstream clients, built from Boot's {@link WebClient.Builder} so the application's
 * codecs and HTTP client observations apply to every call to Amazon. A {@link Clock},
 * {@link LwaTokenCache}, {@link TokenBucketStore} or {@link ThrottleStore} bean, when one
 * is defined (tests, shared Redis state), replaces the defaults; an
 * {@link UpstreamMetrics} bean receives the calls' metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ UpstreamProperties.class, ResilienceProperties.class })
public class UpstreamConfiguration {

	@Bean
	UpstreamGuard upstreamGuard(ResilienceProperties properties, ObjectProvider<ThrottleStore> throttles, Clock clock,
			ObjectProvider<UpstreamMetrics> metrics) {
		return new UpstreamGuard(properties, throttles.getIfAvailable(InMemoryThrottleStore::new), clock,
				Schedulers.parallel(), metrics.getIfAvailable(() -> UpstreamMetrics.NONE));
	}

	@Bean
	LwaTokenService lwaTokenService(WebClient.Builder webClientBuilder, UpstreamProperties properties,
			ObjectProvider<LwaTokenCache> tokenCache, Clock clock, UpstreamGuard guard) {
		return new LwaTokenService(webClientBuilder, properties.lwa(),
				tokenCache.getIfAvailable(InMemoryLwaTokenCache::new), clock, guard);
	}

	/** Also the {@link dev.adsgraph.upstream.ads.AdsBillingClient}. */
	@Bean
	WebClientAdsApiClient adsApiClient(WebClient.Builder webClientBuilder, UpstreamProperties properties,
			LwaTokenService lwaTokenService, Clock clock, UpstreamGuard guard) {
		return new WebClientAdsApiClient(webClientBuilder, properties.ads(), lwaTokenService, clock, guard);
	}

	@Bean
	SpRateLimiter spRateLimiter(UpstreamProperties properties, ObjectProvider<TokenBucketStore> bucketStore,
			Clock clock) {
		return new SpRateLimiter(bucketStore.getIfAvailable(() -> new InMemoryTokenBucketStore(clock)),
				SpRateLimiter.limits(properties.sp()), properties.sp().rateLimitMaxWait(), Schedulers.parallel(),
				SAFETY, BURST_HELD_BACK);
	}

	/**
	 * Our buckets run a little behind Amazon's: they start at another instant than
	 * Amazon's and calls do not arrive exactly as sent, so at Amazon's own rate and burst
	 * a call would now and then arrive one token early and draw a 429.
	 */
	static final double SAFETY = 0.9;

	static final int BURST_HELD_BACK = 1;

	@Bean
	SellingPartnerApiClient sellingPartnerApiClient(WebClient.Builder webClientBuilder, UpstreamProperties properties,
			LwaTokenService lwaTokenService, SpRateLimiter spRateLimiter, Clock clock, UpstreamGuard guard) {
		return new WebClientSellingPartnerApiClient(webClientBuilder, properties.sp(), lwaTokenService, spRateLimiter,
				clock, guard);
	}

}
