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
		StatefulRedisConnection<K, byte[]> connection = client.connect(new KeyCodec<>(prefix, name));
		return Bucket4jLettuce.casBasedBuilder(connection)
			.clientClock(TokenBuckets.timeMeter(clock))
			.requestTimeout(timeout)
			.expirationAfterWrite(ExpirationAfterWriteStrategy
				.basedOnTimeForRefillingBucketUpToMax(InMemoryProxyManager.KEPT_WHEN_FULL))
			.build();
	}

	/** Keys written as prefixed UTF-8 names; values as Bucket4j's bytes. */
	private record KeyCodec<K>(String prefix, Function<K, String> name) implements RedisCodec<K, byte[]> {

		@Override
		public K decodeKey(ByteBuffer bytes) {
			throw new UnsupportedOperationException("bucket keys are only written");
		}

		@Override
		public byte[] decodeValue(ByteBuffer bytes) {
			return ByteArrayCodec.INSTANCE.decodeValue(bytes);
		}

		@Override
		public ByteBuffer encodeKey(K key) {
			return ByteBuffer.wrap((this.prefix + this.name.apply(key)).getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public ByteBuffer encodeValue(byte[] value) {
			return ByteArrayCodec.INSTANCE.encodeValue(value);
		}

	}

}
