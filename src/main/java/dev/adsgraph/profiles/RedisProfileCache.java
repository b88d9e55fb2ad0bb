package dev.adsgraph.profiles;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.redis.RedisInvalidations;
import dev.adsgraph.redis.RedisOutageLog;
import dev.adsgraph.redis.SecondLevelCache;
import dev.adsgraph.upstream.ads.Profile;
import dev.adsgraph.upstream.ads.ProfileFilter;

/**
 * The profile cache of replicas in Redis mode: this replica's in-memory cache over a
 * second level in Redis that every replica reads and writes, so that a list one replica
 * read from Amazon is not read again by the others.
 * <p>
 * A miss in memory reads Redis before Amazon; a list read from Amazon is written to both
 * (Redis first, before the caller gets it), as JSON with the instant it was read, and
 * read back from Redis only while younger than the cache's lifetime. A replica keeps a
 * list it read from Redis for the cache's lifetime too, so a list is at most twice that
 * old. A workspace's lists are the fields of one Redis hash,
 * {@code <prefix>profiles:<workspace id>}, field
 * {@code <connection id>|<region>|<filter>}, so that a workspace's or a connection's
 * lists are deleted in one command; the hash expires a lifetime after its last write.
 * Keys hold workspace and connection ids only.
 * <p>
 * {@link #invalidate(Lists)} drops the lists here, deletes them in Redis, then tells the
 * other replicas ({@link RedisInvalidations}, topic {@code profiles}), which drop their
 * copies in memory (the one kept here included: theirs is older) and read Redis again.
 * <p>
 * Redis failing or slow (each command bounded by {@code timeout}) never fails a lookup: a
 * read that fails is a miss (the list comes from Amazon), a write or a deletion that
 * fails is logged once per outage and dropped.
 */
public final class RedisProfileCache extends SecondLevelCache<ProfileCache.Key, List<Profile>> implements ProfileCache {

	static final String TOPIC = "profiles";

	private static final Logger logger = LoggerFactory.getLogger(RedisProfileCache.class);

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String WRITE = "redis.call('hset', KEYS[1], ARGV[1], ARGV[2]) "
			+ "return redis.call('pexpire', KEYS[1], ARGV[3])";

	/** Deletes the fields that begin with ARGV[1], but ARGV[2]; all of them at once. */
	private static final String DELETE = "if ARGV[1] == '' and ARGV[2] == '' then return redis.call('del', KEYS[1]) end "
			+ "local n = 0 for _, f in ipairs(redis.call('hkeys', KEYS[1])) do "
			+ "if string.sub(f, 1, string.len(ARGV[1])) == ARGV[1] and f ~= ARGV[2] then "
			+ "n = n + redis.call('hdel', KEYS[1], f) end end return n";

	private final RedisReactiveCommands<String, String> redis;

	private final RedisInvalidations invalidations;

	private final String prefix;

	private final Duration ttl;

	private final Duration timeout;

	private final Clock clock;

	private final RedisOutageLog outages = new RedisOutageLog(logger, "the shared profile cache");

	/**
	 * @param local this replica's cache, in front of Redis
	 * @param prefix the deployment's key prefix
	 * @param ttl how long a list is used, in memory and in Redis
	 * @param timeout bound on each Redis command
	 */
	public RedisProfileCache(ProfileCache local, StatefulRedisConnection<String, String> connection,
			RedisInvalidations invalidations, String prefix, Duration ttl, Duration timeout, Clock clock) {
		super(Objects.requireNonNull(local, "local"));
		this.redis = connection.reactive();
		this.invalidations = invalidations;
		this.prefix = prefix + "profiles:";
		this.ttl = ttl;
		this.timeout = timeout;
		this.clock = clock;
		invalidations.subscribe(TOPIC, this::received);
		invalidations.onReconnected(() -> this.local.invalidate((key) -> true));
	}

	/**
	 * Lists named by a {@link Lists} are dropped everywhere; any other predicate can only
	 * be applied to this replica's memory.
	 */
	@Override
	public void invalidate(Predicate<Key> keys) {
		if (keys instanceof Lists lists) {
			invalidate(lists);
		}
		else {
			this.local.invalidate(keys);
		}
	}

	@Override
	public void invalidate(Lists lists) {
		this.local.invalidate((Predicate<Key>) lists);
		String fields = (lists.connectionId() == null) ? ""
				: lists.connectionId() + "|" + ((lists.region() == null) ? "" : lists.region() + "|");
		String kept = (lists.kept() == null || lists.connectionId() == null || lists.region() == null) ? ""
				: fields + filter(lists.kept());
		String message;
		try {
			message = JSON.writeValueAsString(lists.all());
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("A profile list selection is always writable as JSON", ex);
		}
		bounded(this.redis.eval(DELETE, ScriptOutputType.INTEGER, new String[] { hash(lists.tenantId()) }, fields, kept)
			.then()).doOnSuccess((done) -> this.outages.succeeded()).onErrorResume((ex) -> {
				this.outages.failed("deleting profile lists", ex);
				return Mono.empty();
			})
			// Published once the deletion is done, so a replica that reads Redis on the
			// message does not find the lists deleted.
			.subscribe(null, null, () -> this.invalidations.publish(TOPIC, message));
	}

	/**
	 * Lists another replica invalidated: this replica's copies go, Redis is read again.
	 */
	private void received(String message) {
		this.local.invalidate((Predicate<Key>) JSON.readValue(message, Lists.class));
	}

	@Override
	protected Mono<List<Profile>> read(Key key) {
		return bounded(this.redis.hget(hash(key.tenantId()), field(key)))
			.doOnSuccess((found) -> this.outages.succeeded())
			.mapNotNull((value) -> {
				try {
					Stored stored = JSON.readValue(value, Stored.class);
					boolean fresh = this.clock.millis() - stored.at() < this.ttl.toMillis();
					return fresh ? List.copyOf(stored.profiles()) : null;
				}
				catch (JacksonException | NullPointerException ex) {
					logger.warn("Ignoring an unreadable profile list in Redis: {}", ex.getClass().getSimpleName());
					return null;
				}
			})
			.onErrorResume((ex) -> {
				this.outages.failed("reading a profile list", ex);
				return Mono.empty();
			});
	}

	/**
	 * Completes once Redis has the list (or could not take it: never fails), so a replica
	 * that answered has shared what it read before its caller sees it.
	 */
	@Override
	protected Mono<Void> write(Key key, List<Profile> profiles) {
		String value = JSON.writeValueAsString(new Stored(this.clock.millis(), profiles));
		return bounded(this.redis
			.eval(WRITE, ScriptOutputType.INTEGER, new String[] { hash(key.tenantId()) }, field(key), value,
					Long.toString(Math.max(1, this.ttl.toMillis())))
			.then()).doOnSuccess((done) -> this.outages.succeeded()).onErrorResume((ex) -> {
				this.outages.failed("writing a profile list", ex);
				return Mono.empty();
			});
	}

	private <T> Mono<T> bounded(Mono<T> command) {
		return command.timeout(this.timeout);
	}

	private String hash(String tenantId) {
		return this.prefix + tenantId;
	}

	private static String field(Key key) {
		return key.connectionId() + "|" + key.region() + "|" + filter(key.upstreamFilter());
	}

	private static String filter(ProfileFilter filter) {
		return String.join(",", text(filter.apiProgram()), text(filter.accessLevel()), text(filter.profileTypeFilter()),
				text(filter.validPaymentMethodFilter()));
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

	/**
	 * A list as stored: when it was read from Amazon (epoch milliseconds), and itself.
	 */
	record Stored(long at, List<Profile> profiles) {
	}

}
