package dev.adsgraph.sandbox.ads;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.ads.AdsGate.Call;
import dev.adsgraph.sandbox.ads.AdsGate.Operation;
import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.PresignedUrls;
import dev.adsgraph.sandbox.core.ReportDocuments;
import dev.adsgraph.sandbox.core.ReportHold;
import dev.adsgraph.sandbox.core.SandboxJson;
import dev.adsgraph.sandbox.fixtures.Account;
import dev.adsgraph.sandbox.fixtures.AdsRegion;
import dev.adsgraph.sandbox.fixtures.Catalog;
import dev.adsgraph.sandbox.fixtures.Catalog.Campaign;
import dev.adsgraph.sandbox.fixtures.Catalog.Listing;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Figures;
import dev.adsgraph.sandbox.fixtures.Figures.Ads;
import dev.adsgraph.sandbox.fixtures.ProfileEntry;
import dev.adsgraph.sandbox.sp.CatalogHandler;

/**
 * Sponsored ads reporting v3 (OfflineReport_prod_3p.json):
 * {@code POST /reporting/reports}, {@code GET|DELETE /reporting/reports/{reportId}} on
 * the regional Ads hosts. The scope header names a profile the user sees on this host;
 * its seller or vendor and marketplace choose the products. Report types:
 * {@code spAdvertisedProduct} (groupBy advertiser) and {@code spCampaigns} (groupBy
 * campaign, optionally adGroup), sponsored products. Attribution: the sandbox's shoppers
 * buy within a day of the click, so {@code purchases} and {@code sales} are the same over
 * 1, 7, 14 and 30 days (Amazon's own Postman collection asks spCampaigns for
 * {@code purchases1d} to {@code purchases30d}). Dates: startDate ≤ endDate ≤ today
 * (profile time zone), at most 95 days back, at most 31 days. A request equal to a report
 * still PENDING or PROCESSING (same profile, configuration and dates) is a 425 naming
 * that report. Reports are PENDING for the first half of the processing time, PROCESSING
 * for the second, then COMPLETED with a gzip JSON array behind a one-hour URL. The
 * campaigns and ads are the v1 ones ({@link CampaignStore}): {@code campaignStatus},
 * {@code campaignBudgetAmount} and the {@code campaignStatus} and {@code adStatus}
 * filters read their state when the file is made.
 */
public final class AdsReportsHandler {

	static final String REQUEST_TYPE = "application/vnd.createasyncreportrequest.v3+json";

	public static final Operation CREATE = new Operation("createAsyncReport", ErrorFamily.REPORTING, false,
			List.of(REQUEST_TYPE), "application/vnd.createasyncreportresponse.v3+json");

	public static final Operation GET = new Operation("getAsyncReport", ErrorFamily.REPORTING, false, List.of(),
			"application/vnd.getasyncreportresponse.v3+json");

	public static final Operation DELETE = new Operation("deleteAsyncReport", ErrorFamily.REPORTING, false, List.of(),
			"application/vnd.deleteasyncreportresponse.v3+json");

	static final String SCOPE = "Amazon-Advertising-API-Scope";

	// OfflineReport_prod_3p.json: urlExpiresAt "defaults to 3600 seconds".
	static final Duration URL_LIFETIME = Duration.ofHours(1);

	// As Amazon's report storage serves the .json.gz files, with no Content-Encoding.
	static final String FILE_TYPE = "application/x-gzip";

	private static final Set<String> COMMON_COLUMNS = Set.of("campaignId", "campaignName", "campaignStatus",
			"campaignBudgetAmount", "campaignBudgetType", "campaignBudgetCurrencyCode", "impressions", "clicks", "cost",
			"spend", "costPerClick", "clickThroughRate", "sales1d", "sales7d", "sales14d", "sales30d", "purchases1d",
			"purchases7d", "purchases14d", "purchases30d", "unitsSoldClicks7d", "acosClicks7d", "roasClicks7d");

	private static final Set<String> PRODUCT_COLUMNS = Set.of("adGroupId", "adGroupName", "adId", "advertisedAsin",
			"advertisedSku");

	private static final Set<String> FILTER_FIELDS = Set.of("campaignStatus", "adStatus");

	private final Map<String, Entry> reports = new ConcurrentHashMap<>();

	private final ReentrantLock createLock = new ReentrantLock();

	private final AccountRegistry registry;

	private final Catalog catalog;

	private final CampaignStore campaigns;

	private final ReportDocuments documents;

	private final Clock clock;

	private final Duration processingTime;

	private final ReportHold hold;

	public AdsReportsHandler(AccountRegistry registry, Catalog catalog, CampaignStore campaigns,
			ReportDocuments documents, Clock clock, Duration processingTime, ReportHold hold) {
		this.registry = registry;
		this.catalog = catalog;
		this.campaigns = campaigns;
		this.documents = documents;
		this.clock = clock;
		this.processingTime = processingTime;
		this.hold = hold;
	}

	public Reply create(Call call) {
		Scope scope = scope(call);
		if (scope.partnerId() == null) {
			throw ApiException.badRequest("400", "Invalid Advertiser or Marketplace ID.");
		}
		JsonNode body = call.body();
		JsonNode configuration = body.get("configuration");
		if (configuration == null || !configuration.isObject()) {
			throw invalid("configuration is required.");
		}
		String name = SandboxJson.string(body, "name").orElse(null);
		LocalDate today = this.clock.instant().atZone(scope.country().zone()).toLocalDate();
		LocalDate startDate = date(body, "startDate");
		LocalDate endDate = date(body, "endDate");
		if (startDate.isAfter(endDate)) {
			throw invalid("startDate must not be after endDate.");
		}
		if (endDate.isAfter(today)) {
			throw invalid("endDate must not be in the future.");
		}
		if (startDate.isBefore(today.minusDays(95))) {
			throw invalid("startDate is beyond the 95-day lookback window.");
		}
		if (endDate.isAfter(startDate.plusDays(30))) {
			throw invalid("The date range must not exceed 31 days.");
		}
		Config config = config(configuration);
		this.createLock.lock();
		try {
			Instant now = this.clock.instant();
			for (Entry existing : this.reports.values()) {
				if (existing.userId().equals(call.user().id()) && existing.profileId() == scope.profileId()
						&& existing.configuration().equals(configuration) && existing.startDate().equals(startDate)
						&& existing.endDate().equals(endDate) && !status(existing, now).equals("COMPLETED")) {
					throw new ApiException(425, "425", "The Request is a duplicate of : " + existing.reportId());
				}
			}
			Entry entry = new Entry(UUID.randomUUID().toString(), call.user().id(), call.region(), scope.profileId(),
					scope.partnerId(), scope.country(), name, configuration, config, startDate, endDate, now);
			this.reports.put(entry.reportId(), entry);
			return new Reply(200, CREATE.responseType(), view(call, entry, now));
		}
		finally {
			this.createLock.unlock();
		}
	}

	public Reply get(Call call) {
		Entry entry = find(call);
		return new Reply(200, GET.responseType(), view(call, entry, this.clock.instant()));
	}

	public Reply delete(Call call) {
		Entry entry = find(call);
		this.createLock.lock();
		try {
			String status = status(entry, this.clock.instant());
			if (!status.equals("PENDING")) {
				throw invalid(
						"Only PENDING reports can be deleted; report " + entry.reportId() + " is " + status + ".");
			}
			this.reports.remove(entry.reportId());
		}
		finally {
			this.createLock.unlock();
		}
		Map<String, Object> deleted = CatalogHandler.ordered("code", "200", "detail", "Report deleted");
		deleted.put("reportId", entry.reportId());
		return new Reply(200, DELETE.responseType(), deleted);
	}

	public void clear() {
		this.reports.clear();
	}

	private Entry find(Call call) {
		Scope scope = scope(call);
		String reportId = call.request().pathVariable("reportId");
		Entry entry = this.reports.get(reportId);
		if (entry == null || !entry.userId().equals(call.user().id()) || entry.region() != call.region()
				|| entry.profileId() != scope.profileId()) {
			throw new ApiException(404, "404", "Not Found");
		}
		return entry;
	}

	private Scope scope(Call call) {
		String header = call.request().headers().firstHeader(SCOPE);
		if (header == null || header.isBlank()) {
			throw new ApiException(401, "401", "Scope header is missing.");
		}
		long profileId;
		try {
			profileId = Long.parseLong(header.trim());
		}
		catch (NumberFormatException ex) {
			throw new ApiException(401, "401", "Not authorized to access scope " + header.trim() + ".");
		}
		ProfileEntry profile = this.registry.profiles(call.user(), call.region())
			.stream()
			.filter((p) -> p.profileId() == profileId)
			.findFirst()
			.orElseThrow(() -> new ApiException(401, "401", "Not authorized to access scope " + profileId + "."));
		String partnerId = null;
		for (Account account : this.registry.list(call.user().id())) {
			boolean owns = account.markets().stream().anyMatch((m) -> m.profileId() == profileId);
			if (owns && account.partner() != null) {
				partnerId = account.partner().partnerId();
			}
		}
		return new Scope(profileId, partnerId, profile.country());
	}

	private String status(Entry entry, Instant now) {
		Duration elapsed = Duration.between(entry.createdAt(), now);
		if (elapsed.compareTo(this.processingTime.dividedBy(2)) < 0) {
			return "PENDING";
		}
		return (elapsed.compareTo(this.processingTime) < 0
				|| this.hold.holds(entry.createdAt().plus(this.processingTime))) ? "PROCESSING" : "COMPLETED";
	}

	private Map<String, Object> view(Call call, Entry entry, Instant now) {
		String status = status(entry, now);
		Instant generatedAt = entry.createdAt().plus(this.processingTime);
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("configuration", entry.configuration());
		report.put("createdAt", entry.createdAt());
		report.put("endDate", entry.endDate().toString());
		report.put("failureReason", null);
		report.put("fileSize", null);
		report.put("generatedAt", null);
		report.put("name", entry.name());
		report.put("reportId", entry.reportId());
		report.put("startDate", entry.startDate().toString());
		report.put("status", status);
		report.put("updatedAt", status.equals("PENDING") ? entry.createdAt()
				: status.equals("PROCESSING") ? entry.createdAt().plus(this.processingTime.dividedBy(2)) : generatedAt);
		report.put("url", null);
		report.put("urlExpiresAt", null);
		if (status.equals("COMPLETED")) {
			String key = entry.reportId() + "/report-" + entry.reportId() + ".json.gz";
			byte[] file = this.documents.content(key, FILE_TYPE, () -> SandboxJson.write(rows(entry)));
			PresignedUrls.Presigned link = this.documents.link(call.request(), key, URL_LIFETIME);
			report.put("fileSize", file.length);
			report.put("generatedAt", generatedAt);
			report.put("url", link.url());
			report.put("urlExpiresAt", link.expiresAt());
		}
		return report;
	}

	/**
	 * The report file: one object per row with exactly the requested columns, in their
	 * order. Campaign status and budget, and the status filters, read the campaigns'
	 * state as the v1 endpoints show it when the file is made ({@link CampaignStore}).
	 */
	private List<Map<String, Object>> rows(Entry entry) {
		Config config = entry.config();
		List<CampaignStore.Market> market = List.of(new CampaignStore.Market(entry.partnerId(), entry.country()));
		Map<String, CampaignStore.CampaignEntity> campaigns = new HashMap<>();
		Map<String, CampaignStore.AdEntity> ads = new HashMap<>();
		this.campaigns.atomically(() -> {
			this.campaigns.campaigns(market).forEach((c) -> campaigns.put(c.campaignId(), c));
			this.campaigns.ads(market).forEach((a) -> ads.put(a.adId(), a));
			return null;
		});
		List<Listing> advertised = this.catalog.listings(entry.partnerId(), entry.country())
			.stream()
			.filter((l) -> l.kind().advertised())
			.filter((l) -> config.campaignStatuses() == null
					|| config.campaignStatuses().contains(campaigns.get(l.campaign().campaignId()).state().name()))
			.filter((l) -> config.adStatuses() == null
					|| config.adStatuses().contains(ads.get(l.adId()).state().name()))
			.toList();
		List<LocalDate[]> periods = new ArrayList<>();
		if (config.daily()) {
			for (LocalDate date = entry.startDate(); !date.isAfter(entry.endDate()); date = date.plusDays(1)) {
				periods.add(new LocalDate[] { date, date });
			}
		}
		else {
			periods.add(new LocalDate[] { entry.startDate(), entry.endDate() });
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		for (LocalDate[] period : periods) {
			if (config.reportTypeId().equals("spAdvertisedProduct")) {
				for (Listing listing : advertised) {
					rows.add(row(config, entry.country(), period, listing.campaign(),
							campaigns.get(listing.campaign().campaignId()), listing,
							Figures.ads(listing, period[0], period[1])));
				}
				continue;
			}
			// spCampaigns: one row per campaign (and ad group), summed over its products.
			Map<String, Object[]> groups = new LinkedHashMap<>();
			for (Listing listing : advertised) {
				String key = listing.campaign().campaignId() + (config.byAdGroup() ? "/" + listing.adGroupId() : "");
				Object[] group = groups.computeIfAbsent(key, (k) -> new Object[] { listing, Ads.ZERO });
				group[1] = ((Ads) group[1]).plus(Figures.ads(listing, period[0], period[1]));
			}
			for (Object[] group : groups.values()) {
				Listing first = (Listing) group[0];
				rows.add(row(config, entry.country(), period, first.campaign(),
						campaigns.get(first.campaign().campaignId()), config.byAdGroup() ? first : null,
						(Ads) group[1]));
			}
		}
		return rows;
	}

	private static Map<String, Object> row(Config config, Country country, LocalDate[] period, Campaign campaign,
			CampaignStore.CampaignEntity state, Listing listing, Ads ads) {
		Map<String, Object> row = new LinkedHashMap<>();
		for (String column : config.columns()) {
			Object value = switch (column) {
				case "date" -> period[0].toString();
				case "startDate" -> period[0].toString();
				case "endDate" -> period[1].toString();
				case "campaignId" -> Long.parseLong(campaign.campaignId());
				case "campaignName" -> campaign.name();
				case "campaignStatus" -> state.state().name();
				case "campaignBudgetAmount" -> Figures.money(state.budgetMinor(), country);
				case "campaignBudgetType" -> "DAILY_BUDGET";
				case "campaignBudgetCurrencyCode" -> country.currencyCode();
				case "adGroupId" -> Long.parseLong(listing.adGroupId());
				case "adGroupName" -> listing.adGroupName();
				case "adId" -> Long.parseLong(listing.adId());
				case "advertisedAsin" -> listing.asin();
				case "advertisedSku" -> listing.sku();
				case "impressions" -> ads.impressions();
				case "clicks" -> ads.clicks();
				case "cost", "spend" -> Figures.money(ads.costMinor(), country);
				case "costPerClick" -> (ads.clicks() == 0) ? BigDecimal.ZERO : Figures.money(ads.costMinor(), country)
					.divide(BigDecimal.valueOf(ads.clicks()), 2, RoundingMode.HALF_UP);
				case "clickThroughRate" -> Figures.percent(ads.clicks(), ads.impressions());
				case "sales1d", "sales7d", "sales14d", "sales30d" -> Figures.money(ads.salesMinor(), country);
				case "purchases1d", "purchases7d", "purchases14d", "purchases30d" -> ads.purchases();
				case "unitsSoldClicks7d" -> ads.unitsSold();
				case "acosClicks7d" -> Figures.percent(ads.costMinor(), ads.salesMinor());
				case "roasClicks7d" -> Figures.ratio(ads.salesMinor(), ads.costMinor());
				default -> throw new IllegalStateException("Unvalidated column " + column);
			};
			row.put(column, value);
		}
		return row;
	}

	private static Config config(JsonNode configuration) {
		String adProduct = required(configuration, "adProduct");
		if (!adProduct.equals("SPONSORED_PRODUCTS")) {
			throw invalid("adProduct " + adProduct + " is not available in the sandbox; use SPONSORED_PRODUCTS.");
		}
		String reportTypeId = required(configuration, "reportTypeId");
		if (!reportTypeId.equals("spAdvertisedProduct") && !reportTypeId.equals("spCampaigns")) {
			throw invalid(
					"reportTypeId " + reportTypeId + " is not supported; use spAdvertisedProduct or spCampaigns.");
		}
		String timeUnit = required(configuration, "timeUnit");
		if (!timeUnit.equals("DAILY") && !timeUnit.equals("SUMMARY")) {
			throw invalid("timeUnit must be DAILY or SUMMARY.");
		}
		String format = required(configuration, "format");
		if (!format.equals("GZIP_JSON")) {
			throw invalid("format must be GZIP_JSON.");
		}
		Set<String> groupBy = new LinkedHashSet<>(strings(configuration, "groupBy"));
		boolean byAdGroup = false;
		if (reportTypeId.equals("spAdvertisedProduct")) {
			if (!groupBy.equals(Set.of("advertiser"))) {
				throw invalid("spAdvertisedProduct must be grouped by [advertiser].");
			}
		}
		else {
			if (!groupBy.equals(Set.of("campaign")) && !groupBy.equals(Set.of("campaign", "adGroup"))) {
				throw invalid("spCampaigns must be grouped by [campaign] or [campaign, adGroup].");
			}
			byAdGroup = groupBy.contains("adGroup");
		}
		boolean daily = timeUnit.equals("DAILY");
		List<String> columns = strings(configuration, "columns");
		if (columns.isEmpty()) {
			throw invalid("columns must not be empty.");
		}
		for (String column : columns) {
			boolean allowed = COMMON_COLUMNS.contains(column) || (column.equals("date") && daily)
					|| ((column.equals("startDate") || column.equals("endDate")) && !daily)
					|| ((column.equals("adGroupId") || column.equals("adGroupName"))
							&& (byAdGroup || reportTypeId.equals("spAdvertisedProduct")))
					|| (PRODUCT_COLUMNS.contains(column) && reportTypeId.equals("spAdvertisedProduct"));
			if (!allowed) {
				throw invalid("Column " + column + " is not available for " + reportTypeId + " with timeUnit "
						+ timeUnit + " and groupBy " + groupBy + ".");
			}
		}
		if (new LinkedHashSet<>(columns).size() != columns.size()) {
			throw invalid("columns must not repeat.");
		}
		Map<String, Set<String>> statuses = new HashMap<>();
		JsonNode filters = configuration.get("filters");
		if (filters != null && !filters.isNull()) {
			if (!filters.isArray()) {
				throw invalid("filters must be an array.");
			}
			for (JsonNode filter : filters) {
				String field = filter.path("field").asString("");
				if (!FILTER_FIELDS.contains(field)) {
					throw invalid("Filter field '" + field + "' is not supported; use " + FILTER_FIELDS + ".");
				}
				List<String> values = strings(filter, "values");
				for (String value : values) {
					if (!Set.of("ENABLED", "PAUSED", "ARCHIVED").contains(value)) {
						throw invalid("Invalid " + field + " filter value '" + value + "'.");
					}
				}
				statuses.computeIfAbsent(field, (f) -> new LinkedHashSet<>(values)).retainAll(values);
			}
		}
		return new Config(reportTypeId, daily, byAdGroup, List.copyOf(columns), statuses.get("campaignStatus"),
				statuses.get("adStatus"));
	}

	private static String required(JsonNode node, String field) {
		String value = SandboxJson.string(node, field).orElse(null);
		if (value == null || value.isBlank()) {
			throw invalid("configuration." + field + " is required.");
		}
		return value;
	}

	private static List<String> strings(JsonNode node, String field) {
		JsonNode array = node.get(field);
		if (array == null || !array.isArray()) {
			throw invalid(field + " must be an array of strings.");
		}
		List<String> values = new ArrayList<>();
		for (JsonNode item : array) {
			if (!item.isString()) {
				throw invalid(field + " must be an array of strings.");
			}
			values.add(item.stringValue());
		}
		return values;
	}

	private static LocalDate date(JsonNode body, String field) {
		String text = SandboxJson.string(body, field).orElseThrow(() -> invalid(field + " is required."));
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw invalid(field + " must be a date as YYYY-MM-DD, was '" + text + "'.");
		}
	}

	private static ApiException invalid(String detail) {
		return ApiException.badRequest("400", detail);
	}

	private record Scope(long profileId, String partnerId, Country country) {
	}

	/**
	 * The validated configuration; a status set is null without a filter on that field.
	 */
	private record Config(String reportTypeId, boolean daily, boolean byAdGroup, List<String> columns,
			Set<String> campaignStatuses, Set<String> adStatuses) {
	}

	private record Entry(String reportId, String userId, AdsRegion region, long profileId, String partnerId,
			Country country, String name, JsonNode configuration, Config config, LocalDate startDate, LocalDate endDate,
			Instant createdAt) {
	}

}
