package dev.adsgraph.buckets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;

/**
 * Bucket4j buckets in Redis, shared by every replica connected to it: Bucket4j's Lettuce
 * {@link ProxyManager}, which runs each bucket step as a read and a compare-and-swap on
 * the bucket's key, so the arithmetic is the same as {@link InMemoryProxyManager}'s. The
 * replicas' clocks are the buckets' clock ({@link TokenBuckets#timeMeter}), as in memory;
 * they must agree to within the safety margins (NTP does far better). A bucket expires
 * once it would be full again, plus {@link InMemoryProxyManager#KEPT_WHEN_FULL}, so Redis
 * holds only the buckets in use.
 */
public final class RedisProxyManagers {

	private RedisProxyManagers() {
	}

	/**
	 * A proxy manager whose buckets live at {@code prefix + name(key)}, over a connection
	 * of its own (Bucket4j's compare-and-swap commands are not to be interleaved with
	 * transactions of other users of a connection).
	 * @param timeout how long one bucket step may take before it fails (the caller then
	 * decides; see SpRateLimiter)
	 */
	public static <K> ProxyManager<K> proxyManager(RedisClient client, String prefix, Function<K, String> name,
			Clock clock, Duration timeout) {
		StatefulRedisConnection<String, byte[]> connection = client.connect(new KeyCodec(prefix));
		ProxyManager<String> byName = Bucket4jLettuce.casBasedBuilder(connection)
			.clientClock(TokenBuckets.timeMeter(clock))
			.requestTimeout(timeout)
			.expirationAfterWrite(ExpirationAfterWriteStrategy
				.basedOnTimeForRefillingBucketUpToMax(InMemoryProxyManager.KEPT_WHEN_FULL))
			.build();
		return byName.withMapper(name);
	}

	/** Keys as prefixed UTF-8 names; values as Bucket4j's bytes. */
	private record KeyCodec(String prefix) implements RedisCodec<String, byte[]> {

		@Override
		public String decodeKey(ByteBuffer bytes) {
			String key = StandardCharsets.UTF_8.decode(bytes).toString();
			return key.startsWith(this.prefix) ? key.substring(this.prefix.length()) : key;
		}

		@Override
		public byte[] decodeValue(ByteBuffer bytes) {
			return ByteArrayCodec.INSTANCE.decodeValue(bytes);
		}

		@Override
		public ByteBuffer encodeKey(String key) {
			return ByteBuffer.wrap((this.prefix + key).getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public ByteBuffer encodeValue(byte[] value) {
			return ByteArrayCodec.INSTANCE.encodeValue(value);
		}

	}

}
