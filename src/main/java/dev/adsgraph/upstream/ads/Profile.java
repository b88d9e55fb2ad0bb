package dev.adsgraph.upstream.ads;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An advertising profile, as {@code GET /v2/profiles} answers it (Profiles_prod_3p.yaml).
 * {@code dailyBudget} is read as a {@link BigDecimal}, from the JSON number's digits, so
 * the amount is passed on exactly.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Profile(long profileId, String countryCode, String currencyCode, BigDecimal dailyBudget, String timezone,
		AccountInfo accountInfo) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record AccountInfo(String marketplaceStringId, String id, String type, String name, String subType,
			Boolean validPaymentMethod) {
	}

}
