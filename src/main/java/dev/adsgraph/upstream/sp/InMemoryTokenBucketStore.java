package dev.adsgraph.upstream.sp;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import reactor.core.publisher.Mono;

import dev.adsgraph.buckets.InMemoryProxyManager;
import dev.adsgraph.buckets.TokenBuckets;

/**
 * SP-API token buckets in Bucket4j, held in this replica's memory by an
 * {@link InMemoryProxyManager}, one per selling partner, operation and region in use;
 * idle buckets are dropped once full again. Every step below is a Bucket4j call on a
 * {@link ProxyManager}'s bucket, so the same steps run over Bucket4j's Redis proxy
 * manager for buckets shared by replicas (see {@link InMemoryProxyManager}).
 */
public final class InMemoryTokenBucketStore implements TokenBucketStore {

	private final AsyncProxyManager<BucketKey> buckets;

	public InMemoryTokenBucketStore(Clock clock) {
		this(new InMemoryProxyManager<>(clock));
	}

	/** Over another Bucket4j back end, such as the Redis one. */
	public InMemoryTokenBucketStore(ProxyManager<BucketKey> buckets) {
		this.buckets = buckets.asAsync();
	}

	/**
	 * Takes the token whatever the wait (the balance goes below zero, which queues the
	 * callers), and gives it back when the wait is beyond {@code maxWait}. Between the
	 * two steps the queue is one longer than it will be; a caller arriving just then is
	 * told one refill interval more than it would have been.
	 */
	@Override
	public Mono<Reservation> reserve(BucketKey key, SpRateLimit limit, Duration maxWait) {
		AsyncBucketProxy bucket = bucket(key, limit);
		return Mono.fromFuture(() -> bucket.consumeIgnoringRateLimits(1)).flatMap((nanos) -> {
			if (nanos == Long.MAX_VALUE) {
				// Bucket4j took nothing: the queue would outlast any clock.
				return Mono.just(new Reservation(false, Duration.ofNanos(Long.MAX_VALUE)));
			}
			Duration wait = Duration.ofNanos(nanos);
			if (wait.compareTo(maxWait) <= 0) {
				return Mono.just(new Reservation(true, wait));
			}
			return Mono.fromFuture(() -> bucket.addTokens(1)).thenReturn(new Reservation(false, wait));
		});
	}

	@Override
	public Mono<Void> refund(BucketKey key, SpRateLimit limit) {
		AsyncBucketProxy bucket = bucket(key, limit);
		return Mono.fromFuture(() -> bucket.addTokens(1));
	}

	@Override
	public Mono<Void> updateRate(BucketKey key, SpRateLimit limit, double rate) {
		AsyncBucketProxy bucket = bucket(key, limit);
		return Mono.fromFuture(() -> bucket.replaceConfiguration(TokenBuckets.configuration(rate, limit.burst()),
				TokensInheritanceStrategy.AS_IS));
	}

	/**
	 * Takes whatever whole tokens there are; a token partly refilled keeps its progress
	 * (Bucket4j keeps fractions of a token apart from the balance).
	 */
	@Override
	public Mono<Void> drain(BucketKey key, SpRateLimit limit) {
		AsyncBucketProxy bucket = bucket(key, limit);
		return Mono.fromFuture(bucket::tryConsumeAsMuchAsPossible).then();
	}

	/**
	 * The bucket of this key, made at {@code limit} and full if there is none (yet, or
	 * again).
	 */
	private AsyncBucketProxy bucket(BucketKey key, SpRateLimit limit) {
		return this.buckets.builder()
			.build(key,
					() -> CompletableFuture.completedFuture(TokenBuckets.configuration(limit.rate(), limit.burst())));
	}

}
