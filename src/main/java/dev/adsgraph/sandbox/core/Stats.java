package dev.adsgraph.sandbox.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests received per operation ({@code lwa.token},
 * {@code ads.<region>.<operationId>}), so tests and benchmarks can prove what the gateway
 * sent upstream, for example that a cache saved calls.
 */
public final class Stats {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	public void count(String operation) {
		this.counts.computeIfAbsent(operation, (key) -> new LongAdder()).increment();
	}

	public Map<String, Long> snapshot() {
		Map<String, Long> snapshot = new TreeMap<>();
		this.counts.forEach((operation, count) -> snapshot.put(operation, count.sum()));
		return snapshot;
	}

	public void reset() {
		this.counts.clear();
	}

}
