package dev.adsgraph.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A business address as v1 carries it. {@code addressToken} is set only for addresses of
 * selling accounts, which callers may reference instead of spelling the address out.
 * {@code countryCode} is ISO (GB).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PostalAddress(String addressToken, String addressLine1, String addressLine2, String businessName, String city,
		String countryCode, String state, String zipCode, String phoneNumber) {

	PostalAddress withoutToken() {
		return new PostalAddress(null, this.addressLine1, this.addressLine2, this.businessName, this.city,
				this.countryCode, this.state, this.zipCode, this.phoneNumber);
	}

}
