package dev.adsgraph.sandbox.core;

import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON in and out. Requests are read as trees rather than bound to types, so every
 * malformed or mistyped field can be answered with a precise 400 in the family's shape
 * instead of a binding failure.
 */
public final class SandboxJson {

	public static final JsonMapper MAPPER = JsonMapper.builder().build();

	private SandboxJson() {
	}

	public static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	/** The body as an object; an empty body counts as {@code {}}. */
	public static JsonNode parseObject(String body) {
		if (body == null || body.isBlank()) {
			return MAPPER.createObjectNode();
		}
		JsonNode node;
		try {
			node = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw ApiException.badRequest("INVALID_ARGUMENT", "The request body is not valid JSON.");
		}
		if (node == null || !node.isObject()) {
			throw ApiException.badRequest("INVALID_ARGUMENT", "The request body must be a JSON object.");
		}
		return node;
	}

	/**
	 * A field that is absent or JSON null is empty; any other non-string is a type error.
	 */
	public static Optional<String> string(JsonNode parent, String field) {
		JsonNode value = parent.get(field);
		if (value == null || value.isNull()) {
			return Optional.empty();
		}
		if (!value.isString()) {
			throw ApiException.badRequest("INVALID_ARGUMENT", "'" + field + "' must be a string.");
		}
		return Optional.of(value.stringValue());
	}

	public static boolean present(JsonNode parent, String field) {
		JsonNode value = parent.get(field);
		return value != null && !value.isNull();
	}

}
