package dev.adsgraph.tenancy;

import java.util.List;

/**
 * Thrown at start-up when the tenant configuration cannot work; lists every problem at
 * once.
 */
public class InvalidTenantConfigurationException extends RuntimeException {

	private final List<String> problems;

	InvalidTenantConfigurationException(AdsgraphProperties.Mode mode, List<String> problems) {
		super("Adsgraph cannot start in " + mode.name().toLowerCase() + " mode: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
