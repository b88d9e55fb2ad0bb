package dev.adsgraph.campaigns;

import java.util.ArrayList;
import java.util.List;

/**
 * The schema's {@code UserError} as the campaign writes give it, about one input: its
 * {@code field} path starts with {@code ["input", "<index>"]}.
 */
record WriteError(String code, String message, List<String> field) {

	WriteError {
		field = (field != null) ? List.copyOf(field) : List.of();
	}

	/** An error about field {@code path} of input {@code index}. */
	static WriteError at(int index, String code, String message, String... path) {
		List<String> field = new ArrayList<>(List.of("input", Integer.toString(index)));
		field.addAll(List.of(path));
		return new WriteError(code, message, field);
	}

	/** An error about the batch as a whole. */
	static WriteError batch(String code, String message) {
		return new WriteError(code, message, List.of("input"));
	}

}
