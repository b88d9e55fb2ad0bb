package dev.adsgraph.sandbox.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests received per operation ({@code lwa.token},
 * {@code ads.<region>.<operationId>}), so tests and benchmarks can prove what the gateway
 * sent upstream, for example that a cache saved calls; and the requests that deviated
 * from Amazon's guidance where Amazon documents no rejection (warnings), so a client's
 * tests can prove it follows the guidance while the sandbox still serves clients that do
 * not.
 */
public final class Stats {

	/**
	 * Distinct warnings kept; past it only those already seen are counted (a client
	 * sending a new header value on every call would otherwise grow the table without
	 * bound).
	 */
	static final int MAX_WARNINGS = 1000;

	private static final Comparator<Warning> ORDER = Comparator.comparing(Warning::operation)
		.thenComparing(Warning::header)
		.thenComparing((warning) -> Objects.requireNonNullElse(warning.value(), ""));

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	private final Map<Warning, LongAdder> warnings = new ConcurrentHashMap<>();

	public void count(String operation) {
		this.counts.computeIfAbsent(operation, (key) -> new LongAdder()).increment();
	}

	/**
	 * Records a request that deviates from Amazon's guidance.
	 * @param operation the stats key of the operation ({@code sp.na.getCatalogItem})
	 * @param header the header concerned, lower case ({@code user-agent})
	 * @param value the header's value as sent; null when it was absent
	 * @param guidance what Amazon asks for instead
	 */
	public void warn(String operation, String header, String value, String guidance) {
		Warning warning = new Warning(operation, header, value, guidance);
		LongAdder count = this.warnings.get(warning);
		if (count == null) {
			if (this.warnings.size() >= MAX_WARNINGS) {
				return;
			}
			count = this.warnings.computeIfAbsent(warning, (key) -> new LongAdder());
		}
		count.increment();
	}

	public Map<String, Long> snapshot() {
		Map<String, Long> snapshot = new TreeMap<>();
		this.counts.forEach((operation, count) -> snapshot.put(operation, count.sum()));
		return snapshot;
	}

	/**
	 * The warnings recorded, each with its operation, header, value, guidance and count,
	 * ordered by operation, header and value.
	 */
	public List<Map<String, Object>> warnings() {
		List<Warning> keys = new ArrayList<>(this.warnings.keySet());
		keys.sort(ORDER);
		List<Map<String, Object>> warnings = new ArrayList<>();
		for (Warning key : keys) {
			LongAdder count = this.warnings.get(key);
			Map<String, Object> warning = new LinkedHashMap<>();
			warning.put("operation", key.operation());
			warning.put("header", key.header());
			warning.put("value", key.value());
			warning.put("guidance", key.guidance());
			warning.put("count", (count != null) ? count.sum() : 0L);
			warnings.add(warning);
		}
		return warnings;
	}

	public void reset() {
		this.counts.clear();
		this.warnings.clear();
	}

	private record Warning(String operation, String header, String value, String guidance) {
	}

}
