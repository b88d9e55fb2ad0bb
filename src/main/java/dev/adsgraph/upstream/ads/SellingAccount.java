package dev.adsgraph.upstream.ads;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Ads API v1 {@code SellingAccount} (AmazonAdsAPIALLMerged_prod_3p_ALL.json,
 * QuerySellingAccount).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SellingAccount(String sellingAccountLinkToken, String sellingProgram, List<String> portals,
		String displayName, List<String> countryCodes, Business business) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Business(String website, List<Address> addresses) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Address(String addressToken, String addressLine1, String addressLine2, String businessName,
			String city, String countryCode, String state, String zipCode, String phoneNumber) {
	}

	/** Filters of {@code POST /adsApi/v1/query/sellingAccounts}; nulls are not sent. */
	public record Query(String sellingAccountLinkToken, String sellingProgram, Integer maxResults, String nextToken) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Page(List<SellingAccount> sellingAccounts, String nextToken) {
	}

}
