package dev.adsgraph.idempotency;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * A digest of a mutation's arguments as GraphQL coerced them: SHA-256 over a canonical
 * JSON form in which object keys are sorted and null fields left out (absent and null
 * mean the same to every mutation here), lists keep their order, numbers are written in
 * their shortest exact form and any other scalar (a URL, a currency) as its string.
 */
final class InputFingerprint {

	private static final JsonMapper JSON = JsonMapper.shared();

	private InputFingerprint() {
	}

	static String of(Map<String, ?> arguments) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(canonical(arguments).getBytes(StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	static String canonical(Object value) {
		StringBuilder json = new StringBuilder();
		write(value, json);
		return json.toString();
	}

	private static void write(Object value, StringBuilder json) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Map<?, ?> map) {
			Map<String, Object> sorted = new TreeMap<>();
			map.forEach((k, v) -> {
				if (v != null) {
					sorted.put(String.valueOf(k), v);
				}
			});
			json.append('{');
			boolean first = true;
			for (Map.Entry<String, Object> entry : sorted.entrySet()) {
				json.append(first ? "" : ",").append(JSON.writeValueAsString(entry.getKey())).append(':');
				write(entry.getValue(), json);
				first = false;
			}
			json.append('}');
		}
		else if (value instanceof Collection<?> list) {
			json.append('[');
			boolean first = true;
			for (Object item : list) {
				json.append(first ? "" : ",");
				write(item, json);
				first = false;
			}
			json.append(']');
		}
		else if (value instanceof Boolean) {
			json.append(value);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger) {
			json.append(value);
		}
		else if (value instanceof Number number) {
			json.append(decimal(number).toPlainString());
		}
		else if (value instanceof Enum<?> constant) {
			json.append(JSON.writeValueAsString(constant.name()));
		}
		else {
			json.append(JSON.writeValueAsString(value.toString()));
		}
	}

	private static BigDecimal decimal(Number number) {
		BigDecimal decimal = (number instanceof BigDecimal big) ? big : new BigDecimal(number.toString());
		return (decimal.signum() == 0) ? BigDecimal.ZERO : decimal.stripTrailingZeros();
	}

}
