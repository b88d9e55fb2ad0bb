package dev.adsgraph.upstream.ads;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code AdsAccountWithMetaData} of AdvertisingAccounts_prod_3p.json. {@code status} is
 * PENDING, PARTIALLY_CREATED, CREATED or DISABLED; {@code errors} maps a country code to
 * its errors.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AdsAccount(String adsAccountId, String accountName, String status, List<String> countryCodes,
		List<AlternateId> alternateIds, Map<String, List<AccountError>> errors) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record AlternateId(String countryCode, Long profileId, String entityId) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record AccountError(String errorCode, Long errorId, String errorMessage) {
	}

	/** One page of {@code POST /adsAccounts/list}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Page(List<AdsAccount> adsAccounts, String nextToken) {
	}

}
