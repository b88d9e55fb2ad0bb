package dev.adsgraph.managers;

import java.util.List;

/** The schema's {@code UserError}, as the manager-account payloads carry it. */
record ManagerError(String code, String message, List<String> field) {

	ManagerError {
		field = (field != null) ? List.copyOf(field) : List.of();
	}

	static ManagerError of(String code, String message, String... field) {
		return new ManagerError(code, message, List.of(field));
	}

}
