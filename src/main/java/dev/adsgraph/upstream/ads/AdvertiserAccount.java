package dev.adsgraph.upstream.ads;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Ads API v1 advertiser accounts (AmazonAdsAPIALLMerged_prod_3p_ALL.json:
 * AdvertiserAccount, AdvertiserAccountCreate, AdvertiserAccountUpdate). Create and update
 * share one record: on a create {@code advertiserAccountId} is null, on an update every
 * other field is optional.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdvertiserAccount(String advertiserAccountId, List<BusinessDetails> businessDetails, String currencyCode,
		String displayName, String industryVertical, Boolean isGlobalAccount, Boolean isTestAccount,
		String managerAccountId, List<SellingAccountLinkRequest> sellingAccountLinkRequests, String timeZoneIana,
		Status status, List<AlternateId> alternateIds) {

	/** Either {@code addressToken} or {@code address}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record BusinessDetails(String addressToken, Address address, String businessRegistrationNumber,
			String website) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Address(String addressLine1, String addressLine2, String businessName, String city,
			String countryCode, String phoneNumber, String state, String zipCode) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record SellingAccountLinkRequest(SellingAccountLinkDetails sellingAccountLinkDetails) {
	}

	/** {@code linkStatus} is only present in answers. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record SellingAccountLinkDetails(String sellingAccountLinkToken, String sellingProgram,
			LinkStatus linkStatus) {
	}

	/** statusCode: IN_PROGRESS, PENDING_APPROVAL, APPROVED or REJECTED. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record LinkStatus(String statusCode, String statusMessage) {
	}

	/** statusCode: REGISTRATION_IN_PROGRESS, APPROVED, REJECTED or ARCHIVED. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Status(String statusCode, String statusMessage) {
	}

	/**
	 * v1 alternate ids carry profileId as a string and the ISO country code (GB, not UK).
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record AlternateId(String countryCode, String region, String profileId, String entityId,
			String dspAdvertiserId) {
	}

	/** Body of {@code POST /adsApi/v1/query/advertiserAccounts}; nulls are not sent. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Query(List<String> advertiserAccountIds, Boolean isGlobalAccount, Integer maxResults,
			String nextToken) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Page(List<AdvertiserAccount> advertiserAccounts, String nextToken) {
	}

}
