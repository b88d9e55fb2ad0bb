package dev.adsgraph.sandbox.sp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Catalog.Inventory;
import dev.adsgraph.sandbox.fixtures.Catalog.Listing;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Storefront;

/**
 * FBA Inventory v1 {@code GET /fba/inventory/v1/summaries} (fbaInventory.json): the
 * seller's FBA stock in one marketplace, 50 summaries a page. As the model states, a
 * {@code nextToken} expires 30 seconds after it was issued; an older one is a 400. The
 * token also names the seller and the filters, so it cannot page through another query.
 */
public final class FbaInventoryHandler {

	public static final SpGate.Operation SUMMARIES = new SpGate.Operation("getInventorySummaries", true, 2, 2, false);

	static final int PAGE_SIZE = 50;

	static final Duration TOKEN_LIFETIME = Duration.ofSeconds(30);

	private final Catalog catalog;

	private final Storefront storefront;

	private final Clock clock;

	public FbaInventoryHandler(Catalog catalog, Storefront storefront, Clock clock) {
		this.catalog = catalog;
		this.storefront = storefront;
		this.clock = clock;
	}

	public Reply summaries(SpGate.Call call) {
		Instant now = this.clock.instant();
		String granularityType = call.query("granularityType")
			.orElseThrow(() -> SpParams.invalid("Missing required parameter granularityType."));
		if (!granularityType.equals("Marketplace")) {
			throw SpParams.invalid("granularityType must be Marketplace, was '" + granularityType + "'.");
		}
		String granularityId = call.query("granularityId")
			.orElseThrow(() -> SpParams.invalid("Missing required parameter granularityId."));
		Country country = SpParams.marketplaces(call, "marketplaceIds", 1).get(0);
		if (!granularityId.equals(country.marketplaceId())) {
			throw SpParams.invalid("granularityId must be the marketplace of marketplaceIds.");
		}
		String detailsText = call.query("details").orElse("false");
		if (!detailsText.equals("true") && !detailsText.equals("false")) {
			throw SpParams.invalid("details must be true or false.");
		}
		boolean details = detailsText.equals("true");
		List<String> sellerSkus = call.csv("sellerSkus");
		String sellerSku = call.query("sellerSku").orElse(null);
		if (sellerSkus != null && sellerSkus.size() > 50) {
			throw SpParams.invalid("sellerSkus accepts at most 50 SKUs, got " + sellerSkus.size() + ".");
		}
		if (sellerSkus != null && sellerSku != null) {
			throw SpParams.invalid("Use sellerSkus or sellerSku, not both.");
		}
		Instant since = null;
		String startDateTime = call.query("startDateTime").orElse(null);
		if (startDateTime != null) {
			try {
				since = OffsetDateTime.parse(startDateTime).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw SpParams.invalid("startDateTime must be an ISO-8601 date-time.");
			}
			if (since.isBefore(now.minus(Duration.ofDays(548)))) {
				throw SpParams.invalid("startDateTime must be within the last 18 months.");
			}
		}
		Instant changedSince = since;
		List<Listing> matching = this.catalog.inCatalog(call.sellerId(), country)
			.stream()
			.filter((l) -> sellerSkus == null || sellerSkus.contains(l.sku()))
			.filter((l) -> sellerSku == null || sellerSku.equals(l.sku()))
			.filter((l) -> changedSince == null || !lastUpdated(l, now).isBefore(changedSince))
			.toList();
		List<Object> filters = Arrays.asList(country, details, sellerSkus, sellerSku, startDateTime);
		int offset = 0;
		String nextToken = call.query("nextToken").orElse(null);
		if (nextToken != null) {
			offset = offset(nextToken, call.sellerId(), filters, now);
		}
		int to = Math.min(offset + PAGE_SIZE, matching.size());
		List<Map<String, Object>> summaries = matching.subList(Math.min(offset, to), to)
			.stream()
			.map((l) -> summary(l, this.storefront.inventory(l), details, now))
			.toList();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("granularity",
				CatalogHandler.ordered("granularityType", "Marketplace", "granularityId", country.marketplaceId()));
		payload.put("inventorySummaries", summaries);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("payload", payload);
		if (to < matching.size()) {
			body.put("pagination", Map.of("nextToken", token(call.sellerId(), filters, to, now)));
		}
		return Reply.json(200, body);
	}

	private static Map<String, Object> summary(Listing listing, Inventory inventory, boolean details, Instant now) {
		Map<String, Object> summary = CatalogHandler.ordered("asin", listing.asin(), "fnSku", listing.fnSku());
		summary.put("sellerSku", listing.sku());
		summary.put("condition", "NewItem");
		if (details) {
			Map<String, Object> reserved = new LinkedHashMap<>();
			reserved.put("totalReservedQuantity", inventory.reserved());
			reserved.put("pendingCustomerOrderQuantity", inventory.pendingCustomerOrders());
			reserved.put("pendingTransshipmentQuantity", 0);
			reserved.put("fcProcessingQuantity", inventory.fcProcessing());
			Map<String, Object> unfulfillable = new LinkedHashMap<>();
			for (String member : List.of("totalUnfulfillableQuantity", "customerDamagedQuantity",
					"warehouseDamagedQuantity", "distributorDamagedQuantity", "carrierDamagedQuantity",
					"defectiveQuantity", "expiredQuantity")) {
				unfulfillable.put(member, 0);
			}
			Map<String, Object> inventoryDetails = new LinkedHashMap<>();
			inventoryDetails.put("fulfillableQuantity", inventory.fulfillable());
			inventoryDetails.put("inboundWorkingQuantity", inventory.inboundWorking());
			inventoryDetails.put("inboundShippedQuantity", inventory.inboundShipped());
			inventoryDetails.put("inboundReceivingQuantity", inventory.inboundReceiving());
			inventoryDetails.put("reservedQuantity", reserved);
			inventoryDetails.put("researchingQuantity",
					CatalogHandler.ordered("totalResearchingQuantity", 0, "researchingQuantityBreakdown", List.of()));
			inventoryDetails.put("unfulfillableQuantity", unfulfillable);
			summary.put("inventoryDetails", inventoryDetails);
		}
		summary.put("lastUpdatedTime", lastUpdated(listing, now));
		summary.put("productName", Storefront.title(listing));
		summary.put("totalQuantity", inventory.total());
		summary.put("stores", List.of());
		return summary;
	}

	// Stock moves daily: each summary changed within the last few days, at a fixed hour
	// per SKU.
	private static Instant lastUpdated(Listing listing, Instant now) {
		long day = now.getEpochSecond() / 86_400 - (listing.index() % 5);
		return Instant.ofEpochSecond(day * 86_400 + Math.floorMod(listing.seed(), 86_400L));
	}

	private static String token(String sellerId, Object filters, int offset, Instant now) {
		String plain = "fba\n" + sellerId + "\n" + Integer.toHexString(filters.hashCode()) + "\n" + offset + "\n"
				+ now.toEpochMilli();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	private static int offset(String token, String sellerId, Object filters, Instant now) {
		String[] parts;
		try {
			parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
		}
		catch (IllegalArgumentException ex) {
			throw SpParams.invalid("Invalid nextToken.");
		}
		if (parts.length != 5 || !parts[0].equals("fba") || !parts[1].equals(sellerId)
				|| !parts[2].equals(Integer.toHexString(filters.hashCode()))) {
			throw SpParams.invalid("Invalid nextToken: it was not issued for this query.");
		}
		try {
			int offset = Integer.parseInt(parts[3]);
			Instant issued = Instant.ofEpochMilli(Long.parseLong(parts[4]));
			if (now.isAfter(issued.plus(TOKEN_LIFETIME))) {
				throw SpParams.invalid("The nextToken has expired; a nextToken is valid for 30 seconds.");
			}
			return offset;
		}
		catch (NumberFormatException ex) {
			throw SpParams.invalid("Invalid nextToken.");
		}
	}

}
