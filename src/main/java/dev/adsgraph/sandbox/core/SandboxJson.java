package dev.adsgraph.sandbox.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON in and out. Requests are read as trees rather than bound to types, so every
 * malformed or mistyped field can be answered with a precise 400 in the family's shape
 * instead of a binding failure. Every instant is written as Amazon writes them,
 * {@code 2022-07-25T22:44:51.223Z}: handlers put {@link Instant}s in their answers, never
 * strings of their own making.
 */
public final class SandboxJson {

	// Amazon's answers carry milliseconds, always three digits (the reporting v3 and
	// SP-API reports examples); Instant.toString() would give 0, 3, 6 or 9 of them, and
	// common client code parses a fixed "%f"-style pattern.
	private static final DateTimeFormatter AMAZON_INSTANT = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	public static final JsonMapper MAPPER = JsonMapper.builder()
		.addModule(new SimpleModule("amazon-instants").addSerializer(Instant.class, new ValueSerializer<Instant>() {
			@Override
			public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
				generator.writeString(instant(value));
			}
		}))
		.build();

	private SandboxJson() {
	}

	/** An instant as Amazon writes it: UTC, milliseconds, three digits. */
	public static String instant(Instant value) {
		return AMAZON_INSTANT.format(value);
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
