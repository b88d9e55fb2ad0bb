package dev.adsgraph.products;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Retail sales and traffic per child ASIN and per day from the seller's
 * GET_SALES_AND_TRAFFIC_REPORT (one report per workspace, SP-API connection, marketplace
 * and range, shared and cached by the report engine). The report is asked for with
 * {@code dateGranularity=DAY}, so the one document carries the range's per-ASIN sums and
 * the catalogue's days. Per-ASIN order metrics would cost one getOrderMetrics call per
 * ASIN at half a call a second; the report costs three calls for any number of ASINs.
 */
@Component
class SalesAndTrafficReports {

	static final String REPORT_TYPE = "GET_SALES_AND_TRAFFIC_REPORT";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ReportEngine engine;

	private final SellingPartnerApiClient sp;

	SalesAndTrafficReports(ReportEngine engine, SellingPartnerApiClient sp) {
		this.engine = engine;
		this.sp = sp;
	}

	Mono<Sourced<RetailFigures>> figures(Tenant tenant, SpConnection connection, Marketplaces.Marketplace marketplace,
			LocalDate start, LocalDate end) {
		Request request = request(tenant, connection, marketplace, start, end);
		return this.engine.get(request.key(), request.flow()).map((result) -> Sourced.of(result, (data) -> data));
	}

	/**
	 * The report's state until READY or FAILED, starting it when nobody has yet (for
	 * subscriptions).
	 */
	Flux<Freshness> watch(Tenant tenant, SpConnection connection, Marketplaces.Marketplace marketplace, LocalDate start,
			LocalDate end) {
		return Flux.defer(() -> {
			Request request = request(tenant, connection, marketplace, start, end);
			return this.engine.watch(request.key(), request.flow()).map(Sourced::freshnessOf);
		});
	}

	private Request request(Tenant tenant, SpConnection connection, Marketplaces.Marketplace marketplace,
			LocalDate start, LocalDate end) {
		ReportKey key = new ReportKey(tenant.id(), "sp", marketplace.id(), REPORT_TYPE, start, end,
				Map.of("asinGranularity", "CHILD", "dateGranularity", "DAY", ReportKey.CONNECTION, connection.id()));
		// Amazon reads the range as instants; the whole last day is included.
		CreateReportSpecification specification = new CreateReportSpecification(REPORT_TYPE, List.of(marketplace.id()),
				start.atStartOfDay().toInstant(ZoneOffset.UTC),
				end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1),
				Map.of("asinGranularity", "CHILD", "dateGranularity", "DAY"));
		SpReportFlow<RetailFigures> flow = new SpReportFlow<>(this.sp, connection.credentials(), marketplace.region(),
				specification, RetailFigures.class, (bytes) -> parse(bytes, marketplace.currencyCode()));
		return new Request(key, flow);
	}

	private record Request(ReportKey key, SpReportFlow<RetailFigures> flow) {
	}

	static RetailFigures parse(byte[] document, String currencyCode) {
		try {
			return JSON.readValue(document, SalesAndTrafficDocument.class).figures(currencyCode);
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new UncheckedIOException(new IOException("unreadable sales and traffic document", ex));
		}
	}

}
