package dev.adsgraph.watch;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import dev.adsgraph.graphql.PortableError;

import org.springframework.context.SmartLifecycle;

/**
 * The subscription pollers of replicas in Redis mode: one poller per {@link WatchKey}
 * across the cluster, its events fanned out to every replica holding subscribers.
 * <p>
 * Per key, with the prefix {@code <key-prefix>watch:}:
 * <ul>
 * <li>{@code lease:<key>} names the replica that polls ({@code SET NX PX}, renewed every
 * third of the lease while it polls);</li>
 * <li>{@code latest:<key>} holds the latest value as JSON, under the same expiry, so a
 * subscriber arriving on another replica gets it first;</li>
 * <li>the channel {@code events:<key>} carries every change, the end, an error, and the
 * holder letting go.</li>
 * </ul>
 * A replica with subscribers to a key listens on its channel, reads the latest value and
 * tries to take the lease; the one that gets it polls and publishes, the others try again
 * every third of the lease, so a holder that dies is replaced within one lease. A holder
 * whose last subscriber leaves lets the lease go and says so on the channel, and a
 * replica still interested takes it over at once. A terminal value, then the end (or an
 * error), ends every replica's subscribers. For one lease more the lease then names no
 * replica, so that none polls again on a message it missed, and the latest value says how
 * it ended: a subscriber arriving meanwhile gets that end at once; a later one starts
 * afresh, as on one replica.
 * <p>
 * Redis never fails a subscription: a replica that cannot reach Redis when a key's
 * subscription starts, or whose attempt to take a lease fails later, polls on its own (as
 * without Redis) until that subscription ends; a holder that cannot renew keeps polling.
 * Every step is bounded by the connection's command timeout.
 */
final class RedisWatchCluster implements WatchCluster, SmartLifecycle, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisWatchCluster.class);

	/** Stores and publishes a value, if the lease is still this replica's. */
	private static final String PUBLISH = """
			if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
			local t = redis.call('TIME')
			local seq = t[1] .. string.format('%06d', tonumber(t[2]))
			redis.call('SET', KEYS[2], seq .. '\\n' .. ARGV[3], 'PX', ARGV[4])
			redis.call('PUBLISH', ARGV[2], 'v' .. ARGV[1] .. '\\n' .. seq .. '\\n' .. ARGV[3])
			return 1""";

	/** Keeps the lease (taking it again if it expired meanwhile) and the latest value. */
	private static final String RENEW = """
			local holder = redis.call('GET', KEYS[1])
			if holder == ARGV[1] then
			  redis.call('PEXPIRE', KEYS[1], ARGV[2])
			  redis.call('PEXPIRE', KEYS[2], ARGV[2])
			  return 1
			end
			if not holder then
			  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			  return 1
			end
			return 0""";

	/**
	 * The end or an error, told to every replica; for one lease more, the lease names no
	 * replica (none starts polling again on a message it missed) and the latest value
	 * says how it ended, for subscribers arriving meanwhile.
	 */
	private static final String FINISH = """
			if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
			redis.call('SET', KEYS[1], '', 'PX', ARGV[4])
			if ARGV[5] ~= '' then
			  redis.call('SET', KEYS[2], ARGV[5], 'PX', ARGV[4])
			else
			  local latest = redis.call('GET', KEYS[2])
			  if latest then redis.call('SET', KEYS[2], 'E' .. latest, 'PX', ARGV[4]) end
			end
			redis.call('PUBLISH', ARGV[2], ARGV[3])
			return 1""";

	/** Lets the lease go and tells the replicas still interested. */
	private static final String RELEASE = """
			if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
			redis.call('DEL', KEYS[1])
			redis.call('PUBLISH', ARGV[2], ARGV[3])
			return 1""";

	private final RedisReactiveCommands<String, String> commands;

	private final StatefulRedisPubSubConnection<String, String> pubSub;

	private final String prefix;

	private final Duration lease;

	private final Duration timeout;

	private final Scheduler scheduler;

	/** This replica's name in leases and messages. */
	private final String instance = UUID.randomUUID().toString();

	private final Map<String, Set<Following<?>>> listeners = new ConcurrentHashMap<>();

	private final Set<WatchKey> polling = ConcurrentHashMap.newKeySet();

	/**
	 * @param commands the replica's shared connection's commands
	 * @param client for a pub/sub connection of its own
	 * @param prefix put before every key and channel ({@code adsgraph.redis.key-prefix})
	 * @param lease how long a holder keeps the right to poll without renewing it
	 * @param timeout the bound on each Redis step
	 */
	RedisWatchCluster(RedisReactiveCommands<String, String> commands, RedisClient client, String prefix, Duration lease,
			Duration timeout, Scheduler scheduler) {
		this.commands = commands;
		this.prefix = Objects.requireNonNull(prefix, "prefix") + "watch:";
		this.lease = lease;
		this.timeout = timeout;
		this.scheduler = scheduler;
		this.pubSub = client.connectPubSub();
		this.pubSub.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String channel, String message) {
				Set<Following<?>> following = RedisWatchCluster.this.listeners.get(channel);
				if (following != null) {
					following.forEach((f) -> f.received(message));
				}
			}

		});
	}

	/** The keys this replica polls itself now (holding the lease, or alone). */
	@Override
	public Set<WatchKey> polling() {
		return Set.copyOf(this.polling);
	}

	@Override
	public <T> Flux<T> share(WatchKey key, Class<T> type, Function<T, ?> state, Supplier<Flux<T>> source) {
		return Flux.create((sink) -> new Following<>(key, type, state, source, sink).start());
	}

	static String name(WatchKey key) {
		return key.kind() + ":" + key.tenantId() + ":" + key.id();
	}

	private Mono<Void> listen(String channel, Following<?> following) {
		// Under one lock with unlisten: the connection sends SUBSCRIBE and UNSUBSCRIBE of
		// a channel in the order they were decided.
		synchronized (this.listeners) {
			this.listeners.computeIfAbsent(channel, (c) -> new CopyOnWriteArraySet<>()).add(following);
			return Mono.fromCompletionStage(this.pubSub.async().subscribe(channel)).timeout(this.timeout);
		}
	}

	private void unlisten(String channel, Following<?> following) {
		synchronized (this.listeners) {
			Set<Following<?>> set = this.listeners.get(channel);
			if (set == null || !set.remove(following) || !set.isEmpty()) {
				return;
			}
			this.listeners.remove(channel);
			try {
				this.pubSub.async().unsubscribe(channel).exceptionally((ex) -> null);
			}
			catch (RuntimeException ex) {
				// Closed: nothing to unsubscribe from.
			}
		}
	}

	private Mono<Long> eval(String script, String[] keys, String... args) {
		return this.commands.<Long>eval(script, ScriptOutputType.INTEGER, keys, args).next().timeout(this.timeout);
	}

	private volatile boolean running;

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Before the web server's graceful shutdown (which waits for open sockets): this
	 * replica lets go of every lease it holds, so that a replica still interested polls
	 * on at once; its own subscribers, while their sockets stay open, get that replica's
	 * events. A lease nobody else takes this replica takes back at its next try.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.listeners.values().forEach((set) -> set.forEach(Following::handOver));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void close() {
		this.pubSub.close();
	}

	/**
	 * One replica's following of one key: an actor on a worker of its own, so that
	 * received messages, its own values and the lease's steps are handled one at a time,
	 * in order.
	 */
	private final class Following<T> {

		private final WatchKey key;

		private final Class<T> type;

		private final Function<T, ?> state;

		private final Supplier<Flux<T>> source;

		private final FluxSink<T> sink;

		private final Scheduler.Worker worker;

		private final String channel;

		private final String[] keys;

		private Object lastState = this;

		private long lastSeq;

		private boolean started;

		private boolean holding;

		private boolean alone;

		private boolean finished;

		private Disposable loop;

		Following(WatchKey key, Class<T> type, Function<T, ?> state, Supplier<Flux<T>> source, FluxSink<T> sink) {
			this.key = key;
			this.type = type;
			this.state = state;
			this.source = source;
			this.sink = sink;
			this.worker = RedisWatchCluster.this.scheduler.createWorker();
			String name = name(key);
			this.channel = RedisWatchCluster.this.prefix + "events:" + name;
			this.keys = new String[] { RedisWatchCluster.this.prefix + "lease:" + name,
					RedisWatchCluster.this.prefix + "latest:" + name };
		}

		/**
		 * On the worker; once the worker is gone (the subscription ended), at once: every
		 * step then only tidies up (a lease got too late is let go).
		 */
		private void run(Runnable task) {
			try {
				this.worker.schedule(task);
			}
			catch (RejectedExecutionException ex) {
				task.run();
			}
		}

		void start() {
			this.sink.onDispose(() -> run(this::stop));
			listen(this.channel, this)
				.then(RedisWatchCluster.this.commands.get(this.keys[1]).timeout(RedisWatchCluster.this.timeout))
				.subscribe((latest) -> run(() -> begin(latest)), (ex) -> run(() -> alone(ex)),
						() -> run(() -> begin(null)));
		}

		private void begin(String latest) {
			if (this.finished || this.started) {
				return;
			}
			this.started = true;
			if (latest != null) {
				try {
					if (latest.startsWith("X")) {
						// Ended with an error a moment ago.
						finish(WatchValues.read(latest.substring(1), PortableError.class).toException());
						return;
					}
					boolean ended = latest.startsWith("E");
					String stored = ended ? latest.substring(1) : latest;
					int newline = stored.indexOf('\n');
					value(stored.substring(newline + 1), Long.parseLong(stored.substring(0, newline)));
					if (ended) {
						finish(null);
						return;
					}
				}
				catch (RuntimeException ex) {
					alone(ex);
					return;
				}
			}
			tryLease();
			long every = Math.max(1, RedisWatchCluster.this.lease.toMillis() / 3);
			this.worker.schedulePeriodically(this::tick, every, every, TimeUnit.MILLISECONDS);
		}

		private void tick() {
			if (this.finished || this.alone) {
				return;
			}
			if (!this.holding) {
				tryLease();
				return;
			}
			eval(RENEW, this.keys, RedisWatchCluster.this.instance,
					Long.toString(RedisWatchCluster.this.lease.toMillis()))
				.subscribe((kept) -> run(() -> renewed(kept == 1)), (ex) -> logger
					.debug("Could not renew the lease of {}, polling on: {}", this.key, ex.toString()));
		}

		private void tryLease() {
			RedisWatchCluster.this.commands
				.set(this.keys[0], RedisWatchCluster.this.instance,
						SetArgs.Builder.nx().px(RedisWatchCluster.this.lease.toMillis()))
				.timeout(RedisWatchCluster.this.timeout)
				.subscribe((ok) -> run(() -> leased()), (ex) -> run(() -> alone(ex)));
		}

		/** This replica got the lease: it polls, and publishes what it reads. */
		private void leased() {
			if (this.finished || this.alone) {
				// Got too late for this subscription: let it go for another replica.
				release();
				return;
			}
			if (this.holding) {
				return;
			}
			this.holding = true;
			RedisWatchCluster.this.polling.add(this.key);
			logger.debug("Polling {} for the cluster", this.key);
			this.loop = this.source.get()
				.subscribe((value) -> run(() -> polled(value)), (ex) -> run(() -> failed(ex)), () -> run(this::ended));
		}

		private void renewed(boolean kept) {
			if (!kept && this.holding && !this.finished) {
				// Another replica took the lease (this one could not renew it in time):
				// it polls now, this one follows it.
				logger.debug("Lost the lease of {} to another replica", this.key);
				stopPolling();
			}
		}

		/**
		 * Redis could not be reached: this replica polls on its own, as without Redis.
		 */
		private void alone(Throwable ex) {
			if (this.finished || this.alone || this.holding) {
				return;
			}
			logger.warn("Redis unavailable for subscription poller {}; polling on this replica alone: {}", this.key,
					ex.toString());
			this.alone = true;
			this.started = true;
			RedisWatchCluster.this.polling.add(this.key);
			this.loop = this.source.get()
				.subscribe((value) -> run(() -> deliver(value, 0)), (ex2) -> run(() -> finish(ex2)),
						() -> run(() -> finish(null)));
		}

		private void polled(T value) {
			if (this.finished || !this.holding) {
				return;
			}
			deliver(value, 0);
			String encoded;
			try {
				encoded = WatchValues.write(value);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not share a change of {} with the other replicas: {}", this.key, ex.toString());
				return;
			}
			eval(PUBLISH, this.keys, RedisWatchCluster.this.instance, this.channel, encoded,
					Long.toString(RedisWatchCluster.this.lease.toMillis()))
				.subscribe(null, (ex) -> logger.debug("Could not publish a change of {}: {}", this.key, ex.toString()));
		}

		private void ended() {
			if (this.finished || !this.holding) {
				return;
			}
			publishFinish("e" + RedisWatchCluster.this.instance, "");
			finish(null);
		}

		private void failed(Throwable ex) {
			if (this.finished || !this.holding) {
				return;
			}
			String error = WatchValues.write(PortableError.of(ex));
			publishFinish("x" + RedisWatchCluster.this.instance + "\n" + error, "X" + error);
			finish(ex);
		}

		private void publishFinish(String message, String latest) {
			this.holding = false;
			eval(FINISH, this.keys, RedisWatchCluster.this.instance, this.channel, message,
					Long.toString(RedisWatchCluster.this.lease.toMillis()), latest)
				.subscribe(null, (ex) -> logger.debug("Could not publish the end of {}: {}", this.key, ex.toString()));
		}

		void handOver() {
			run(() -> {
				if (this.holding && !this.finished) {
					logger.debug("Handing {} over to another replica", this.key);
					stopPolling();
					release();
				}
			});
		}

		/** A message on the key's channel (on Lettuce's thread: handed to the worker). */
		void received(String message) {
			run(() -> handle(message));
		}

		private void handle(String message) {
			if (this.finished || this.alone || message.isEmpty()) {
				return;
			}
			int newline = message.indexOf('\n');
			String sender = message.substring(1, (newline < 0) ? message.length() : newline);
			if (sender.equals(RedisWatchCluster.this.instance)) {
				return;
			}
			String body = (newline < 0) ? "" : message.substring(newline + 1);
			try {
				switch (message.charAt(0)) {
					case 'v' -> {
						int second = body.indexOf('\n');
						value(body.substring(second + 1), Long.parseLong(body.substring(0, second)));
					}
					case 'e' -> finish(null);
					case 'x' -> finish(WatchValues.read(body, PortableError.class).toException());
					case 'r' -> {
						if (!this.holding && this.started) {
							tryLease();
						}
					}
					default -> logger.debug("Ignoring an unknown message on {}", this.channel);
				}
			}
			catch (RuntimeException ex) {
				// Another version of the gateway, say, during a rolling upgrade.
				alone(ex);
			}
		}

		private void value(String encoded, long seq) {
			deliver(WatchValues.read(encoded, this.type), seq);
		}

		/**
		 * Passes a value on unless it is older than one already passed on (a sequence
		 * from Redis's clock; 0 for this replica's own) or repeats the last state.
		 */
		private void deliver(T value, long seq) {
			if (seq != 0) {
				if (seq <= this.lastSeq) {
					return;
				}
				this.lastSeq = seq;
			}
			Object now = this.state.apply(value);
			if (Objects.equals(now, this.lastState)) {
				return;
			}
			this.lastState = now;
			this.sink.next(value);
		}

		private void finish(Throwable error) {
			if (this.finished) {
				return;
			}
			if (error != null) {
				this.sink.error(error);
			}
			else {
				this.sink.complete();
			}
		}

		private void stopPolling() {
			this.holding = false;
			RedisWatchCluster.this.polling.remove(this.key);
			if (this.loop != null) {
				this.loop.dispose();
				this.loop = null;
			}
		}

		/** The subscription ended (every way): nothing of it keeps running. */
		private void stop() {
			if (this.finished) {
				return;
			}
			boolean wasHolding = this.holding;
			this.finished = true;
			stopPolling();
			this.alone = false;
			if (wasHolding) {
				release();
			}
			unlisten(this.channel, this);
			this.worker.dispose();
		}

		private void release() {
			eval(RELEASE, new String[] { this.keys[0] }, RedisWatchCluster.this.instance, this.channel,
					"r" + RedisWatchCluster.this.instance)
				.subscribe(null, (ex) -> logger.debug("Could not let the lease of {} go: {}", this.key, ex.toString()));
		}

	}

}
