package dev.adsgraph.upstream.resilience;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** This replica's back-offs; an ended one is dropped when next read. */
public final class InMemoryThrottleStore implements ThrottleStore {

	private final ConcurrentMap<String, Instant> until = new ConcurrentHashMap<>();

	@Override
	public Optional<Instant> blockedUntil(String key, Instant now) {
		Instant end = this.until.get(key);
		if (end == null) {
			return Optional.empty();
		}
		if (!end.isAfter(now)) {
			this.until.remove(key, end);
			return Optional.empty();
		}
		return Optional.of(end);
	}

	@Override
	public void blockUntil(String key, Instant until) {
		this.until.merge(key, until, (a, b) -> a.isAfter(b) ? a : b);
	}

}
