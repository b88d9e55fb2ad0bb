package dev.adsgraph.products;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The schema's {@code Freshness}: where one report-based source stands. */
record Freshness(String status, OffsetDateTime asOf, String message) {

	static Freshness ready(Instant asOf) {
		return new Freshness("READY", (asOf != null) ? asOf.atOffset(ZoneOffset.UTC) : null, null);
	}

	static Freshness pending() {
		return new Freshness("PENDING", null, null);
	}

	static Freshness failed(String message) {
		return new Freshness("FAILED", null, message);
	}

	boolean isReady() {
		return "READY".equals(this.status);
	}

	/** The schema's {@code ProductsFreshness}. */
	record Both(Freshness advertising, Freshness retail) {
	}

}
