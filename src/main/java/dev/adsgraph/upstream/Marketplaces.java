package dev.adsgraph.upstream;

import java.util.Map;
import java.util.Optional;

/**
 * Amazon's marketplace ids, shared by the Ads API
 * ({@code accountInfo.marketplaceStringId}) and the SP-API ({@code marketplaceIds}): the
 * key that joins the two per country.
 */
public final class Marketplaces {

	/** A marketplace: its id, ISO country and the currency it sells in. */
	public record Marketplace(String id, String countryCode, String currencyCode) {

		public Region region() {
			return Countries.regionOf(this.countryCode).orElseThrow();
		}

	}

	private static final Map<String, Marketplace> BY_ID = Map.ofEntries(entry("ATVPDKIKX0DER", "US", "USD"),
			entry("A2EUQ1WTGCTBG2", "CA", "CAD"), entry("A1AM78C64UM0Y8", "MX", "MXN"),
			entry("A2Q3Y263D00KWC", "BR", "BRL"), entry("A1F83G8C2ARO7P", "GB", "GBP"),
			entry("A1PA6795UKMFR9", "DE", "EUR"), entry("A13V1IB3VIYZZH", "FR", "EUR"),
			entry("APJ6JRA9NG5V4", "IT", "EUR"), entry("A1RKKUPIHCS9HS", "ES", "EUR"),
			entry("A1805IZSGTT6HS", "NL", "EUR"), entry("A2NODRKZP88ZB9", "SE", "SEK"),
			entry("A1C3SOZRARQ6R3", "PL", "PLN"), entry("AMEN7PMS3EDWL", "BE", "EUR"),
			entry("A28R8C7NBKEWEA", "IE", "EUR"), entry("A33AVAJ2PDY3EV", "TR", "TRY"),
			entry("A2VIGQ35RCS4UG", "AE", "AED"), entry("A17E79C6D8DWNP", "SA", "SAR"),
			entry("ARBP9OOSHTCHU", "EG", "EGP"), entry("A21TJRUUN4KGV", "IN", "INR"),
			entry("AE08WJ6YKNBMC", "ZA", "ZAR"), entry("A1VC38T7YXB528", "JP", "JPY"),
			entry("A39IBJ37TRP1C6", "AU", "AUD"), entry("A19VAU5U5O7RUS", "SG", "SGD"));

	private Marketplaces() {
	}

	public static Optional<Marketplace> byId(String marketplaceId) {
		return Optional.ofNullable((marketplaceId != null) ? BY_ID.get(marketplaceId) : null);
	}

	/** The marketplace of a country (ISO code or Amazon's {@code UK}), or empty. */
	public static Optional<Marketplace> byCountry(String countryCode) {
		String iso = Countries.toIso(countryCode);
		return BY_ID.values().stream().filter((marketplace) -> marketplace.countryCode().equals(iso)).findFirst();
	}

	private static Map.Entry<String, Marketplace> entry(String id, String country, String currency) {
		return Map.entry(id, new Marketplace(id, country, currency));
	}

}
