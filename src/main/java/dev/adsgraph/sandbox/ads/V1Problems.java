package dev.adsgraph.sandbox.ads;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * The errors of one item of a v1 batch write. Validation collects every problem of the
 * item (at most 20, as ErrorsIndex allows) so a caller can fix them in one round trip;
 * the readers answer null for a missing or broken field and note why.
 */
final class V1Problems {

	private static final int MAX_ERRORS = 20;

	private final List<ItemError> errors = new ArrayList<>();

	void add(V1ErrorCode code, String fieldLocation, String message) {
		if (this.errors.size() < MAX_ERRORS) {
			this.errors.add(new ItemError(code.name(), message, fieldLocation));
		}
	}

	boolean isEmpty() {
		return this.errors.isEmpty();
	}

	/** Ends the item's processing with what was collected. */
	void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw new Rejected(List.copyOf(this.errors));
		}
	}

	String text(JsonNode parent, String field, String location) {
		JsonNode value = parent.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			add(V1ErrorCode.FIELD_VALUE_IS_INVALID, location, location + " must be a string.");
			return null;
		}
		return value.stringValue();
	}

	/**
	 * A required string; blank counts as missing and is reported with
	 * {@code missingCode}.
	 */
	String required(JsonNode parent, String field, String location, V1ErrorCode missingCode) {
		boolean broken = parent.has(field) && !parent.get(field).isNull() && !parent.get(field).isString();
		String value = text(parent, field, location);
		if (!broken && (value == null || value.isBlank())) {
			add(missingCode, location, location + " is required.");
			return null;
		}
		return (value != null) ? value.trim() : null;
	}

	Boolean bool(JsonNode parent, String field, String location) {
		JsonNode value = parent.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isBoolean()) {
			add(V1ErrorCode.FIELD_VALUE_IS_INVALID, location, location + " must be a boolean.");
			return null;
		}
		return value.booleanValue();
	}

	String oneOf(JsonNode parent, String field, String location, Set<String> allowed) {
		String value = text(parent, field, location);
		if (value != null && !allowed.contains(value)) {
			add(V1ErrorCode.FIELD_VALUE_IS_INVALID, location, "'" + value + "' is not a valid " + field + ".");
			return null;
		}
		return value;
	}

	/** The v1 {@code Error}. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ItemError(String code, String message, String fieldLocation) {
	}

	/** Thrown to leave one item's processing; the batch goes on with the next item. */
	static final class Rejected extends RuntimeException {

		private final List<ItemError> errors;

		Rejected(List<ItemError> errors) {
			super(null, null, false, false);
			this.errors = errors;
		}

		List<ItemError> errors() {
			return this.errors;
		}

	}

}
