package dev.adsgraph.consent;

import java.util.List;

/** The schema's {@code UserError}, as the consent mutations answer it. */
record UserError(String code, String message, List<String> field) {

	UserError {
		field = (field != null) ? List.copyOf(field) : List.of();
	}

	static UserError of(String code, String message, String... field) {
		return new UserError(code, message, List.of(field));
	}

}
