package dev.adsgraph.web;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import reactor.core.publisher.Mono;

import dev.adsgraph.buckets.InMemoryProxyManager;
import dev.adsgraph.buckets.TokenBuckets;
import dev.adsgraph.tenancy.RequestRate;

/**
 * The request buckets of this replica in Bucket4j, one per tenant, held by an
 * {@link InMemoryProxyManager}; idle buckets are dropped once full again. The Bucket4j
 * call below runs the same over Bucket4j's Redis proxy manager, for one budget per key
 * shared by replicas (see {@link InMemoryProxyManager}).
 * <p>
 * A tenant's rate is fixed while the application runs, so a bucket keeps the rate it was
 * made with.
 * <p>
 * Every request of a key steps that key's one bucket, so concurrent requests meet on it.
 * Over Redis, each step is a read and a compare-and-swap, and concurrent steps of one
 * replica would fail each other's swap and start again (37 round trips a request at 50
 * concurrent clients in the scale-out benchmark, some beyond the Redis timeout). So each
 * key's bucket proxy is kept and built with Bucket4j's batching: steps that arrive while
 * one is on its way to the back end go together in the next one, each still with its own
 * answer. A proxy unused for ten minutes is dropped (its bucket state lives in the back
 * end).
 */
public final class InMemoryRequestBucketStore implements RequestBucketStore {

	private final AsyncProxyManager<String> buckets;

	private final Cache<Key, AsyncBucketProxy> proxies = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	public InMemoryRequestBucketStore(Clock clock) {
		this(new InMemoryProxyManager<>(clock));
	}

	/** Over another Bucket4j back end, such as the Redis one. */
	public InMemoryRequestBucketStore(ProxyManager<String> buckets) {
		this.buckets = buckets.asAsync();
	}

	@Override
	public Mono<Admission> take(String tenantId, RequestRate rate) {
		AsyncBucketProxy bucket = this.proxies.get(new Key(tenantId, rate),
				(key) -> this.buckets.builder()
					.withOptimization(Optimizations.batching())
					.build(tenantId, () -> CompletableFuture
						.completedFuture(TokenBuckets.configuration(rate.requestsPerSecond(), rate.burst()))));
		return Mono.fromFuture(() -> bucket.tryConsumeAndReturnRemaining(1))
			.map((probe) -> probe.isConsumed() ? Admission.now()
					: new Admission(false, Duration.ofNanos(probe.getNanosToWaitForRefill())));
	}

	private record Key(String tenantId, RequestRate rate) {
	}

}
