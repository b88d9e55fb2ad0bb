package dev.adsgraph.sandbox;

import java.util.Map;

/**
 * What Amazon's asynchronous review decides for a registration, fixed up front so the
 * simulation is deterministic: the verdict, and for each country that fails, its error.
 */
record Review(Verdict verdict, Map<Country, Review.AccountError> failedCountries) {

	static final Review APPROVED = new Review(Verdict.CREATED, Map.of());

	static Review partial(Map<Country, AccountError> failedCountries) {
		return new Review(Verdict.PARTIALLY_CREATED, Map.copyOf(failedCountries));
	}

	static Review disabled(AccountError reason) {
		return new Review(Verdict.DISABLED, Map.of(Country.US, reason));
	}

	/** /adsAccounts statuses a settled registration can end in. */
	enum Verdict {

		CREATED, PARTIALLY_CREATED, DISABLED

	}

	/** The V2 {@code Error} of AdvertisingAccounts_prod_3p.json. */
	record AccountError(String errorCode, long errorId, String errorMessage) {
	}

}
