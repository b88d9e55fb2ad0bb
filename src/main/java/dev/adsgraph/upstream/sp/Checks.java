package dev.adsgraph.upstream.sp;

import java.util.List;

/**
 * Request rules the models state and Amazon would answer with a 400: checked before
 * sending, so a caller learns of its mistake without spending a rate-limit token.
 */
final class Checks {

	private Checks() {
	}

	static List<String> copy(List<String> values) {
		return (values != null) ? List.copyOf(values) : null;
	}

	static boolean isEmpty(List<?> values) {
		return values == null || values.isEmpty();
	}

	static void required(String name, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " is required");
		}
	}

	static void required(String name, List<String> values) {
		if (isEmpty(values)) {
			throw new IllegalArgumentException(name + " needs at least one value");
		}
	}

	static void atMost(String name, List<String> values, int max) {
		if (values != null && values.size() > max) {
			throw new IllegalArgumentException(
					name + " takes at most " + max + " values, got " + values.size() + "; split the request");
		}
	}

	static void between(String name, Integer value, int min, int max) {
		if (value != null && (value < min || value > max)) {
			throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
		}
	}

}
