package dev.adsgraph.graphql;

import java.time.Clock;
import java.time.Duration;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.adsgraph.redis.RedisOutageLog;

/**
 * The persisted queries of replicas in Redis mode: a document registered on one replica
 * is found by a request on another.
 * <p>
 * Each replica keeps the documents it used in memory
 * ({@link CaffeinePersistedQueryStore}, bounded as without Redis), so a hash it knows
 * costs no round trip. A hash it does not know is looked up in Redis, and the document
 * found is kept in memory. A document registered here goes to both; in Redis, the
 * documents are the fields of one hash ({@code <prefix>pq:documents}, field the SHA-256),
 * ordered by registration in a sorted set ({@code <prefix>pq:order}) with their total
 * size in bytes ({@code <prefix>pq:bytes}): each registration, one script, drops the
 * documents registered more than {@code ttl} ago, then the oldest ones while the total is
 * above {@code maxBytes}, and makes the three keys expire {@code ttl} after it. A
 * document is immutable under its hash, so there is nothing to invalidate.
 * <p>
 * Redis failing or slow (each command bounded by {@code timeout}) never fails a request:
 * a lookup that fails is a miss (Apollo's link then sends the document, which is
 * registered again), a registration that fails is kept in memory only; both are logged
 * once per outage.
 */
public final class RedisPersistedQueryStore implements PersistedQueryStore {

	private static final Logger logger = LoggerFactory.getLogger(RedisPersistedQueryStore.class);

	/**
	 * KEYS: documents, order, bytes. ARGV: hash, document, now and ttl (ms), max bytes.
	 */
	private static final String REGISTER = """
			local now, ttl, max = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
			local function drop(sha)
			  local size = redis.call('hstrlen', KEYS[1], sha)
			  redis.call('hdel', KEYS[1], sha)
			  redis.call('zrem', KEYS[2], sha)
			  if size > 0 then redis.call('decrby', KEYS[3], size) end
			end
			for _, sha in ipairs(redis.call('zrangebyscore', KEYS[2], '-inf', now - ttl)) do drop(sha) end
			if string.len(ARGV[2]) > max then return 0 end
			if redis.call('hsetnx', KEYS[1], ARGV[1], ARGV[2]) == 1 then
			  redis.call('incrby', KEYS[3], string.len(ARGV[2]))
			end
			redis.call('zadd', KEYS[2], now, ARGV[1])
			while tonumber(redis.call('get', KEYS[3]) or '0') > max do
			  local oldest = redis.call('zrange', KEYS[2], 0, 0)
			  if #oldest == 0 then redis.call('del', KEYS[3]) break end
			  drop(oldest[1])
			end
			for i = 1, 3 do redis.call('pexpire', KEYS[i], ttl) end
			return 1
			""";

	private final PersistedQueryStore local;

	private final RedisReactiveCommands<String, String> redis;

	private final String[] keys;

	private final Duration ttl;

	private final long maxBytes;

	private final Duration timeout;

	private final Clock clock;

	private final RedisOutageLog outages = new RedisOutageLog(logger, "the shared persisted queries");

	/**
	 * @param local this replica's store, in front of Redis
	 * @param prefix the deployment's key prefix
	 * @param ttl how long a document stays in Redis after its last registration
	 * @param maxBytes the total size of the documents in Redis, in bytes (UTF-8)
	 * @param timeout bound on each Redis command
	 */
	public RedisPersistedQueryStore(PersistedQueryStore local, StatefulRedisConnection<String, String> connection,
			String prefix, Duration ttl, long maxBytes, Duration timeout, Clock clock) {
		this.local = local;
		this.redis = connection.reactive();
		this.keys = new String[] { prefix + "pq:documents", prefix + "pq:order", prefix + "pq:bytes" };
		this.ttl = ttl;
		this.maxBytes = maxBytes;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public Mono<String> get(String sha256) {
		return this.local.get(sha256)
			.switchIfEmpty(Mono.defer(() -> this.redis.hget(this.keys[0], sha256)
				.timeout(this.timeout)
				.doOnSuccess((found) -> this.outages.succeeded())
				.doOnNext((document) -> this.local.put(sha256, document))
				.onErrorResume((ex) -> {
					this.outages.failed("looking up a persisted query", ex);
					return Mono.empty();
				})
				// The request goes on off Redis's I/O thread.
				.publishOn(Schedulers.parallel())));
	}

	@Override
	public void put(String sha256, String document) {
		this.local.put(sha256, document);
		this.redis
			.eval(REGISTER, ScriptOutputType.INTEGER, this.keys, sha256, document, Long.toString(this.clock.millis()),
					Long.toString(this.ttl.toMillis()), Long.toString(this.maxBytes))
			.then()
			.timeout(this.timeout)
			.subscribe(null, (ex) -> this.outages.failed("registering a persisted query", ex), this.outages::succeeded);
	}

}
