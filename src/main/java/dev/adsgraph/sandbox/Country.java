package dev.adsgraph.sandbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The advertising countries the sandbox simulates, with the per-country facts of the
 * profiles spec (currency, time zone) and Amazon's real marketplace ids. Profiles and
 * {@code /adsAccounts} spell the United Kingdom {@code UK}; Ads API v1 and SP-API use ISO
 * {@code GB}.
 */
enum Country {

	US("US", "US", AdsRegion.NA, "ATVPDKIKX0DER", "USD", "America/Los_Angeles"),
	CA("CA", "CA", AdsRegion.NA, "A2EUQ1WTGCTBG2", "CAD", "America/Los_Angeles"),
	MX("MX", "MX", AdsRegion.NA, "A1AM78C64UM0Y8", "MXN", "America/Los_Angeles"),
	UK("UK", "GB", AdsRegion.EU, "A1F83G8C2ARO7P", "GBP", "Europe/London"),
	DE("DE", "DE", AdsRegion.EU, "A1PA6795UKMFR9", "EUR", "Europe/Paris"),
	FR("FR", "FR", AdsRegion.EU, "A13V1IB3VIYZZH", "EUR", "Europe/Paris"),
	IT("IT", "IT", AdsRegion.EU, "APJ6JRA9NG5V4", "EUR", "Europe/Paris"),
	ES("ES", "ES", AdsRegion.EU, "A1RKKUPIHCS9HS", "EUR", "Europe/Paris"),
	JP("JP", "JP", AdsRegion.FE, "A1VC38T7YXB528", "JPY", "Asia/Tokyo"),
	AU("AU", "AU", AdsRegion.FE, "A39IBJ37TRP1C6", "AUD", "Australia/Sydney");

	private final String adsCode;

	private final String isoCode;

	private final AdsRegion region;

	private final String marketplaceId;

	private final String currencyCode;

	private final String timezone;

	Country(String adsCode, String isoCode, AdsRegion region, String marketplaceId, String currencyCode,
			String timezone) {
		this.adsCode = adsCode;
		this.isoCode = isoCode;
		this.region = region;
		this.marketplaceId = marketplaceId;
		this.currencyCode = currencyCode;
		this.timezone = timezone;
	}

	/** Profiles and /adsAccounts spelling (UK). */
	String adsCode() {
		return this.adsCode;
	}

	/** Ads API v1 spelling (GB). */
	String isoCode() {
		return this.isoCode;
	}

	AdsRegion region() {
		return this.region;
	}

	String marketplaceId() {
		return this.marketplaceId;
	}

	String currencyCode() {
		return this.currencyCode;
	}

	/**
	 * The profile time zone; every one of them is also a value of the v1 TimeZoneIana
	 * enum.
	 */
	String timezone() {
		return this.timezone;
	}

	/** SP-API {@code Marketplace.name}. */
	String marketplaceName() {
		return "Amazon." + domainName().substring("www.amazon.".length());
	}

	/** SP-API {@code Marketplace.domainName}. */
	String domainName() {
		return switch (this) {
			case US -> "www.amazon.com";
			case CA -> "www.amazon.ca";
			case MX -> "www.amazon.com.mx";
			case UK -> "www.amazon.co.uk";
			case DE -> "www.amazon.de";
			case FR -> "www.amazon.fr";
			case IT -> "www.amazon.it";
			case ES -> "www.amazon.es";
			case JP -> "www.amazon.co.jp";
			case AU -> "www.amazon.com.au";
		};
	}

	/** SP-API {@code Marketplace.defaultLanguageCode}. */
	String languageCode() {
		return switch (this) {
			case US -> "en_US";
			case CA -> "en_CA";
			case MX -> "es_MX";
			case UK -> "en_GB";
			case DE -> "de_DE";
			case FR -> "fr_FR";
			case IT -> "it_IT";
			case ES -> "es_ES";
			case JP -> "ja_JP";
			case AU -> "en_AU";
		};
	}

	/** Minor units of the currency (JPY has none), for rendering money exactly. */
	int currencyDigits() {
		return java.util.Currency.getInstance(this.currencyCode).getDefaultFractionDigits();
	}

	java.time.ZoneId zone() {
		return java.time.ZoneId.of(this.timezone);
	}

	static Optional<Country> byMarketplaceId(String marketplaceId) {
		return Arrays.stream(values()).filter((c) -> c.marketplaceId.equals(marketplaceId)).findFirst();
	}

	/**
	 * Either spelling, so a client sending GB to /adsAccounts is understood as Amazon's
	 * UK.
	 */
	static Optional<Country> parse(String code) {
		if (code == null) {
			return Optional.empty();
		}
		String upper = code.trim().toUpperCase(Locale.ROOT);
		return Arrays.stream(values()).filter((c) -> c.adsCode.equals(upper) || c.isoCode.equals(upper)).findFirst();
	}

}
