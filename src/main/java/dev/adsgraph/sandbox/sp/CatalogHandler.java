package dev.adsgraph.sandbox.sp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.PageTokens;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Catalog.Listing;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Figures;
import dev.adsgraph.sandbox.fixtures.Storefront;

/**
 * Catalog Items 2022-04-01 (catalogItems_2022-04-01.json): {@code GET
 * /catalog/2022-04-01/items/{asin}} and the search {@code GET /catalog/2022-04-01/items}.
 * The catalogue is public: every partner's live listings are found, whoever asks. Facets
 * served: attributes, classifications, identifiers, images, productTypes, relationships
 * (empty: the fixtures have no variation families), salesRanks, summaries;
 * {@code dimensions} and {@code vendorDetails} are accepted and left out.
 */
public final class CatalogHandler {

	public static final SpGate.Operation GET = new SpGate.Operation("getCatalogItem", false, 2, 2, false);

	public static final SpGate.Operation SEARCH = new SpGate.Operation("searchCatalogItems", false, 2, 2, false);

	private static final Set<String> INCLUDED_DATA = Set.of("attributes", "classifications", "dimensions",
			"identifiers", "images", "productTypes", "relationships", "salesRanks", "summaries", "vendorDetails");

	private static final Set<String> IDENTIFIER_TYPES = Set.of("ASIN", "EAN", "GTIN", "ISBN", "JAN", "MINSAN", "SKU",
			"UPC");

	private final Catalog catalog;

	public CatalogHandler(Catalog catalog) {
		this.catalog = catalog;
	}

	public Reply get(SpGate.Call call) {
		String asin = call.request().pathVariable("asin");
		List<Country> countries = SpParams.marketplaces(call, "marketplaceIds", Integer.MAX_VALUE);
		Set<String> included = SpParams.includedData(call, INCLUDED_DATA);
		List<Listing> found = new ArrayList<>();
		for (Country country : countries) {
			this.catalog.byAsin(country, asin).ifPresent(found::add);
		}
		if (found.isEmpty()) {
			throw new ApiException(404, "NotFound",
					"Requested item '" + asin + "' not found in the given marketplaces.");
		}
		return Reply.json(200, item(asin, found, included));
	}

	public Reply search(SpGate.Call call) {
		List<Country> countries = SpParams.marketplaces(call, "marketplaceIds", 1);
		Country country = countries.get(0);
		Set<String> included = SpParams.includedData(call, INCLUDED_DATA);
		List<String> identifiers = call.csv("identifiers");
		List<String> keywords = call.csv("keywords");
		if ((identifiers == null) == (keywords == null)) {
			throw SpParams.invalid("Exactly one of identifiers or keywords is required.");
		}
		List<Listing> matches;
		int pageSize;
		if (identifiers != null) {
			if (identifiers.size() > 20) {
				throw SpParams.invalid("identifiers accepts at most 20 values, got " + identifiers.size() + ".");
			}
			String type = call.query("identifiersType")
				.orElseThrow(() -> SpParams.invalid("identifiersType is required with identifiers."));
			if (!IDENTIFIER_TYPES.contains(type)) {
				throw SpParams.invalid("Invalid identifiersType '" + type + "'.");
			}
			matches = byIdentifiers(call, country, type, identifiers);
			pageSize = SpParams.pageSize(call, 20, 20);
		}
		else {
			if (keywords.size() > 20) {
				throw SpParams.invalid("keywords accepts at most 20 values, got " + keywords.size() + ".");
			}
			matches = byKeywords(call, country, keywords);
			pageSize = SpParams.pageSize(call, 10, 20);
		}
		String userId = call.sellerId();
		List<Object> filters = Arrays.asList(country, identifiers, keywords, call.csv("brandNames"),
				call.csv("classificationIds"), pageSize);
		int offset = 0;
		String pageToken = call.query("pageToken").orElse(null);
		if (pageToken != null) {
			offset = PageTokens.decode(pageToken, "catalogItems", userId, filters);
			if (offset < 0) {
				throw SpParams.invalid("pageToken was not issued for this search.");
			}
		}
		PageTokens.Page<Listing> page = PageTokens.page(matches, offset, pageSize,
				(next) -> PageTokens.encode("catalogItems", userId, filters, next));
		String previous = (offset > 0)
				? PageTokens.encode("catalogItems", userId, filters, Math.max(0, offset - pageSize)) : null;
		if (offset > 0 && offset - pageSize <= 0) {
			// A token for offset 0 cannot exist (0 means "no token"); the first page is
			// asked for without one.
			previous = null;
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("numberOfResults", matches.size());
		SpParams.Pagination pagination = SpParams.Pagination.of(page.nextToken(), previous);
		if (pagination != null) {
			result.put("pagination", pagination);
		}
		result.put("refinements", refinements(matches));
		result.put("items", page.items().stream().map((l) -> item(l.asin(), List.of(l), included)).toList());
		return Reply.json(200, result);
	}

	private List<Listing> byIdentifiers(SpGate.Call call, Country country, String type, List<String> identifiers) {
		List<Listing> matches = new ArrayList<>();
		if (type.equals("SKU")) {
			String sellerId = call.query("sellerId")
				.orElseThrow(() -> SpParams.invalid("sellerId is required when identifiersType is SKU."));
			if (!sellerId.equals(call.sellerId())) {
				throw new ApiException(403, "Unauthorized", SpGate.DENIED);
			}
			for (String sku : identifiers) {
				this.catalog.bySku(sellerId, country, sku).ifPresent(matches::add);
			}
			return matches;
		}
		for (Listing listing : this.catalog.marketplace(country)) {
			String value = switch (type) {
				case "ASIN" -> listing.asin();
				case "EAN", "GTIN" -> listing.ean();
				default -> null;
			};
			if (value != null && identifiers.contains(value)) {
				matches.add(listing);
			}
		}
		return matches;
	}

	private List<Listing> byKeywords(SpGate.Call call, Country country, List<String> keywords) {
		List<String> brands = call.csv("brandNames");
		List<String> classifications = call.csv("classificationIds");
		List<String> words = keywords.stream()
			.map((k) -> k.toLowerCase(Locale.ROOT))
			.filter((k) -> !k.isBlank())
			.toList();
		return this.catalog.marketplace(country).stream().filter((l) -> {
			String text = (Storefront.title(l) + " " + l.brand()).toLowerCase(Locale.ROOT);
			return words.stream().anyMatch(text::contains);
		})
			.filter((l) -> brands == null || brands.contains(l.brand()))
			.filter((l) -> classifications == null || classifications.contains(l.category().classificationId()))
			.toList();
	}

	private static Map<String, Object> refinements(List<Listing> matches) {
		Map<String, Integer> brands = new TreeMap<>();
		Map<String, Listing> classifications = new TreeMap<>();
		Map<String, Integer> classificationCounts = new TreeMap<>();
		for (Listing listing : matches) {
			brands.merge(listing.brand(), 1, Integer::sum);
			classifications.putIfAbsent(listing.category().classificationId(), listing);
			classificationCounts.merge(listing.category().classificationId(), 1, Integer::sum);
		}
		List<Map<String, Object>> brandList = new ArrayList<>();
		brands.forEach((brand, count) -> brandList.add(ordered("numberOfResults", count, "brandName", brand)));
		List<Map<String, Object>> classificationList = new ArrayList<>();
		classifications.forEach((id, listing) -> {
			Map<String, Object> entry = ordered("numberOfResults", classificationCounts.get(id), "displayName",
					listing.category().classificationName());
			entry.put("classificationId", id);
			classificationList.add(entry);
		});
		return ordered("brands", brandList, "classifications", classificationList);
	}

	static Map<String, Object> item(String asin, List<Listing> listings, Set<String> included) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("asin", asin);
		if (included.contains("attributes")) {
			// Attributes are a product-type document; one marketplace's view is what
			// Amazon returns.
			Listing first = listings.get(0);
			Map<String, Object> attributes = new LinkedHashMap<>();
			attributes.put("item_name", List.of(attribute(first, Storefront.title(first))));
			attributes.put("brand", List.of(attribute(first, first.brand())));
			Map<String, Object> listPrice = ordered("value", Figures.money(first.priceMinor(), first.country()),
					"currency", first.country().currencyCode());
			listPrice.put("marketplace_id", first.marketplaceId());
			attributes.put("list_price", List.of(listPrice));
			item.put("attributes", attributes);
		}
		if (included.contains("classifications")) {
			item.put("classifications",
					perMarketplace(listings, "classifications", (l) -> List.of(ordered("displayName",
							l.category().classificationName(), "classificationId", l.category().classificationId()))));
		}
		if (included.contains("identifiers")) {
			item.put("identifiers", perMarketplace(listings, "identifiers",
					(l) -> List.of(ordered("identifierType", "EAN", "identifier", l.ean()))));
		}
		if (included.contains("images")) {
			// A product without a main image (Storefront) has no image at all.
			item.put("images", perMarketplace(listings, "images", (l) -> {
				if (Storefront.mainImage(l) == null) {
					return List.of();
				}
				Map<String, Object> image = ordered("variant", "MAIN", "link", Storefront.mainImage(l));
				image.put("height", 1000);
				image.put("width", 1000);
				return List.of(image);
			}));
		}
		if (included.contains("productTypes")) {
			item.put("productTypes", listings.stream()
				.map((l) -> ordered("marketplaceId", l.marketplaceId(), "productType", l.category().productType()))
				.toList());
		}
		if (included.contains("relationships")) {
			item.put("relationships", perMarketplace(listings, "relationships", (l) -> List.of()));
		}
		if (included.contains("salesRanks")) {
			item.put("salesRanks", listings.stream().map((l) -> {
				Map<String, Object> classification = ordered("classificationId", l.category().classificationId(),
						"title", l.category().classificationName());
				classification.put("rank", l.classificationRank());
				Map<String, Object> displayGroup = ordered("websiteDisplayGroup", l.displayGroup(), "title",
						l.displayGroupTitle());
				displayGroup.put("rank", l.displayGroupRank());
				Map<String, Object> ranks = ordered("marketplaceId", l.marketplaceId(), "classificationRanks",
						List.of(classification));
				ranks.put("displayGroupRanks", List.of(displayGroup));
				return ranks;
			}).toList());
		}
		if (included.contains("summaries")) {
			item.put("summaries", listings.stream().map((l) -> {
				Map<String, Object> summary = ordered("marketplaceId", l.marketplaceId(), "brand", l.brand());
				summary.put("browseClassification", ordered("displayName", l.category().classificationName(),
						"classificationId", l.category().classificationId()));
				summary.put("itemClassification", "BASE_PRODUCT");
				summary.put("itemName", Storefront.title(l));
				summary.put("manufacturer", l.brand());
				summary.put("packageQuantity", 1);
				summary.put("websiteDisplayGroup", l.displayGroup());
				summary.put("websiteDisplayGroupName", l.displayGroupTitle());
				return summary;
			}).toList());
		}
		return item;
	}

	private static Map<String, Object> attribute(Listing listing, Object value) {
		Map<String, Object> attribute = ordered("value", value, "language_tag", listing.country().languageCode());
		attribute.put("marketplace_id", listing.marketplaceId());
		return attribute;
	}

	private static List<Map<String, Object>> perMarketplace(List<Listing> listings, String member,
			java.util.function.Function<Listing, List<?>> values) {
		return listings.stream()
			.map((l) -> ordered("marketplaceId", l.marketplaceId(), member, values.apply(l)))
			.toList();
	}

	public static Map<String, Object> ordered(String firstKey, Object first, String secondKey, Object second) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(firstKey, first);
		map.put(secondKey, second);
		return map;
	}

}
