package dev.adsgraph.graphql;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.graphql.execution.ErrorType;

/**
 * An error a feature names itself: its {@code extensions.code}, its classification and
 * its message reach the caller as they are, with the further extensions it carries. The
 * message is a sentence for the caller, so it must never hold upstream bodies or internal
 * details.
 */
public class CodedException extends RuntimeException {

	private final String code;

	private final ErrorType type;

	private final Map<String, Object> extensions;

	public CodedException(String code, ErrorType type, String message, Map<String, Object> extensions) {
		super(message);
		this.code = code;
		this.type = type;
		this.extensions = (extensions != null) ? Collections.unmodifiableMap(new TreeMap<>(extensions)) : Map.of();
	}

	public String code() {
		return this.code;
	}

	public ErrorType type() {
		return this.type;
	}

	/** Extensions besides {@code code} and {@code correlationId}, in a stable order. */
	public Map<String, Object> extensions() {
		return this.extensions;
	}

}
