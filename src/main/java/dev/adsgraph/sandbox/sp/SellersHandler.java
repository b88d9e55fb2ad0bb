package dev.adsgraph.sandbox.sp;

import java.util.List;
import java.util.Map;

import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.fixtures.SellingPartner;

/**
 * {@code GET /sellers/v1/marketplaceParticipations} (sellers.json): the marketplaces of
 * this region the authorized selling partner sells in.
 */
public final class SellersHandler {

	public static final SpGate.Operation PARTICIPATIONS = new SpGate.Operation("getMarketplaceParticipations", true,
			0.016, 15, false);

	public Reply participations(SpGate.Call call) {
		SellingPartner partner = call.partner();
		List<Participation> payload = partner.countries()
			.stream()
			.filter((country) -> country.region() == call.region())
			.map((country) -> new Participation(
					new Marketplace(country.marketplaceId(), country.marketplaceName(), country.isoCode(),
							country.currencyCode(), country.languageCode(), country.domainName()),
					new Status(true, false), partner.name()))
			.toList();
		return Reply.json(200, Map.of("payload", payload));
	}

	record Participation(Marketplace marketplace, Status participation, String storeName) {
	}

	record Marketplace(String id, String name, String countryCode, String defaultCurrencyCode,
			String defaultLanguageCode, String domainName) {
	}

	record Status(boolean isParticipating, boolean hasSuspendedListings) {
	}

}
