package dev.adsgraph.web;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a GraphQL response map to JSON with one streaming generator: the maps, lists,
 * strings, whole numbers, doubles and booleans graphql-java completes a result into are
 * written directly, anything else (another scalar's value, an error extension's object)
 * by the mapper's own serializers. The bytes are those of
 * {@code mapper.writeValueAsBytes(map)}; what it saves is Jackson's serializer look-up
 * for each entry of each {@code Map<String, Object>} (about a twentieth of the gateway's
 * CPU on a 50-product answer, in a flight recording).
 */
final class ResultJson {

	private final JsonMapper mapper;

	ResultJson(JsonMapper mapper) {
		this.mapper = mapper;
	}

	byte[] toBytes(Map<String, Object> response) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			write(generator, response);
		}
		catch (NotTextKey ex) {
			// A map with another kind of key (never one graphql-java builds): the mapper
			// writes the whole response, as it would have.
			return this.mapper.writeValueAsBytes(response);
		}
		return out.toByteArray();
	}

	private static void write(JsonGenerator generator, Object value) {
		if (value == null) {
			generator.writeNull();
		}
		else if (value instanceof String text) {
			generator.writeString(text);
		}
		else if (value instanceof Map<?, ?> map) {
			generator.writeStartObject();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String name)) {
					throw NotTextKey.INSTANCE;
				}
				generator.writeName(name);
				write(generator, entry.getValue());
			}
			generator.writeEndObject();
		}
		else if (value instanceof List<?> list) {
			generator.writeStartArray();
			for (Object item : list) {
				write(generator, item);
			}
			generator.writeEndArray();
		}
		else if (value instanceof Integer number) {
			generator.writeNumber(number.intValue());
		}
		else if (value instanceof Boolean flag) {
			generator.writeBoolean(flag);
		}
		else if (value instanceof Double number) {
			generator.writeNumber(number.doubleValue());
		}
		else if (value instanceof Long number) {
			generator.writeNumber(number.longValue());
		}
		else {
			generator.writePOJO(value);
		}
	}

	/** A map key that is not a string: the whole response goes to the mapper instead. */
	private static final class NotTextKey extends RuntimeException {

		static final NotTextKey INSTANCE = new NotTextKey();

		private NotTextKey() {
			super(null, null, false, false);
		}

	}

}
