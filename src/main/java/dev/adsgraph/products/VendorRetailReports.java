package dev.adsgraph.products;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.adsgraph.reports.ReportEngine;
import dev.adsgraph.reports.ReportKey;
import dev.adsgraph.reports.SpReportFlow;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.Tenant.SpConnection;
import dev.adsgraph.upstream.Marketplaces;
import dev.adsgraph.upstream.sp.CreateReportSpecification;
import dev.adsgraph.upstream.sp.SellingPartnerApiClient;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Retail figures of a vendor profile per ASIN (and per day with reportPeriod DAY) from
 * the vendor retail analytics reports: GET_VENDOR_SALES_REPORT (ordered revenue and
 * units) and GET_VENDOR_TRAFFIC_REPORT (glance views), beside
 * {@link SalesAndTrafficReports} for sellers. Both go through the report engine like
 * every report (one upstream report per workspace, connection, marketplace, range and
 * options, shared and cached; claimed on Redis in Redis mode), each with its own key. The
 * date rules ({@link VendorReportRules}) are the caller's to check first.
 */
@Component
class VendorRetailReports {

	static final String SALES = "GET_VENDOR_SALES_REPORT";

	static final String TRAFFIC = "GET_VENDOR_TRAFFIC_REPORT";

	private final ReportEngine engine;

	private final SellingPartnerApiClient sp;

	private final VendorReportsProperties properties;

	VendorRetailReports(ReportEngine engine, SellingPartnerApiClient sp, VendorReportsProperties properties) {
		this.engine = engine;
		this.sp = sp;
		this.properties = properties;
	}

	VendorReportRules rules() {
		return this.properties.rules();
	}

	/**
	 * Both reports' figures in one source: READY when both are (as of the older), FAILED
	 * when either failed, else PENDING.
	 */
	Mono<Sourced<RetailFigures>> figures(Tenant tenant, SpConnection connection, Marketplaces.Marketplace marketplace,
			LocalDate start, LocalDate end) {
		String currency = marketplace.currencyCode();
		boolean daily = this.properties.reportPeriod() == VendorReportRules.Period.DAY;
		Map<String, String> salesOptions = new LinkedHashMap<>();
		salesOptions.put("reportPeriod", this.properties.reportPeriod().name());
		salesOptions.put("distributorView", this.properties.distributorView().name());
		salesOptions.put("sellingProgram", this.properties.sellingProgram().name());
		Map<String, String> trafficOptions = Map.of("reportPeriod", this.properties.reportPeriod().name());
		Mono<Sourced<RetailFigures>> sales = report(tenant, connection, marketplace, start, end, SALES, salesOptions,
				(bytes) -> VendorReportDocuments.sales(bytes, currency, daily));
		Mono<Sourced<RetailFigures>> traffic = report(tenant, connection, marketplace, start, end, TRAFFIC,
				trafficOptions, (bytes) -> VendorReportDocuments.traffic(bytes, currency, daily));
		return Mono.zip(sales, traffic).map((both) -> combine(both.getT1(), both.getT2()));
	}

	private Mono<Sourced<RetailFigures>> report(Tenant tenant, SpConnection connection,
			Marketplaces.Marketplace marketplace, LocalDate start, LocalDate end, String reportType,
			Map<String, String> options, java.util.function.Function<byte[], RetailFigures> parse) {
		return Mono.defer(() -> {
			Map<String, String> keyOptions = new LinkedHashMap<>(options);
			keyOptions.put(ReportKey.CONNECTION, connection.id());
			ReportKey key = new ReportKey(tenant.id(), "sp", marketplace.id(), reportType, start, end, keyOptions);
			// The vendor reports read dates; the whole last day is included, as for
			// sellers.
			CreateReportSpecification specification = new CreateReportSpecification(reportType,
					List.of(marketplace.id()), start.atStartOfDay().toInstant(ZoneOffset.UTC),
					end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1), Map.copyOf(options));
			SpReportFlow<RetailFigures> flow = new SpReportFlow<>(this.sp, connection.credentials(),
					marketplace.region(), specification, RetailFigures.class, parse);
			return this.engine.get(key, flow).map((result) -> Sourced.of(result, (data) -> data));
		});
	}

	/** The sales report's figures combined with the traffic report's. */
	private static final ReportMemo<RetailFigures, RetailFigures> COMBINED = new ReportMemo<>(10_000);

	static Sourced<RetailFigures> combine(Sourced<RetailFigures> sales, Sourced<RetailFigures> traffic) {
		Freshness a = sales.freshness();
		Freshness b = traffic.freshness();
		if ("FAILED".equals(a.status()) || "FAILED".equals(b.status())) {
			String why = "FAILED".equals(a.status()) ? SALES + ": " + a.message() : TRAFFIC + ": " + b.message();
			return Sourced.unavailable(why);
		}
		if (!a.isReady() || !b.isReady()) {
			return new Sourced<>(Freshness.pending(), null);
		}
		Instant asOf = older(a.asOf(), b.asOf());
		// Combined once per pair of report results, not on every request.
		RetailFigures combined = COMBINED.get(sales.data(), new ReportMemo.Identity(traffic.data()),
				() -> VendorReportDocuments.combine(sales.data(), traffic.data()));
		return new Sourced<>(Freshness.ready(asOf), combined);
	}

	private static Instant older(OffsetDateTime a, OffsetDateTime b) {
		if (a == null || b == null) {
			return null;
		}
		return (a.isBefore(b) ? a : b).toInstant();
	}

}
