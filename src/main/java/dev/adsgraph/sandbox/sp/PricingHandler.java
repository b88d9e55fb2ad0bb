package dev.adsgraph.sandbox.sp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Catalog.Listing;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Figures;
import dev.adsgraph.sandbox.fixtures.Storefront;

/**
 * Product Pricing 2022-05-01 (productPricing_2022-05-01.json):
 * {@code POST /batches/products/pricing/2022-05-01/items/competitiveSummary}
 * (getCompetitiveSummary), the Featured Offer of up to 20 ASINs per call. Like Amazon's
 * catalogue the answer is public: any ASIN of any seller in the marketplace. The batch is
 * checked as a whole first (a 400 in the dated APIs' {@code errors} shape refuses it
 * all); then each request gets its own status and body, so one unknown ASIN fails alone
 * (404) and an ASIN that is not one, or a marketplace of another region, fails alone
 * (400).
 *
 * <p>
 * The Featured Offer is the {@link Storefront}'s: the owning seller's offer (AFN, or MFN
 * when only the merchant has units) featured to Prime (70 % of glance views) and other
 * shoppers (30 %); another seller's, 5 % cheaper, in both segments when the seller lost
 * it; none (an empty {@code featuredBuyingOptions}) when nobody can sell it.
 * {@code referencePrices} (the seller's price as {@code CompetitivePrice}),
 * {@code lowestPricedOffers} and {@code similarItems} (none) are answered as asked.
 */
public final class PricingHandler {

	public static final SpGate.Operation COMPETITIVE_SUMMARY = new SpGate.Operation("getCompetitiveSummary", false,
			0.033, 1, true);

	/** The model's CompetitiveSummaryRequestList maxItems. */
	static final int MAX_REQUESTS = 20;

	static final String ITEM_URI = "/products/pricing/2022-05-01/items/competitiveSummary";

	private static final Set<String> INCLUDED_DATA = Set.of("featuredBuyingOptions", "referencePrices",
			"lowestPricedOffers", "similarItems");

	private static final Pattern ASIN = Pattern.compile("[0-9A-Z]{10}");

	private static final double PRIME_SHARE = 70;

	private final Catalog catalog;

	private final Storefront storefront;

	public PricingHandler(Catalog catalog, Storefront storefront) {
		this.catalog = catalog;
		this.storefront = storefront;
	}

	public Reply competitiveSummary(SpGate.Call call) {
		JsonNode requests = call.body().get("requests");
		if (requests == null || !requests.isArray() || requests.isEmpty() || requests.size() > MAX_REQUESTS) {
			throw SpParams.invalid("requests must be an array of 1 to " + MAX_REQUESTS + " requests.");
		}
		for (JsonNode request : requests) {
			checkShape(request);
		}
		List<Map<String, Object>> responses = new ArrayList<>();
		for (JsonNode request : requests) {
			responses.add(answer(call, request));
		}
		return Reply.json(200, Map.of("responses", responses));
	}

	// What the model requires of every request; a batch with a malformed one is refused
	// whole, as a body that does not match the model.
	private static void checkShape(JsonNode request) {
		if (!request.isObject()) {
			throw SpParams.invalid("Each request must be an object.");
		}
		for (String member : List.of("asin", "marketplaceId", "method", "uri")) {
			JsonNode value = request.get(member);
			if (value == null || !value.isString() || value.asString().isBlank()) {
				throw SpParams.invalid("Each request needs " + member + ".");
			}
		}
		if (!request.get("method").asString().equals("GET")) {
			throw SpParams.invalid("method must be GET for getCompetitiveSummary.");
		}
		if (!request.get("uri").asString().equals(ITEM_URI)) {
			throw SpParams.invalid("uri must be " + ITEM_URI + ".");
		}
		JsonNode included = request.get("includedData");
		if (included == null || !included.isArray() || included.isEmpty()) {
			throw SpParams.invalid("includedData must name at least one of " + INCLUDED_DATA + ".");
		}
		for (JsonNode value : included) {
			if (!INCLUDED_DATA.contains(value.asString())) {
				throw SpParams
					.invalid("Invalid includedData '" + value.asString() + "'; expected one of " + INCLUDED_DATA + ".");
			}
		}
	}

	private Map<String, Object> answer(SpGate.Call call, JsonNode request) {
		String asin = request.get("asin").asString();
		String marketplaceId = request.get("marketplaceId").asString();
		if (!ASIN.matcher(asin).matches()) {
			return failed(400, "Bad Request", asin, marketplaceId, "INVALID_ASIN", asin + " is not a valid ASIN");
		}
		Country country = Country.byMarketplaceId(marketplaceId).orElse(null);
		if (country == null || country.region() != call.region()) {
			return failed(400, "Bad Request", asin, marketplaceId, "InvalidInput",
					"Marketplace " + marketplaceId + " is not served by this regional endpoint.");
		}
		Listing listing = this.catalog.byAsin(country, asin).orElse(null);
		if (listing == null) {
			return failed(404, "Not Found", asin, marketplaceId, "NOT_FOUND",
					"Item " + asin + " in marketplace " + marketplaceId + " was not found.");
		}
		Set<String> included = new java.util.HashSet<>();
		request.get("includedData").forEach((value) -> included.add(value.asString()));
		Map<String, Object> body = CatalogHandler.ordered("asin", asin, "marketplaceId", marketplaceId);
		if (included.contains("featuredBuyingOptions")) {
			body.put("featuredBuyingOptions", featuredBuyingOptions(listing));
		}
		if (included.contains("referencePrices")) {
			body.put("referencePrices",
					List.of(CatalogHandler.ordered("name", "CompetitivePrice", "price", price(listing, false))));
		}
		if (included.contains("lowestPricedOffers")) {
			body.put("lowestPricedOffers", lowestPricedOffers(listing, request.get("lowestPricedOffersInputs")));
		}
		if (included.contains("similarItems")) {
			body.put("similarItems", List.of(Map.of("items", List.of())));
		}
		return CatalogHandler.ordered("status", status(200, "Success"), "body", body);
	}

	private List<Map<String, Object>> featuredBuyingOptions(Listing listing) {
		String holder = this.storefront.featuredOfferHolder(listing);
		if (holder == null) {
			return List.of();
		}
		Map<String, Object> offer = offer(listing, holder);
		offer.put("featuredOfferSegments", List.of(segment("PRIME", PRIME_SHARE, listing.country(), "10001"),
				segment("NON_PRIME", 100 - PRIME_SHARE, listing.country(), "98101")));
		return List.of(CatalogHandler.ordered("buyingOptionType", "New", "segmentedFeaturedOffers", List.of(offer)));
	}

	private Map<String, Object> offer(Listing listing, String sellerId) {
		boolean own = sellerId.equals(listing.partnerId());
		Storefront.State state = this.storefront.state(listing);
		String fulfillment = (!own || state.fulfillable() > 0 || state.merchantQuantity() == 0) ? "AFN" : "MFN";
		Map<String, Object> offer = CatalogHandler.ordered("sellerId", sellerId, "condition", "New");
		offer.put("fulfillmentType", fulfillment);
		offer.put("listingPrice", price(listing, !own));
		offer.put("primeDetails", Map.of("eligibility", fulfillment.equals("AFN") ? "NATIONAL" : "NONE"));
		return offer;
	}

	private List<Map<String, Object>> lowestPricedOffers(Listing listing, JsonNode inputs) {
		List<Map<String, Object>> offers = new ArrayList<>();
		if (this.storefront.status(listing).contains("BUYABLE")) {
			offers.add(offer(listing, listing.partnerId()));
		}
		String holder = this.storefront.featuredOfferHolder(listing);
		if (holder != null && !holder.equals(listing.partnerId())) {
			offers.add(0, offer(listing, holder));
		}
		List<Map<String, Object>> result = new ArrayList<>();
		if (inputs == null || !inputs.isArray() || offers.isEmpty()) {
			return result;
		}
		for (JsonNode input : inputs) {
			// The fixtures have new consumer offers only.
			if ("New".equals(input.path("itemCondition").asString(""))) {
				Map<String, Object> criteria = CatalogHandler.ordered("itemCondition", "New", "offerType",
						input.path("offerType").asString("Consumer"));
				result.add(CatalogHandler.ordered("lowestPricedOffersInput", criteria, "offers", offers));
			}
		}
		return result;
	}

	private static Map<String, Object> segment(String membership, double share, Country country, String postalCode) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("glanceViewWeightPercentage", share);
		details.put("sampleLocation",
				Map.of("postalCode", CatalogHandler.ordered("countryCode", country.isoCode(), "value", postalCode)));
		return CatalogHandler.ordered("customerMembership", membership, "segmentDetails", details);
	}

	// MoneyType: the amount is a JSON number in this model.
	private static Map<String, Object> price(Listing listing, boolean rival) {
		long minor = rival ? Storefront.rivalPriceMinor(listing) : listing.priceMinor();
		return CatalogHandler.ordered("currencyCode", listing.country().currencyCode(), "amount",
				Figures.money(minor, listing.country()));
	}

	private static Map<String, Object> failed(int status, String reason, String asin, String marketplaceId, String code,
			String message) {
		Map<String, Object> body = CatalogHandler.ordered("asin", asin, "marketplaceId", marketplaceId);
		body.put("errors", List.of(CatalogHandler.ordered("code", code, "message", message)));
		return CatalogHandler.ordered("status", status(status, reason), "body", body);
	}

	private static Map<String, Object> status(int code, String reason) {
		return CatalogHandler.ordered("statusCode", code, "reasonPhrase", reason);
	}

}
