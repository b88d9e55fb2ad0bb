package dev.adsgraph.upstream;

import java.util.Locale;
import java.util.Optional;

/**
 * Amazon's three advertising/selling regions. Every upstream host, profile list and rate
 * limit is regional (shared/reference/amazon-apis.md section 1).
 */
public enum Region {

	NA, EU, FE;

	public static Optional<Region> parse(String value) {
		if (value == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
