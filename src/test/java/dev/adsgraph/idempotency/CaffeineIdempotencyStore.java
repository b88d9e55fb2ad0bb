package dev.adsgraph.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

/**
 * {@link IdempotencyStore} in this JVM's memory, for the executor's tests on virtual time
 * ({@link IdempotencyStoreContract} holds it to what the PostgreSQL store does). Payloads
 * are kept as the objects the mutation answered. Each entry carries the instant it lapses
 * (in flight: the in-flight bound after its claim; finished: the retention after it
 * finished), read against the given clock, so tests move time by hand. Entries in flight
 * weigh nothing, so the size bound never drops a key whose execution is still running
 * (which would let a concurrent repeat execute a second time).
 */
class CaffeineIdempotencyStore implements IdempotencyStore {

	private final Cache<Key, Entry> cache;

	private final Clock clock;

	private final Duration retention;

	private final Duration inFlightBound;

	CaffeineIdempotencyStore(Duration retention, long maxEntries, Duration inFlightBound, Clock clock) {
		this.clock = clock;
		this.retention = retention;
		this.inFlightBound = inFlightBound;
		this.cache = Caffeine.newBuilder()
			.maximumWeight(maxEntries)
			.weigher((Key key, Entry entry) -> entry.inFlight() ? 0 : 1)
			.expireAfter(new UntilLapse())
			.ticker(() -> nanos(clock.instant()))
			// Evictions and expiries are settled on the writing thread: cheap, and
			// deterministic.
			.executor(Runnable::run)
			.build();
	}

	@Override
	public <T> Mono<Claim<T>> claim(Key key, Request request, String token, Class<T> payloadType) {
		return Mono.fromSupplier(() -> {
			Instant now = this.clock.instant();
			Entry mine = new Entry(request, now, token, null, now.plus(this.inFlightBound));
			// Caffeine treats an entry past its lapse as absent here, so a lapsed claim
			// is taken over.
			Entry held = this.cache.asMap().putIfAbsent(key, mine);
			if (held == null) {
				return new Claim.Acquired<>();
			}
			if (held.inFlight()) {
				return new Claim.InFlight<>(held.request(), held.since(), held.token());
			}
			return new Claim.Finished<>(held.request(), held.since(), cast(held.outcome(), payloadType));
		});
	}

	@Override
	public <T> Mono<Boolean> complete(Key key, String token, Outcome<T> outcome, Class<T> payloadType) {
		return Mono.fromSupplier(() -> {
			AtomicBoolean recorded = new AtomicBoolean();
			this.cache.asMap().computeIfPresent(key, (k, held) -> {
				if (!held.inFlight() || !held.token().equals(token)) {
					return held;
				}
				recorded.set(true);
				return new Entry(held.request(), held.since(), token, outcome,
						this.clock.instant().plus(this.retention));
			});
			return recorded.get();
		});
	}

	@Override
	public Mono<Void> release(Key key, String token) {
		return Mono.fromRunnable(() -> this.cache.asMap()
			.computeIfPresent(key, (k, held) -> (held.inFlight() && held.token().equals(token)) ? null : held));
	}

	// The payload type is not checked here: a key reused on another mutation holds
	// another type,
	// and the executor refuses such a reuse before it reads the payload.
	@SuppressWarnings("unchecked")
	private static <T> Outcome<T> cast(Outcome<?> outcome, Class<T> payloadType) {
		return (Outcome<T>) outcome;
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	/** {@code outcome} is null while the execution is in flight. */
	private record Entry(Request request, Instant since, String token, Outcome<?> outcome, Instant lapsesAt) {

		boolean inFlight() {
			return this.outcome == null;
		}

	}

	/**
	 * Every entry lives until its own lapse instant, whatever happens to it meanwhile.
	 */
	private final class UntilLapse implements Expiry<Key, Entry> {

		@Override
		public long expireAfterCreate(Key key, Entry entry, long currentTime) {
			return remaining(entry, currentTime);
		}

		@Override
		public long expireAfterUpdate(Key key, Entry entry, long currentTime, long currentDuration) {
			return remaining(entry, currentTime);
		}

		@Override
		public long expireAfterRead(Key key, Entry entry, long currentTime, long currentDuration) {
			return currentDuration;
		}

		private long remaining(Entry entry, long currentTime) {
			return Math.max(0, nanos(entry.lapsesAt()) - currentTime);
		}

	}

}
