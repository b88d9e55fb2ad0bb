package dev.adsgraph.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.adsgraph.buckets.InMemoryProxyManager;
import dev.adsgraph.buckets.TokenBuckets;
import dev.adsgraph.upstream.sp.BucketKey;
import dev.adsgraph.upstream.sp.InMemoryTokenBucketStore;
import dev.adsgraph.upstream.sp.SpRateLimit;
import dev.adsgraph.upstream.sp.TokenBucketStore;

/**
 * The SP-API usage-plan buckets of a replica in Redis mode: the shared buckets in Redis
 * while Redis answers, and while it does not ({@link RedisStatus#degraded()}) a local
 * bucket per key that takes this replica's share of the plan, so that the replicas
 * together still stay within it without talking to one another.
 * <p>
 * The share, with {@code n} the number of replicas last counted: the metered rate (the
 * plan's rate less the safety margin) divided by {@code n}, and {@code burst / n} whole
 * calls of the metered burst (the plan's burst less the call held back), at least one. A
 * share bucket starts with {@code burst / n} calls, none when that is below one: the
 * replicas together never start with more than the metered burst, and none knows how much
 * of Amazon's bucket the shared one had spent just before Redis was lost. Calls go one
 * after the other in the local bucket, as in the shared one.
 * <p>
 * Back to Redis (reconciliation, before the first call on the shared buckets): each local
 * bucket used during the outage takes from its shared bucket what it is short of full
 * (the calls of this replica not yet refilled, counted at the local rate, so generously),
 * so a shared bucket made afresh in an emptied Redis (full) or kept from before (refilled
 * meanwhile) does not send more at once than Amazon's bucket holds after the outage's
 * calls. A step of a shared bucket that fails makes the replica degraded and runs on the
 * local share at once, rather than unmetered.
 */
final class SharedOrLocalTokenBucketStore implements TokenBucketStore {

	private final ProxyManager<BucketKey> sharedBuckets;

	private final InMemoryTokenBucketStore shared;

	private final RedisStatus status;

	private final Clock clock;

	private volatile Local local;

	SharedOrLocalTokenBucketStore(ProxyManager<BucketKey> sharedBuckets, RedisStatus status, Clock clock) {
		this.sharedBuckets = sharedBuckets;
		this.shared = new InMemoryTokenBucketStore(sharedBuckets);
		this.status = status;
		this.clock = clock;
		status.onReconnect(this::reconcile);
	}

	@Override
	public Mono<Reservation> reserve(BucketKey key, SpRateLimit limit, Duration maxWait) {
		return either(() -> this.shared.reserve(key, limit, maxWait),
				(local) -> local.store.reserve(key, local.share(key, limit), maxWait));
	}

	@Override
	public Mono<Void> refund(BucketKey key, SpRateLimit limit) {
		return either(() -> this.shared.refund(key, limit),
				(local) -> local.store.refund(key, local.share(key, limit)));
	}

	@Override
	public Mono<Void> updateRate(BucketKey key, SpRateLimit limit, double rate) {
		return either(() -> this.shared.updateRate(key, limit, rate),
				(local) -> local.store.updateRate(key, local.share(key, limit), rate / local.replicas));
	}

	@Override
	public Mono<Void> drain(BucketKey key, SpRateLimit limit) {
		return either(() -> this.shared.drain(key, limit), (local) -> local.store.drain(key, local.share(key, limit)));
	}

	/**
	 * None while Redis answers (the shared bucket keeps a call of the burst back). On the
	 * local share, when the replicas' shares together hold more than the metered burst
	 * (each share keeps at least one call: two replicas of a burst-2 plan hold Amazon's
	 * whole burst between them), a call goes no sooner than one refill interval of the
	 * share after this replica's previous one, however late that one went.
	 */
	@Override
	public Duration spacing(BucketKey key, SpRateLimit limit) {
		if (this.status.shared()) {
			return Duration.ZERO;
		}
		Local current = local();
		SpRateLimit share = current.share(key, limit);
		if ((long) share.burst() * current.replicas <= limit.burst()) {
			return Duration.ZERO;
		}
		return Duration.ofNanos((long) (1_000_000_000L / share.rate()));
	}

	private <T> Mono<T> either(Supplier<Mono<T>> onShared, Function<Local, Mono<T>> onLocal) {
		if (this.status.shared()) {
			return onShared.get().onErrorResume((ex) -> {
				this.status.failed(ex);
				return onLocal(onLocal);
			});
		}
		return onLocal(onLocal);
	}

	private <T> Mono<T> onLocal(Function<Local, Mono<T>> onLocal) {
		return Mono.defer(() -> {
			this.status.fellBack();
			return onLocal.apply(local());
		});
	}

	/** The local buckets of the current outage; each outage starts with none. */
	private Local local() {
		long outage = this.status.outage();
		Local current = this.local;
		if (current == null || current.outage != outage) {
			synchronized (this) {
				current = this.local;
				if (current == null || current.outage != outage) {
					current = new Local(outage, this.status.replicas(), new InMemoryProxyManager<>(this.clock));
					this.local = current;
				}
			}
		}
		return current;
	}

	/** Takes from each shared bucket what its local share is short of full. */
	private Mono<Void> reconcile() {
		Local spent = this.local;
		if (spent == null || spent.outage != this.status.outage()) {
			// No local bucket used during this outage (those of an earlier one were
			// reconciled then).
			return Mono.empty();
		}
		return Flux.fromIterable(spent.limits.entrySet()).concatMap((entry) -> {
			BucketKey key = entry.getKey();
			SpRateLimit share = spent.share(key, entry.getValue());
			long available = spent.buckets.builder()
				.build(key, () -> TokenBuckets.configuration(share.rate(), share.burst()))
				.getAvailableTokens();
			long deficit = share.burst() - available;
			if (deficit <= 0) {
				return Mono.empty();
			}
			SpRateLimit metered = entry.getValue();
			return Mono.fromFuture(() -> this.sharedBuckets.asAsync()
				.builder()
				.build(key,
						() -> CompletableFuture
							.completedFuture(TokenBuckets.configuration(metered.rate(), metered.burst())))
				.consumeIgnoringRateLimits(deficit));
		}).then();
	}

	/** The share buckets of one outage. */
	private static final class Local {

		final long outage;

		final int replicas;

		final InMemoryProxyManager<BucketKey> buckets;

		final InMemoryTokenBucketStore store;

		/** The metered limit each key was first asked for during this outage. */
		final Map<BucketKey, SpRateLimit> limits = new ConcurrentHashMap<>();

		Local(long outage, int replicas, InMemoryProxyManager<BucketKey> buckets) {
			this.outage = outage;
			this.replicas = Math.max(1, replicas);
			this.buckets = buckets;
			this.store = new InMemoryTokenBucketStore(buckets);
		}

		/**
		 * This replica's share of {@code limit}; the first time a key is seen, its bucket
		 * is made with the calls the share starts with.
		 */
		SpRateLimit share(BucketKey key, SpRateLimit limit) {
			int start = limit.burst() / this.replicas;
			SpRateLimit share = new SpRateLimit(limit.rate() / this.replicas, Math.max(1, start));
			if (this.limits.putIfAbsent(key, limit) == null && start < share.burst()) {
				this.buckets.builder()
					.build(key, () -> TokenBuckets.configuration(share.rate(), share.burst()))
					.consumeIgnoringRateLimits(share.burst() - start);
			}
			return share;
		}

	}

}
