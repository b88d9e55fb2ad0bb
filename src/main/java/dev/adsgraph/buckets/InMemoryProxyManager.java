package dev.adsgraph.buckets;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.AbstractProxyManager;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.remote.CommandResult;
import io.github.bucket4j.distributed.remote.MutableBucketEntry;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.distributed.remote.Request;

/**
 * Bucket4j buckets in this replica's memory, behind Bucket4j's own {@link ProxyManager}
 * interface: the stores that use buckets are written once against a proxy manager, and
 * sharing their buckets between replicas means handing them Bucket4j's Redis one instead
 * ({@link RedisProxyManagers}, with the same {@link TokenBuckets#timeMeter client clock}
 * and the same expiry once full).
 * <p>
 * A bucket is dropped once it would be full again (and {@link #KEPT_WHEN_FULL} more): a
 * bucket made afresh starts full, so dropping it then changes no answer, and memory
 * follows the keys in use rather than every key ever seen. Expiry runs on the same clock
 * as the buckets, so tests that move the clock move it too.
 */
public final class InMemoryProxyManager<K> extends AbstractProxyManager<K> {

	/** Absorbs rounding of the refill time; no answer depends on it. */
	static final Duration KEPT_WHEN_FULL = Duration.ofSeconds(1);

	private final Cache<K, RemoteBucketState> buckets;

	private final TimeMeter time;

	public InMemoryProxyManager(Clock clock) {
		this(TokenBuckets.timeMeter(clock));
	}

	private InMemoryProxyManager(TimeMeter time) {
		super(ClientSideConfig.getDefault().withClientClock(time));
		this.time = time;
		this.buckets = Caffeine.newBuilder().ticker(time::currentTimeNanos).expireAfter(new UntilFull()).build();
	}

	@Override
	protected <T> CommandResult<T> execute(K key, Request<T> request) {
		Object[] result = new Object[1];
		this.buckets.asMap().compute(key, (k, previous) -> {
			// A copy, so that a command failing half-way leaves the bucket as it was.
			MutableBucketEntry entry = new MutableBucketEntry((previous != null) ? previous.copy() : null);
			result[0] = request.getCommand().execute(entry, now(request));
			return entry.exists() ? entry.get() : null;
		});
		@SuppressWarnings("unchecked")
		CommandResult<T> commandResult = (CommandResult<T>) result[0];
		return commandResult;
	}

	@Override
	protected <T> CompletableFuture<CommandResult<T>> executeAsync(K key, Request<T> request) {
		return CompletableFuture.completedFuture(execute(key, request));
	}

	@Override
	public boolean isAsyncModeSupported() {
		return true;
	}

	@Override
	public void removeProxy(K key) {
		this.buckets.invalidate(key);
	}

	@Override
	protected CompletableFuture<Void> removeAsync(K key) {
		removeProxy(key);
		return CompletableFuture.completedFuture(null);
	}

	/** How many buckets are held, after dropping those due; for tests. */
	long size() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private long now(Request<?> request) {
		Long clientSideTime = request.getClientSideTime();
		return (clientSideTime != null) ? clientSideTime : this.time.currentTimeNanos();
	}

	private final class UntilFull implements Expiry<K, RemoteBucketState> {

		@Override
		public long expireAfterCreate(K key, RemoteBucketState bucket, long currentTime) {
			return untilFull(bucket);
		}

		@Override
		public long expireAfterUpdate(K key, RemoteBucketState bucket, long currentTime, long currentDuration) {
			return untilFull(bucket);
		}

		@Override
		public long expireAfterRead(K key, RemoteBucketState bucket, long currentTime, long currentDuration) {
			return currentDuration;
		}

		private long untilFull(RemoteBucketState bucket) {
			long now = InMemoryProxyManager.this.time.currentTimeNanos();
			return bucket.calculateFullRefillingTime(now) + KEPT_WHEN_FULL.toNanos();
		}

	}

}
