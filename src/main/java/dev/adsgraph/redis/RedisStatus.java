package dev.adsgraph.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether this replica uses the state in Redis (<em>shared</em>) or, Redis being down or
 * slow, its own conservative share of each quota (<em>degraded</em>), and how many
 * replicas it last counted.
 * <p>
 * A replica is degraded from the moment a Redis command of a shared store fails (or times
 * out) or a heartbeat does, and until a heartbeat succeeds again; it starts degraded and
 * the first heartbeat, made before the replica serves, makes it shared when Redis
 * answers. Going back to shared runs the stores' reconciliations first
 * ({@link #onReconnect}), so that no call is sent on the shared buckets before they know
 * what the local shares spent.
 */
public final class RedisStatus {

	private static final Logger logger = LoggerFactory.getLogger(RedisStatus.class);

	private final List<Supplier<Mono<Void>>> reconciliations = new CopyOnWriteArrayList<>();

	private final LongAdder fallbacks = new LongAdder();

	private final LongAdder commands = new LongAdder();

	/** Incremented each time the replica becomes degraded. */
	private final AtomicLong outages = new AtomicLong();

	private volatile boolean shared;

	private volatile boolean counted;

	private volatile int replicas;

	/**
	 * @param replicasUntilCounted the number of replicas assumed until the heartbeats
	 * have counted them (a replica started while Redis is down)
	 */
	public RedisStatus(int replicasUntilCounted) {
		this.replicas = replicasUntilCounted;
		this.outages.incrementAndGet();
	}

	/** True while this replica uses the shared state in Redis. */
	public boolean shared() {
		return this.shared;
	}

	/** True while this replica runs on its local shares. */
	public boolean degraded() {
		return !this.shared;
	}

	/**
	 * The number of live replicas last counted through the heartbeats (this one
	 * included), or the number assumed until then.
	 */
	public int replicas() {
		return this.replicas;
	}

	/** Whether the heartbeats have counted the replicas at least once. */
	public boolean counted() {
		return this.counted;
	}

	/** Bucket steps served by a local share instead of Redis, since start. */
	public long fallbacks() {
		return this.fallbacks.sum();
	}

	/** Redis commands issued by this replica, since start. */
	public long commands() {
		return this.commands.sum();
	}

	/** The current degraded period; a new one starts each time Redis is lost. */
	long outage() {
		return this.outages.get();
	}

	void fellBack() {
		this.fallbacks.increment();
	}

	void commandIssued() {
		this.commands.increment();
	}

	/** A command of a shared store failed: degraded until the next heartbeat succeeds. */
	public void failed(Throwable ex) {
		synchronized (this) {
			if (!this.shared) {
				return;
			}
			this.shared = false;
			this.outages.incrementAndGet();
		}
		logger.warn("Redis failed ({}); quotas fall back to this replica's share (1/{}) until it answers again",
				ex.toString(), this.replicas);
	}

	/** A heartbeat counted the live replicas: Redis answers. */
	Mono<Void> heartbeat(int count) {
		return heartbeat(count, true);
	}

	/**
	 * A heartbeat counted the live replicas: Redis answers.
	 * @param ready whether every connection of the replica is there too (one opened while
	 * Redis was down may connect a moment after the heartbeat's); the replica stays
	 * degraded until it is
	 */
	Mono<Void> heartbeat(int count, boolean ready) {
		this.replicas = Math.max(1, count);
		this.counted = true;
		if (this.shared || !ready) {
			return Mono.empty();
		}
		return Flux.fromIterable(this.reconciliations)
			.concatMap((reconciliation) -> reconciliation.get().onErrorResume((ex) -> {
				logger.warn("Could not reconcile a local share with Redis: {}", ex.toString());
				return Mono.empty();
			}))
			.then(Mono.fromRunnable(() -> {
				synchronized (this) {
					this.shared = true;
				}
				logger.info("Redis answers: quotas shared through it ({} replicas)", this.replicas);
			}));
	}

	/**
	 * Runs before the replica goes back from its local shares to the shared state in
	 * Redis.
	 */
	void onReconnect(Supplier<Mono<Void>> reconciliation) {
		this.reconciliations.add(reconciliation);
	}

}
