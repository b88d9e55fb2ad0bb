package dev.adsgraph.watch;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.graphql.execution.ErrorType;

import dev.adsgraph.graphql.CodedException;
import dev.adsgraph.upstream.resilience.Backoff;

/**
 * Shared pollers for subscriptions. The first subscriber to a {@link WatchKey} starts one
 * poller; later subscribers to the same key join it and get its latest state first, then
 * every change. The poller stops at a terminal state, on an error, after the maximum
 * duration, or as soon as its last subscriber leaves, so a subscriber that goes away
 * stops costing upstream calls. How many pollers may run at once is bounded, in all and
 * per tenant.
 * <p>
 * Polls back off: after a poll that saw a change the next one waits the initial delay,
 * and each poll that saw none doubles the wait, up to the maximum. Retrying a failed poll
 * is the upstream client's job (its resilience policy retries reads); a poll that still
 * fails ends the poller with that error.
 * <p>
 * In Redis mode ({@link RedisWatchCluster}) a key's poller is also shared across
 * replicas: the replica holding the key's lease polls, the others pass its events on to
 * their own subscribers. The bounds and the maximum duration still count per replica.
 */
public final class StatusWatcher {

	private static final Logger logger = LoggerFactory.getLogger(StatusWatcher.class);

	private static final Object NOTHING_YET = new Object();

	private final WatchProperties properties;

	private final Scheduler scheduler;

	private final ConcurrentMap<WatchKey, Poller> pollers = new ConcurrentHashMap<>();

	private final Backoff backoff;

	private final WatchCluster cluster;

	StatusWatcher(WatchProperties properties, Scheduler scheduler) {
		this(properties, scheduler, null);
	}

	/**
	 * @param cluster where pollers are shared with other replicas (Redis mode), or null
	 * to poll on this replica alone
	 */
	StatusWatcher(WatchProperties properties, Scheduler scheduler, WatchCluster cluster) {
		this.properties = properties;
		this.scheduler = scheduler;
		this.cluster = cluster;
		// No jitter: a poller is one per id already, nothing to spread.
		this.backoff = new Backoff(properties.pollInitialDelay(), properties.pollMaxDelay(), 0, () -> 0);
	}

	/**
	 * Every change of {@code state} of what {@code poll} reads, starting with the current
	 * value, until a value is {@code terminal}; then completes.
	 * @param type the values' class: in Redis mode they reach the other replicas'
	 * subscribers as JSON, read back into this class
	 * @param poll one upstream read; empty is not allowed (map "not found" to an error)
	 * @param state the part of a value whose change is worth telling (a status)
	 */
	public <T> Flux<T> poll(WatchKey key, Class<T> type, Mono<T> poll, Function<T, ?> state, Predicate<T> terminal) {
		return share(key, type, state, () -> loop(key, poll, state, terminal));
	}

	/**
	 * Shares a source that follows a state by itself (the report engine's own polling),
	 * under the same bounds and with the same late-joiner behaviour as {@link #poll}.
	 */
	public <T> Flux<T> follow(WatchKey key, Class<T> type, Supplier<Flux<T>> source) {
		return share(key, type, Function.identity(), source);
	}

	/** How many pollers one tenant may run at once ({@code max-pollers-per-tenant}). */
	public int maxPollersPerTenant() {
		return this.properties.maxPollersPerTenant();
	}

	/** Pollers running now, by tenant id, for tests and metrics. */
	public Map<String, Integer> running() {
		Map<String, Integer> byTenant = new ConcurrentHashMap<>();
		this.pollers.keySet().forEach((key) -> byTenant.merge(key.tenantId(), 1, Integer::sum));
		return byTenant;
	}

	/**
	 * Pollers polling on this replica now, by tenant id: in Redis mode only those whose
	 * lease this replica holds (or that poll alone while Redis is away), the others
	 * follow another replica's; otherwise as {@link #running()}.
	 */
	public Map<String, Integer> polling() {
		if (this.cluster == null) {
			return running();
		}
		Map<String, Integer> byTenant = new ConcurrentHashMap<>();
		this.cluster.polling().forEach((key) -> byTenant.merge(key.tenantId(), 1, Integer::sum));
		return byTenant;
	}

	@SuppressWarnings("unchecked")
	private <T> Flux<T> share(WatchKey key, Class<T> type, Function<T, ?> state, Supplier<Flux<T>> source) {
		// In Redis mode this replica's one poller of the key is itself shared: it polls
		// only where the cluster's lease is, and follows the others' events elsewhere.
		Supplier<Flux<T>> shared = (this.cluster != null) ? () -> this.cluster.share(key, type, state, source) : source;
		return Flux.defer(() -> (Flux<T>) this.pollers.computeIfAbsent(key, (k) -> start(k, shared)).shared);
	}

	private <T> Poller start(WatchKey key, Supplier<Flux<T>> source) {
		// Inside computeIfAbsent: the count cannot change under us for this key, and a
		// refusal
		// leaves nothing behind.
		if (this.pollers.size() >= this.properties.maxPollers()) {
			throw limit(
					"The gateway is already following " + this.properties.maxPollers()
							+ " subscriptions, its maximum; try again later.",
					"maxPollers", this.properties.maxPollers());
		}
		long ofTenant = this.pollers.keySet().stream().filter((k) -> k.tenantId().equals(key.tenantId())).count();
		if (ofTenant >= this.properties.maxPollersPerTenant()) {
			throw limit(
					"This API key already has " + this.properties.maxPollersPerTenant()
							+ " subscriptions to different things, its maximum; end one first.",
					"maxPollersPerTenant", this.properties.maxPollersPerTenant());
		}
		Poller poller = new Poller();
		AtomicBoolean ended = new AtomicBoolean();
		Duration maxDuration = this.properties.maxDuration();
		poller.shared = Flux.defer(source)
			.doOnComplete(() -> ended.set(true))
			.takeUntilOther(Mono.delay(maxDuration, this.scheduler))
			.concatWith(Mono.defer(() -> ended.get() ? Mono.empty() : Mono.error(expired(maxDuration))))
			// Before the terminal signal reaches anyone: a subscriber arriving after it
			// starts afresh.
			.doOnTerminate(() -> this.pollers.remove(key, poller))
			.doOnCancel(() -> {
				this.pollers.remove(key, poller);
				logger.debug("Poller {} stopped: no subscriber left", key);
			})
			.replay(1)
			// No grace: the last subscriber leaving stops the polling at once.
			.refCount(1);
		logger.debug("Poller {} started", key);
		return poller;
	}

	private <T> Flux<T> loop(WatchKey key, Mono<T> poll, Function<T, ?> state, Predicate<T> terminal) {
		AtomicReference<Object> last = new AtomicReference<>(NOTHING_YET);
		AtomicInteger quiet = new AtomicInteger();
		Mono<T> read = poll.switchIfEmpty(Mono.error(() -> new IllegalStateException("no value polled for " + key)));
		return read.expand((value) -> {
			if (terminal.test(value)) {
				return Mono.empty();
			}
			Object now = state.apply(value);
			int attempt = 0;
			if (Objects.equals(last.getAndSet(now), now)) {
				attempt = quiet.incrementAndGet();
			}
			else {
				quiet.set(0);
			}
			return Mono.delay(delay(attempt), this.scheduler).then(read);
		}).distinctUntilChanged(state).takeUntil(terminal);
	}

	Duration delay(int attempt) {
		return this.backoff.delay(attempt, null);
	}

	private static CodedException limit(String message, String limit, int max) {
		return new CodedException("SUBSCRIPTION_LIMIT", ErrorType.BAD_REQUEST, message,
				Map.of("limit", limit, "max", max));
	}

	private static CodedException expired(Duration maxDuration) {
		return new CodedException("SUBSCRIPTION_EXPIRED", ErrorType.BAD_REQUEST,
				"Nothing changed to a final state within " + maxDuration.toString().substring(2).toLowerCase()
						+ " (adsgraph.subscriptions.max-duration); subscribe again to keep waiting.",
				Map.of());
	}

	private static final class Poller {

		volatile Flux<?> shared;

	}

}
