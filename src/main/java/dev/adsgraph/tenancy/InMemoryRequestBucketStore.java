package dev.adsgraph.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import reactor.core.publisher.Mono;

import dev.adsgraph.buckets.InMemoryProxyManager;
import dev.adsgraph.buckets.TokenBuckets;

/**
 * The request buckets of this replica in Bucket4j, one per tenant, held by an
 * {@link InMemoryProxyManager}; idle buckets are dropped once full again. The Bucket4j
 * call below runs the same over Bucket4j's Redis proxy manager, for one budget per key
 * shared by replicas (see {@link InMemoryProxyManager}).
 * <p>
 * A tenant's rate is fixed while the application runs, so a bucket keeps the rate it was
 * made with.
 */
public final class InMemoryRequestBucketStore implements RequestBucketStore {

	private final AsyncProxyManager<String> buckets;

	public InMemoryRequestBucketStore(Clock clock) {
		this(new InMemoryProxyManager<>(clock));
	}

	/** Over another Bucket4j back end, such as the Redis one. */
	public InMemoryRequestBucketStore(ProxyManager<String> buckets) {
		this.buckets = buckets.asAsync();
	}

	@Override
	public Mono<Admission> take(String tenantId, RequestRate rate) {
		AsyncBucketProxy bucket = this.buckets.builder()
			.build(tenantId, () -> CompletableFuture
				.completedFuture(TokenBuckets.configuration(rate.requestsPerSecond(), rate.burst())));
		return Mono.fromFuture(() -> bucket.tryConsumeAndReturnRemaining(1))
			.map((probe) -> probe.isConsumed() ? Admission.now()
					: new Admission(false, Duration.ofNanos(probe.getNanosToWaitForRefill())));
	}

}
