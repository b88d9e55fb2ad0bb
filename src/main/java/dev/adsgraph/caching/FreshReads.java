package dev.adsgraph.caching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/**
 * Upstream reads that callers asking for the same thing at the same moment share, and
 * that are reused for a short freshness window, with the moment each answer was read.
 * <p>
 * <b>In flight</b>: while a read of a key is under way, every other caller of that key
 * waits for it instead of reading again; the read runs with the Reactor context (the
 * correlation id) of the caller that started it, and one caller going away does not
 * cancel it for the others. A failed read is not kept: its callers get the failure, the
 * next caller reads again. A read has ended for whoever asks once one of its callers has
 * the answer: that caller takes the kept answer or reads again, never the ended read's.
 * <p>
 * <b>Freshness window</b>: an answer is reused until it is {@code window} old
 * ({@link Duration#ZERO}: never, only in-flight sharing). {@link #invalidate} drops the
 * matching answers at once and makes a read that was already under way when it was called
 * unusable for later callers, so an answer read before a change is never kept after it.
 * <p>
 * <b>Once per read</b>: what must follow each answer read from Amazon, and only those
 * (recording what the answer says, say), is given as {@code onRead}: it runs once per
 * upstream read, before the read's callers get the answer, never for an answer reused or
 * for a caller that joined the read under way.
 * <p>
 * Keys must name everything an answer depends on: the workspace, the connection, the
 * operation and its parameters; nothing is shared between two keys.
 */
public final class FreshReads<K, V> {

	/** An answer and the moment it was read. */
	public record Fresh<V>(V value, Instant asOf) {
	}

	private final Duration window;

	private final Clock clock;

	private final Map<K, Mono<Fresh<V>>> inFlight = new ConcurrentHashMap<>();

	private final Cache<K, Fresh<V>> answers;

	/** Incremented by each invalidation: a read started before one is not kept. */
	private final AtomicLong generation = new AtomicLong();

	/**
	 * @param window how long an answer is reused; zero shares in-flight reads only
	 * @param maxSize at most this many answers are kept
	 */
	public FreshReads(Duration window, long maxSize, Clock clock) {
		this.window = window;
		this.clock = clock;
		// Caffeine's maintenance runs on the caller's thread, so what a test sees does
		// not depend on a pool; the window itself is checked against the clock below.
		this.answers = Caffeine.newBuilder().maximumSize(maxSize).executor(Runnable::run).build();
	}

	/**
	 * The answer for {@code key}: one read within the window, the one under way, or a new
	 * one made with {@code read}.
	 */
	public Mono<Fresh<V>> get(K key, Supplier<Mono<V>> read) {
		return get(key, read, (fresh) -> Mono.empty());
	}

	/**
	 * As {@link #get(Object, Supplier)}, and when the answer is newly read,
	 * {@code onRead} with it, once for all the read's callers, before any of them gets it
	 * (and before it is kept for reuse). Its failure is the read's: every caller gets it,
	 * nothing is kept.
	 */
	public Mono<Fresh<V>> get(K key, Supplier<Mono<V>> read, Function<Fresh<V>, Mono<Void>> onRead) {
		return Mono.deferContextual((context) -> {
			Fresh<V> kept = kept(key);
			if (kept != null) {
				return Mono.just(kept);
			}
			AtomicReference<Fresh<V>> keptMeanwhile = new AtomicReference<>();
			Mono<Fresh<V>> joined = this.inFlight.computeIfAbsent(key, (k) -> {
				// The read under way may have ended since the look above: it keeps its
				// answer before it leaves the map, so a caller that finds no read here
				// finds its answer (within the window), and does not read again.
				Fresh<V> keptNow = kept(k);
				if (keptNow != null) {
					keptMeanwhile.set(keptNow);
					return null;
				}
				long started = this.generation.get();
				AtomicReference<Mono<Fresh<V>>> self = new AtomicReference<>();
				Runnable leave = () -> this.inFlight.remove(k, self.get());
				Mono<Fresh<V>> flight = Mono.defer(read)
					.map((value) -> new Fresh<>(value, this.clock.instant()))
					.flatMap((fresh) -> onRead.apply(fresh).thenReturn(fresh))
					.doOnNext((fresh) -> {
						if (!this.window.isZero() && this.generation.get() == started) {
							this.answers.put(k, fresh);
							if (this.generation.get() != started) {
								// Invalidated between the check and the put.
								this.answers.asMap().remove(k, fresh);
							}
						}
					})
					// The read leaves the map before its callers get the answer or the
					// failure, so a caller who asks once another has it starts a read of
					// its own and never joins the ended one. It leaves as well when every
					// caller has gone away (the read is cancelled).
					.doOnSuccess((fresh) -> leave.run())
					.doOnError((ex) -> leave.run())
					.doOnCancel(leave)
					.contextWrite(context)
					.share();
				self.set(flight);
				return flight;
			});
			return (joined != null) ? joined : Mono.just(keptMeanwhile.get());
		});
	}

	/** The answer kept for the key, if it is still within the window. */
	private Fresh<V> kept(K key) {
		Fresh<V> kept = this.answers.getIfPresent(key);
		return (kept != null && this.clock.instant().isBefore(kept.asOf().plus(this.window))) ? kept : null;
	}

	/**
	 * Drops the answers whose key matches, and keeps no read already under way: a caller
	 * after this reads again.
	 */
	public void invalidate(Predicate<K> keys) {
		this.generation.incrementAndGet();
		this.inFlight.keySet().removeIf(keys);
		this.answers.asMap().keySet().removeIf(keys);
	}

	/** How many reads are under way now (for tests and metrics). */
	public int inFlight() {
		return this.inFlight.size();
	}

}
