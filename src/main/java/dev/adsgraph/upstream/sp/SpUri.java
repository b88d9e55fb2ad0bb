package dev.adsgraph.upstream.sp;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request URI as a template plus variables. Every value, query values included, goes in
 * as a variable, which WebClient encodes strictly: a SKU such as {@code A+B/C} arrives
 * intact (a literal {@code +} would read as a space), and the HTTP metrics are tagged by
 * the template, that is by operation and parameter names, never by seller or SKU. Lists
 * are comma-joined ({@code collectionFormat: csv}); the comma is then encoded too, which
 * Amazon decodes as its own SDKs send it.
 */
final class SpUri {

	private final StringBuilder template;

	private final Map<String, Object> variables = new LinkedHashMap<>();

	private boolean hasQuery;

	private SpUri(String pathTemplate) {
		this.template = new StringBuilder(pathTemplate);
	}

	static SpUri path(String pathTemplate) {
		return new SpUri(pathTemplate);
	}

	SpUri var(String name, String value) {
		Checks.required(name, value);
		put(name, value);
		return this;
	}

	/**
	 * Leaves the parameter out when the value is null or an empty list: Amazon's default
	 * applies.
	 */
	SpUri query(String name, Object value) {
		String text = text(value);
		if (text == null) {
			return this;
		}
		this.template.append(this.hasQuery ? '&' : '?').append(name).append("={").append(name).append('}');
		this.hasQuery = true;
		put(name, text);
		return this;
	}

	private void put(String name, Object value) {
		if (this.variables.putIfAbsent(name, value) != null) {
			throw new IllegalStateException("URI variable " + name + " used twice in " + this.template);
		}
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Collection<?> values) {
			return values.isEmpty() ? null : values.stream().map(String::valueOf).collect(Collectors.joining(","));
		}
		if (value instanceof Instant instant) {
			return DateTimeFormatter.ISO_INSTANT.format(instant);
		}
		return value.toString();
	}

	String template() {
		return this.template.toString();
	}

	Map<String, Object> variables() {
		return Map.copyOf(this.variables);
	}

}
