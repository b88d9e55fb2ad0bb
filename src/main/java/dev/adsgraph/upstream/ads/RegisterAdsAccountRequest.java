package dev.adsgraph.upstream.ads;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code POST /adsAccounts} (RegisterAdsAccountRequestContent). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisterAdsAccountRequest(String accountName, List<String> countryCodes, List<Association> associations,
		String termsToken) {

	/** Exactly one of the four members is set. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Association(AmazonSeller amazonSeller, AmazonVendor amazonVendor, AmazonAuthor amazonAuthor,
			Business business) {
	}

	public record AmazonSeller(String sellerCentralAccount) {
	}

	public record AmazonVendor(String vendorGroup) {
	}

	public record AmazonAuthor(String email) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Business(String name, String phone, String websiteUrl, String addressLine1, String addressLine2,
			String city, String state, String zipCode, String countryCode) {
	}

}
