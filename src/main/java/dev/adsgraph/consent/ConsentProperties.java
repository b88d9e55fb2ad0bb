package dev.adsgraph.consent;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.adsgraph.upstream.Region;

/**
 * {@code adsgraph.consent.*}: the consent flows that connect Amazon Ads users, sellers
 * and vendors to a workspace (docs/consent.md).
 *
 * @param publicUrl the gateway's public base URL (scheme, host, port, and a path prefix
 * when behind one), from which the redirect_uri given to Amazon is made
 * ({@code <public-url>/connect/ads/callback}, {@code <public-url>/connect/sp/callback});
 * register those in the LWA security profile and the SP-API application. Never taken from
 * the request's Host header. Unset: the consent mutations answer a user error, except in
 * sandbox mode, where the gateway's own local URL ({@code http://localhost:<port>}) is
 * used
 * @param allowedReturnUrls where a consent may send the user back to: each an origin
 * ({@code https://app.example.com}: any path on it) or a URL prefix
 * ({@code https://app.example.com/settings/}: that path and below); anything else is
 * refused, so the callbacks are no open redirect. Empty (the default): none, except in
 * sandbox mode, where the gateway's own origin is allowed (the dashboard)
 * @param stateLifetime how long a consent's state stays usable, from the mutation to the
 * callback (10 minutes by default, at most an hour)
 * @param adsAuthorizationUrls the Login with Amazon authorization page per region;
 * Amazon's by default (NA {@code https://www.amazon.com/ap/oa}, EU
 * {@code https://eu.account.amazon.com/ap/oa}, FE
 * {@code https://apac.account.amazon.com/ap/oa})
 * @param sellerCentralConsentUrls the Seller Central consent page per region; by default
 * Amazon's for the region's main marketplace (NA
 * {@code https://sellercentral.amazon.com/apps/authorize/consent}, EU
 * {@code https://sellercentral-europe.amazon.com/apps/authorize/consent}, FE
 * {@code https://sellercentral-japan.amazon.com/apps/authorize/consent}); set another
 * marketplace's Seller Central URL to send sellers there
 * @param vendorCentralConsentUrls the Vendor Central consent page per region, where
 * vendors authorize the same SP-API application; by default Amazon's for the region's
 * first marketplace listed here (NA
 * {@code https://vendorcentral.amazon.com/apps/authorize/consent}, EU
 * {@code https://vendorcentral.amazon.co.uk/apps/authorize/consent}, FE
 * {@code https://vendorcentral.amazon.co.jp/apps/authorize/consent}); Vendor Central has
 * one URL per marketplace (SP-API "Vendor Central URLs"): set another to send vendors to
 * their own marketplace's
 */
@Validated
@ConfigurationProperties("adsgraph.consent")
public record ConsentProperties(URI publicUrl, @NotNull @DefaultValue List<String> allowedReturnUrls,
		@NotNull @DurationMin(seconds = 30) @DurationMax(hours = 1) @DefaultValue("10m") Duration stateLifetime,
		Map<Region, URI> adsAuthorizationUrls, Map<Region, URI> sellerCentralConsentUrls,
		Map<Region, URI> vendorCentralConsentUrls) {

	/** Login with Amazon's authorization pages (Amazon Ads API onboarding guide). */
	public static final Map<Region, URI> AMAZON_ADS_AUTHORIZATION_URLS = Map.of(Region.NA,
			URI.create("https://www.amazon.com/ap/oa"), Region.EU, URI.create("https://eu.account.amazon.com/ap/oa"),
			Region.FE, URI.create("https://apac.account.amazon.com/ap/oa"));

	/** Seller Central's consent pages (SP-API website authorization workflow). */
	public static final Map<Region, URI> AMAZON_SELLER_CENTRAL_CONSENT_URLS = Map.of(Region.NA,
			URI.create("https://sellercentral.amazon.com/apps/authorize/consent"), Region.EU,
			URI.create("https://sellercentral-europe.amazon.com/apps/authorize/consent"), Region.FE,
			URI.create("https://sellercentral-japan.amazon.com/apps/authorize/consent"));

	/**
	 * Vendor Central's consent pages: the website authorization workflow on a Vendor
	 * Central URL (SP-API "Website authorization workflow": for vendor applications the
	 * Seller Central URL is replaced with a Vendor Central URL; "Vendor Central URLs",
	 * one per marketplace: US, UK and Japan here).
	 */
	public static final Map<Region, URI> AMAZON_VENDOR_CENTRAL_CONSENT_URLS = Map.of(Region.NA,
			URI.create("https://vendorcentral.amazon.com/apps/authorize/consent"), Region.EU,
			URI.create("https://vendorcentral.amazon.co.uk/apps/authorize/consent"), Region.FE,
			URI.create("https://vendorcentral.amazon.co.jp/apps/authorize/consent"));

	public ConsentProperties {
		if (publicUrl != null) {
			requireHttpUrl("adsgraph.consent.public-url", publicUrl);
			if (publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null) {
				throw new IllegalArgumentException(
						"adsgraph.consent.public-url must be a base URL without query or fragment; got " + publicUrl);
			}
			String text = publicUrl.toString();
			publicUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
		}
		allowedReturnUrls = List.copyOf(allowedReturnUrls);
		for (String allowed : allowedReturnUrls) {
			ReturnUrls.requireAllowListEntry(allowed);
		}
		adsAuthorizationUrls = merged("adsgraph.consent.ads-authorization-urls", AMAZON_ADS_AUTHORIZATION_URLS,
				adsAuthorizationUrls);
		sellerCentralConsentUrls = merged("adsgraph.consent.seller-central-consent-urls",
				AMAZON_SELLER_CENTRAL_CONSENT_URLS, sellerCentralConsentUrls);
		vendorCentralConsentUrls = merged("adsgraph.consent.vendor-central-consent-urls",
				AMAZON_VENDOR_CENTRAL_CONSENT_URLS, vendorCentralConsentUrls);
	}

	/** Overrides merge over Amazon's defaults region by region. */
	private static Map<Region, URI> merged(String property, Map<Region, URI> defaults, Map<Region, URI> overrides) {
		Map<Region, URI> merged = new EnumMap<>(defaults);
		if (overrides != null) {
			overrides.forEach((region, uri) -> {
				requireHttpUrl(property + "." + region, uri);
				merged.put(region, uri);
			});
		}
		return Map.copyOf(merged);
	}

	private static void requireHttpUrl(String property, URI uri) {
		if (uri == null || uri.getHost() == null
				|| !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
			throw new IllegalArgumentException(property + " must be an absolute http(s) URL; got " + uri);
		}
	}

}
