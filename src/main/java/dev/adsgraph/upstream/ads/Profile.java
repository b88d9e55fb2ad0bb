package dev.adsgraph.upstream.ads;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An advertising profile, as {@code GET /v2/profiles} answers it (Profiles_prod_3p.yaml).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Profile(long profileId, String countryCode, String currencyCode, Double dailyBudget, String timezone,
		AccountInfo accountInfo) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record AccountInfo(String marketplaceStringId, String id, String type, String name, String subType,
			Boolean validPaymentMethod) {
	}

}
