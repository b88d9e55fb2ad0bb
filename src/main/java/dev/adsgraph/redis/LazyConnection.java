package dev.adsgraph.redis;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.lettuce.core.pubsub.api.reactive.RedisPubSubReactiveCommands;
import io.lettuce.core.pubsub.api.sync.RedisPubSubCommands;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The stand-in {@link ReconnectingRedisClient} answers for a connection it could not make
 * yet: a proxy of Lettuce's connection interface (and of its sync, async and reactive
 * command interfaces) that passes every call to the real connection once it is there.
 * Before that:
 * <ul>
 * <li>commands fail at once: sync ones throw a {@link RedisConnectionException}, async
 * ones answer a failed future, reactive ones a {@link Mono} or {@link Flux} that fails
 * when subscribed to (reactive commands are looked up when subscribed to, so a
 * {@code reactive()} kept in a field works once connected);</li>
 * <li>pub/sub listeners are kept, and {@code subscribe}, {@code psubscribe} and
 * {@code ssubscribe} (with their {@code un} counterparts) are recorded and complete at
 * once: both are applied to the connection when it comes, and from then on Lettuce
 * re-subscribes by itself after each reconnect; {@code observeChannels} and
 * {@code observePatterns} wait for the connection.</li>
 * </ul>
 */
final class LazyConnection<K, V> {

	private static final Set<String> SUBSCRIBING = Set.of("subscribe", "psubscribe", "ssubscribe");

	private static final Set<String> UNSUBSCRIBING = Set.of("unsubscribe", "punsubscribe", "sunsubscribe");

	private enum Facet {

		CONNECTION, SYNC, ASYNC, REACTIVE

	}

	private final boolean pubSub;

	private final RedisCodec<K, V> codec;

	private final ReconnectingRedisClient client;

	private final Object lock = new Object();

	private final List<RedisPubSubListener<K, V>> listeners = new ArrayList<>();

	/** Other listeners (connection state, push), with the method adding them. */
	private final Map<Object, Method> otherListeners = new LinkedHashMap<>();

	/** Recorded subscriptions by command ({@code subscribe}...), in order. */
	private final Map<String, Set<Object>> subscriptions = new LinkedHashMap<>();

	private final Sinks.One<StatefulRedisConnection<K, V>> arrival = Sinks.one();

	private volatile StatefulRedisConnection<K, V> real;

	private volatile boolean closed;

	private final Object connection;

	private final Object sync;

	private final Object async;

	private final Object reactive;

	LazyConnection(boolean pubSub, RedisCodec<K, V> codec, ReconnectingRedisClient client) {
		this.pubSub = pubSub;
		this.codec = codec;
		this.client = client;
		ClassLoader loader = LazyConnection.class.getClassLoader();
		this.connection = proxy(loader, Facet.CONNECTION,
				pubSub ? StatefulRedisPubSubConnection.class : StatefulRedisConnection.class);
		this.sync = proxy(loader, Facet.SYNC, pubSub ? RedisPubSubCommands.class : RedisCommands.class);
		this.async = proxy(loader, Facet.ASYNC, pubSub ? RedisPubSubAsyncCommands.class : RedisAsyncCommands.class);
		this.reactive = proxy(loader, Facet.REACTIVE,
				pubSub ? RedisPubSubReactiveCommands.class : RedisReactiveCommands.class);
	}

	private Object proxy(ClassLoader loader, Facet facet, Class<?> type) {
		return Proxy.newProxyInstance(loader, new Class<?>[] { type }, new Handler(facet));
	}

	@SuppressWarnings("unchecked")
	StatefulRedisConnection<K, V> connection() {
		return (StatefulRedisConnection<K, V>) this.connection;
	}

	@SuppressWarnings("unchecked")
	StatefulRedisPubSubConnection<K, V> pubSubConnection() {
		return (StatefulRedisPubSubConnection<K, V>) this.connection;
	}

	boolean isPubSub() {
		return this.pubSub;
	}

	boolean isClosed() {
		return this.closed;
	}

	boolean isConnected() {
		return this.real != null;
	}

	RedisCodec<K, V> codec() {
		return this.codec;
	}

	/**
	 * The connection is made (on one of Lettuce's threads): listeners and subscriptions
	 * recorded so far go onto it before any call is passed to it.
	 */
	@SuppressWarnings("unchecked")
	void connected(StatefulRedisConnection<K, V> made) {
		synchronized (this.lock) {
			if (this.closed || this.real != null) {
				// Closed meanwhile, or connected by an earlier attempt.
				made.closeAsync();
				return;
			}
			this.otherListeners.forEach((listener, method) -> {
				try {
					LazyConnection.invoke(made, method, new Object[] { listener });
				}
				catch (Throwable ex) {
					// A listener Lettuce refuses is one it would have refused at once.
				}
			});
			if (made instanceof StatefulRedisPubSubConnection<K, V> pubSubMade) {
				this.listeners.forEach(pubSubMade::addListener);
				RedisPubSubAsyncCommands<K, V> commands = pubSubMade.async();
				this.subscriptions.forEach((command, targets) -> {
					if (!targets.isEmpty()) {
						K[] keys = (K[]) targets.toArray();
						switch (command) {
							case "subscribe" -> commands.subscribe(keys);
							case "psubscribe" -> commands.psubscribe(keys);
							default -> commands.ssubscribe(keys);
						}
					}
				});
			}
			this.real = made;
		}
		this.arrival.tryEmitValue(made);
	}

	private Object target(StatefulRedisConnection<K, V> made, Facet facet) {
		return switch (facet) {
			case CONNECTION -> made;
			case SYNC -> made.sync();
			case ASYNC -> made.async();
			case REACTIVE -> made.reactive();
		};
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private static RedisConnectionException notConnected() {
		return new RedisConnectionException("Redis is not connected yet");
	}

	private final class Handler implements InvocationHandler {

		private final Facet facet;

		Handler(Facet facet) {
			this.facet = facet;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			String name = method.getName();
			if (method.getDeclaringClass() == Object.class) {
				return switch (name) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					default -> "LazyConnection[" + this.facet + ", " + (LazyConnection.this.real != null ? "connected"
							: (LazyConnection.this.closed ? "closed" : "connecting")) + "]";
				};
			}
			if (this.facet == Facet.CONNECTION) {
				Object answer = connectionCall(name, method, args);
				if (answer != NOT_HANDLED) {
					return answer;
				}
			}
			if (name.equals("getStatefulConnection")) {
				return LazyConnection.this.connection;
			}
			if (LazyConnection.this.pubSub && this.facet != Facet.CONNECTION) {
				Object answer = pubSubCall(name, method, args);
				if (answer != NOT_HANDLED) {
					return answer;
				}
			}
			StatefulRedisConnection<K, V> made = LazyConnection.this.real;
			if (this.facet == Facet.REACTIVE) {
				// Looked up when subscribed to, so that a Mono made before the connection
				// runs on it once it is there.
				if (Mono.class.isAssignableFrom(method.getReturnType())) {
					return Mono.defer(() -> {
						StatefulRedisConnection<K, V> now = LazyConnection.this.real;
						if (now == null) {
							return Mono.error(notConnected());
						}
						try {
							return (Mono<?>) LazyConnection.invoke(target(now, this.facet), method, args);
						}
						catch (Throwable ex) {
							return Mono.error(ex);
						}
					});
				}
				if (Flux.class.isAssignableFrom(method.getReturnType())) {
					return Flux.defer(() -> {
						StatefulRedisConnection<K, V> now = LazyConnection.this.real;
						if (now == null) {
							return Flux.error(notConnected());
						}
						try {
							return (Flux<?>) LazyConnection.invoke(target(now, this.facet), method, args);
						}
						catch (Throwable ex) {
							return Flux.error(ex);
						}
					});
				}
			}
			if (made != null) {
				return LazyConnection.invoke(target(made, this.facet), method, args);
			}
			if (this.facet == Facet.ASYNC && RedisFuture.class.isAssignableFrom(method.getReturnType())) {
				AsyncCommand<K, V, String> failed = new AsyncCommand<>(
						new Command<>(CommandType.PING, new StatusOutput<>(LazyConnection.this.codec)));
				failed.completeExceptionally(notConnected());
				return failed;
			}
			throw notConnected();
		}

		private Object connectionCall(String name, Method method, Object[] args) throws Throwable {
			StatefulRedisConnection<K, V> made = LazyConnection.this.real;
			switch (name) {
				case "sync":
					return LazyConnection.this.sync;
				case "async":
					return LazyConnection.this.async;
				case "reactive":
					return LazyConnection.this.reactive;
				case "close":
					close();
					return null;
				case "closeAsync":
					close();
					return CompletableFuture.completedFuture(null);
				case "isOpen":
					return made != null && made.isOpen();
				case "getCodec":
					return LazyConnection.this.codec;
				case "getResources":
					return LazyConnection.this.client.getResources();
				case "getOptions":
					return (made != null) ? made.getOptions() : LazyConnection.this.client.getOptions();
				case "isMulti":
					return made != null && made.isMulti();
				case "addListener":
				case "removeListener":
					if (!(args[0] instanceof RedisPubSubListener<?, ?>)) {
						// A connection state or push listener: kept, and added once
						// connected.
						synchronized (LazyConnection.this.lock) {
							if (name.equals("addListener")) {
								LazyConnection.this.otherListeners.put(args[0], method);
							}
							else {
								LazyConnection.this.otherListeners.remove(args[0]);
							}
							made = LazyConnection.this.real;
							if (made != null) {
								LazyConnection.invoke(made, method, args);
							}
						}
						return null;
					}
					@SuppressWarnings("unchecked")
					RedisPubSubListener<K, V> listener = (RedisPubSubListener<K, V>) args[0];
					synchronized (LazyConnection.this.lock) {
						if (name.equals("addListener")) {
							LazyConnection.this.listeners.add(listener);
						}
						else {
							LazyConnection.this.listeners.remove(listener);
						}
						made = LazyConnection.this.real;
						if (made != null) {
							LazyConnection.invoke(made, method, args);
						}
					}
					return null;
				default:
					return NOT_HANDLED;
			}
		}

		private void close() {
			synchronized (LazyConnection.this.lock) {
				LazyConnection.this.closed = true;
				StatefulRedisConnection<K, V> made = LazyConnection.this.real;
				if (made != null) {
					made.close();
				}
			}
		}

		private Object pubSubCall(String name, Method method, Object[] args) throws Throwable {
			boolean subscribing = SUBSCRIBING.contains(name);
			if (subscribing || UNSUBSCRIBING.contains(name)) {
				synchronized (LazyConnection.this.lock) {
					String command = subscribing ? name : name.substring(2);
					Set<Object> targets = LazyConnection.this.subscriptions.computeIfAbsent(command,
							(c) -> new LinkedHashSet<>());
					List<Object> named = Arrays.asList((Object[]) args[0]);
					if (subscribing) {
						targets.addAll(named);
					}
					else if (named.isEmpty()) {
						targets.clear();
					}
					else {
						named.forEach(targets::remove);
					}
					StatefulRedisConnection<K, V> made = LazyConnection.this.real;
					if (made != null) {
						return LazyConnection.invoke(target(made, this.facet), method, args);
					}
				}
				return switch (this.facet) {
					case ASYNC -> {
						AsyncCommand<K, V, String> done = new AsyncCommand<>(
								new Command<>(CommandType.PING, new StatusOutput<>(LazyConnection.this.codec)));
						done.complete();
						yield done;
					}
					case REACTIVE -> Mono.empty();
					default -> null;
				};
			}
			if (this.facet == Facet.REACTIVE && (name.equals("observeChannels") || name.equals("observePatterns"))) {
				return LazyConnection.this.arrival.asMono().flatMapMany((made) -> {
					try {
						return (Flux<?>) LazyConnection.invoke(target(made, this.facet), method, args);
					}
					catch (Throwable ex) {
						return Flux.error(ex);
					}
				});
			}
			return NOT_HANDLED;
		}

	}

	private static final Object NOT_HANDLED = new Object();

}
