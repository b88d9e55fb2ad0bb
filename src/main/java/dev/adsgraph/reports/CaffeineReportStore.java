package dev.adsgraph.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import dev.adsgraph.caching.CacheMetrics;

/**
 * {@link ReportStore} in this JVM's memory, bounded by entry count. Expiry follows the
 * given clock, so tests move time by hand.
 */
class CaffeineReportStore implements ReportStore {

	private final Cache<ReportKey, Entry> cache;

	CaffeineReportStore(long maxEntries, Clock clock) {
		this(maxEntries, clock, CacheMetrics.NONE);
	}

	/** Hits, misses and evictions published as the cache {@code reports}. */
	CaffeineReportStore(long maxEntries, Clock clock, CacheMetrics metrics) {
		this.cache = Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.recordStats()
			.expireAfter(Expiry.writing((ReportKey key, Entry entry) -> entry.ttl()))
			.ticker(() -> nanos(clock.instant()))
			.build();
		metrics.monitor("reports", this.cache);
	}

	@Override
	public Mono<ReportResult<?>> get(ReportKey key) {
		return Mono.fromSupplier(() -> {
			Entry entry = this.cache.getIfPresent(key);
			return (entry != null) ? entry.result() : null;
		});
	}

	@Override
	public Mono<Void> put(ReportKey key, ReportResult<?> result, Duration ttl) {
		return Mono.fromRunnable(() -> this.cache.put(key, new Entry(result, ttl)));
	}

	@Override
	public Mono<Void> evict(ReportKey key) {
		return Mono.fromRunnable(() -> this.cache.invalidate(key));
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	private record Entry(ReportResult<?> result, Duration ttl) {
	}

}
