package dev.adsgraph.sandbox.sp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.PageTokens;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Catalog.Listing;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Storefront;

/**
 * Listings Items 2021-08-01 (listingsItems_2021-08-01.json): {@code GET
 * /listings/2021-08-01/items/{sellerId}/{sku}} and {@code GET
 * /listings/2021-08-01/items/{sellerId}} (searchListingsItems). Only the authorized
 * seller's own listings are visible: another {@code sellerId} is a 403. Included data
 * served: summaries, attributes, issues, offers, fulfillmentAvailability, productTypes;
 * procurement and relationships are vendor and variation data the fixtures do not have,
 * so they are left out. searchListingsItems takes one marketplace per call. Status,
 * issues (with their enforcement actions), stock, title and main image are the
 * {@link Storefront}'s, which the control endpoints change.
 */
public final class ListingsHandler {

	public static final SpGate.Operation GET = new SpGate.Operation("getListingsItem", false, 5, 10, false);

	public static final SpGate.Operation SEARCH = new SpGate.Operation("searchListingsItems", false, 5, 5, false);

	private static final Set<String> INCLUDED_DATA = Set.of("summaries", "attributes", "issues", "offers",
			"fulfillmentAvailability", "procurement", "relationships", "productTypes");

	private static final Set<String> IDENTIFIER_TYPES = Set.of("ASIN", "EAN", "FNSKU", "GTIN", "ISBN", "JAN", "MINSAN",
			"SKU", "UPC");

	private static final Set<String> STATUSES = Set.of("BUYABLE", "DISCOVERABLE");

	private static final Set<String> ISSUE_SEVERITIES = Set.of("WARNING", "ERROR");

	private final Catalog catalog;

	private final Storefront storefront;

	public ListingsHandler(Catalog catalog, Storefront storefront) {
		this.catalog = catalog;
		this.storefront = storefront;
	}

	public Reply get(SpGate.Call call) {
		String sellerId = ownSeller(call);
		String sku = call.request().pathVariable("sku");
		List<Country> countries = SpParams.marketplaces(call, "marketplaceIds", Integer.MAX_VALUE);
		Set<String> included = SpParams.includedData(call, INCLUDED_DATA);
		List<Listing> found = new ArrayList<>();
		for (Country country : countries) {
			this.catalog.bySku(sellerId, country, sku).ifPresent(found::add);
		}
		if (found.isEmpty()) {
			throw new ApiException(404, "NOT_FOUND", "SKU '" + sku + "' not found in the given marketplaces.");
		}
		return Reply.json(200, item(sku, found, included, this.storefront));
	}

	public Reply search(SpGate.Call call) {
		String sellerId = ownSeller(call);
		Country country = SpParams.marketplaces(call, "marketplaceIds", 1).get(0);
		Set<String> included = SpParams.includedData(call, INCLUDED_DATA);
		List<String> identifiers = call.csv("identifiers");
		String identifiersType = call.query("identifiersType").orElse(null);
		if ((identifiers == null) != (identifiersType == null)) {
			throw SpParams.invalid("identifiers and identifiersType must be given together.");
		}
		if (identifiers != null && identifiers.size() > 20) {
			throw SpParams.invalid("identifiers accepts at most 20 values, got " + identifiers.size() + ".");
		}
		if (identifiersType != null && !IDENTIFIER_TYPES.contains(identifiersType)) {
			throw SpParams.invalid("Invalid identifiersType '" + identifiersType + "'.");
		}
		List<String> withStatus = statuses(call, "withStatus");
		List<String> withoutStatus = statuses(call, "withoutStatus");
		List<String> withIssueSeverity = call.csv("withIssueSeverity");
		if (withIssueSeverity != null && !ISSUE_SEVERITIES.containsAll(withIssueSeverity)) {
			throw SpParams.invalid("Invalid withIssueSeverity " + withIssueSeverity + "; expected WARNING or ERROR.");
		}
		String sortBy = call.query("sortBy").orElse("lastUpdatedDate");
		String sortOrder = call.query("sortOrder").orElse("DESC");
		if (!List.of("sku", "createdDate", "lastUpdatedDate").contains(sortBy)) {
			throw SpParams.invalid("Invalid sortBy '" + sortBy + "'.");
		}
		if (!List.of("ASC", "DESC").contains(sortOrder)) {
			throw SpParams.invalid("Invalid sortOrder '" + sortOrder + "'.");
		}
		int pageSize = SpParams.pageSize(call, 10, 20);
		Comparator<Listing> order = switch (sortBy) {
			case "sku" -> Comparator.comparing(Listing::sku);
			case "createdDate" -> Comparator.comparing(Listing::createdAt).thenComparing(Listing::sku);
			default -> Comparator.comparing(ListingsHandler::lastUpdated).thenComparing(Listing::sku);
		};
		if (sortOrder.equals("DESC")) {
			order = order.reversed();
		}
		List<Listing> matches = this.catalog.inCatalog(sellerId, country)
			.stream()
			.filter((l) -> identifiers == null || identifiers.contains(identifier(l, identifiersType)))
			.filter((l) -> withStatus == null || this.storefront.status(l).containsAll(withStatus))
			.filter((l) -> withoutStatus == null
					|| withoutStatus.stream().noneMatch(this.storefront.status(l)::contains))
			.filter((l) -> withIssueSeverity == null || this.storefront.issues(l)
				.stream()
				.anyMatch((issue) -> withIssueSeverity.contains(issue.severity())))
			.sorted(order)
			.toList();
		List<Object> filters = Arrays.asList(country, identifiers, identifiersType, withStatus, withoutStatus,
				withIssueSeverity, sortBy, sortOrder, pageSize);
		int offset = 0;
		String pageToken = call.query("pageToken").orElse(null);
		if (pageToken != null) {
			offset = PageTokens.decode(pageToken, "listingsItems", sellerId, filters);
			if (offset < 0) {
				throw SpParams.invalid("pageToken was not issued for this search.");
			}
		}
		PageTokens.Page<Listing> page = PageTokens.page(matches, offset, pageSize,
				(next) -> PageTokens.encode("listingsItems", sellerId, filters, next));
		String previous = (offset - pageSize > 0)
				? PageTokens.encode("listingsItems", sellerId, filters, offset - pageSize) : null;
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("numberOfResults", matches.size());
		SpParams.Pagination pagination = SpParams.Pagination.of(page.nextToken(), previous);
		if (pagination != null) {
			result.put("pagination", pagination);
		}
		result.put("items",
				page.items().stream().map((l) -> item(l.sku(), List.of(l), included, this.storefront)).toList());
		return Reply.json(200, result);
	}

	// Listings are seller data: the path's seller must be the one who authorized the
	// application.
	private static String ownSeller(SpGate.Call call) {
		String sellerId = call.request().pathVariable("sellerId");
		if (!sellerId.equals(call.sellerId())) {
			throw new ApiException(403, "Unauthorized", SpGate.DENIED);
		}
		return sellerId;
	}

	private static List<String> statuses(SpGate.Call call, String name) {
		List<String> values = call.csv(name);
		if (values != null && !STATUSES.containsAll(values)) {
			throw SpParams.invalid("Invalid " + name + " " + values + "; expected BUYABLE or DISCOVERABLE.");
		}
		return values;
	}

	private static String identifier(Listing listing, String type) {
		return switch (type) {
			case "SKU" -> listing.sku();
			case "ASIN" -> listing.asin();
			case "FNSKU" -> listing.fnSku();
			case "EAN", "GTIN" -> listing.ean();
			default -> null;
		};
	}

	// The model's Issue: enforcements name the actions taken, none exempt.
	private static Map<String, Object> issue(Storefront.Issue issue, Listing listing) {
		Map<String, Object> out = CatalogHandler.ordered("code", issue.code(), "message", issue.message());
		out.put("severity", issue.severity());
		out.put("attributeNames", issue.attributeNames());
		out.put("categories", issue.categories());
		Map<String, Object> enforcements = new LinkedHashMap<>();
		enforcements.put("actions", issue.enforcementActions().stream().map((a) -> Map.of("action", a)).toList());
		enforcements.put("exemption", Map.of("status", "NOT_EXEMPT"));
		out.put("enforcements", enforcements);
		out.put("marketplaceIds", List.of(listing.marketplaceId()));
		return out;
	}

	/**
	 * Fixture listings were last touched a few days after creation plus their position.
	 */
	static Instant lastUpdated(Listing listing) {
		return listing.createdAt().plusSeconds(86_400L * (3 + listing.index() % 40));
	}

	private static Map<String, Object> item(String sku, List<Listing> listings, Set<String> included,
			Storefront storefront) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("sku", sku);
		if (included.contains("summaries")) {
			item.put("summaries", listings.stream().map((l) -> {
				Map<String, Object> summary = CatalogHandler.ordered("marketplaceId", l.marketplaceId(), "asin",
						l.asin());
				summary.put("productType", l.category().productType());
				summary.put("conditionType", "new_new");
				summary.put("status", storefront.status(l));
				summary.put("fnSku", l.fnSku());
				summary.put("itemName", Storefront.title(l));
				summary.put("createdDate", l.createdAt());
				summary.put("lastUpdatedDate", lastUpdated(l));
				String mainImage = Storefront.mainImage(l);
				if (mainImage != null) {
					Map<String, Object> image = CatalogHandler.ordered("link", mainImage, "height", 1000);
					image.put("width", 1000);
					summary.put("mainImage", image);
				}
				return summary;
			}).toList());
		}
		if (included.contains("attributes")) {
			Listing first = listings.get(0);
			Map<String, Object> attributes = new LinkedHashMap<>();
			attributes.put("item_name", List
				.of(CatalogHandler.ordered("value", Storefront.title(first), "marketplace_id", first.marketplaceId())));
			attributes.put("brand",
					List.of(CatalogHandler.ordered("value", first.brand(), "marketplace_id", first.marketplaceId())));
			item.put("attributes", attributes);
		}
		if (included.contains("issues")) {
			List<Map<String, Object>> issues = new ArrayList<>();
			for (Listing l : listings) {
				for (Storefront.Issue issue : storefront.issues(l)) {
					issues.add(issue(issue, l));
				}
			}
			item.put("issues", issues);
		}
		if (included.contains("offers")) {
			item.put("offers", listings.stream().map((l) -> {
				Map<String, Object> offer = CatalogHandler.ordered("marketplaceId", l.marketplaceId(), "offerType",
						"B2C");
				offer.put("price", SpParams.money(l.priceMinor(), l.country()));
				return offer;
			}).toList());
		}
		if (included.contains("fulfillmentAvailability")) {
			// Every fixture product is fulfilled by Amazon, from the region's network; a
			// few are also fulfilled by the merchant (DEFAULT, the seller's own network),
			// listed only when the merchant has units.
			List<Map<String, Object>> availability = new ArrayList<>();
			for (Listing l : listings) {
				availability.add(CatalogHandler.ordered("fulfillmentChannelCode",
						"AMAZON_" + l.country().region().name(), "quantity", storefront.inventory(l).fulfillable()));
				int merchant = storefront.state(l).merchantQuantity();
				if (merchant > 0) {
					availability.add(CatalogHandler.ordered("fulfillmentChannelCode", "DEFAULT", "quantity", merchant));
				}
			}
			item.put("fulfillmentAvailability", availability.stream().distinct().toList());
		}
		if (included.contains("productTypes")) {
			item.put("productTypes",
					listings.stream()
						.map((l) -> CatalogHandler.ordered("marketplaceId", l.marketplaceId(), "productType",
								l.category().productType()))
						.toList());
		}
		return item;
	}

}
