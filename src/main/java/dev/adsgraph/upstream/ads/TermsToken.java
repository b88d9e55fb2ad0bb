package dev.adsgraph.upstream.ads;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Terms token resources (AdvertisingAccounts_prod_3p.json, CreateTermsToken /
 * GetTermsToken).
 */
public final class TermsToken {

	private TermsToken() {
	}

	/** 201 answer of {@code POST /termsTokens}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Created(String termsToken, String termsUrl) {
	}

	/**
	 * 200 answer of {@code GET /termsTokens/{termsToken}}: CREATED, ACCEPTED or REDEEMED.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Status(String termsTokenStatus, String termsType) {
	}

}
