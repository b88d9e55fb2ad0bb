package dev.adsgraph.graphql;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import dev.adsgraph.caching.CacheMetrics;

/**
 * The persisted queries of this replica, bounded by the documents' total length (the
 * least recently used go first), measured as {@code graphql.persisted-queries} like the
 * other caches.
 */
public final class CaffeinePersistedQueryStore implements PersistedQueryStore {

	static final String NAME = "graphql.persisted-queries";

	private final Cache<String, String> documents;

	public CaffeinePersistedQueryStore(long maxTotalChars, CacheMetrics metrics) {
		this(maxTotalChars, metrics, ForkJoinPool.commonPool());
	}

	/**
	 * Caffeine applies the bound on {@code maintenance}; tests pass {@code Runnable::run}
	 * to have it applied before the write returns.
	 */
	CaffeinePersistedQueryStore(long maxTotalChars, CacheMetrics metrics, Executor maintenance) {
		this.documents = Caffeine.newBuilder()
			.maximumWeight(maxTotalChars)
			.weigher((String hash, String document) -> Math.max(1, document.length()))
			.executor(maintenance)
			.recordStats()
			.build();
		metrics.monitor(NAME, this.documents);
	}

	@Override
	public Mono<String> get(String sha256) {
		return Mono.justOrEmpty(this.documents.getIfPresent(sha256));
	}

	@Override
	public void put(String sha256, String document) {
		this.documents.put(sha256, document);
	}

}
