package dev.adsgraph.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.ReportConfiguration;
import dev.adsgraph.upstream.ads.ReportConfiguration.TimeUnit;
import dev.adsgraph.upstream.ads.ReportRequest;
import dev.adsgraph.upstream.ads.SpAdvertisedProductRow;
import dev.adsgraph.upstream.lwa.LwaCredentials;

/**
 * Sponsored products ad metrics per advertised ASIN, from the {@code spAdvertisedProduct}
 * report of one advertising profile, through the {@link ReportEngine}: answers at once,
 * READY with rows or PENDING while Amazon builds the report. Rows are per ad (campaign,
 * ad group, ASIN); callers sum them by ASIN.
 */
public final class AdsProductReports {

	static final String UPSTREAM = "ads";

	private final ReportEngine engine;

	private final AdsApiClient client;

	AdsProductReports(ReportEngine engine, AdsApiClient client) {
		this.engine = engine;
		this.client = client;
	}

	/**
	 * One row per ad and day ({@code date} set on each): what the products graph sums by
	 * ASIN and by day.
	 */
	public Mono<ReportResult<List<SpAdvertisedProductRow>>> advertisedProductsByDay(String tenantId,
			String connectionId, LwaCredentials credentials, Region region, long profileId, LocalDate startDate,
			LocalDate endDate) {
		return Mono.defer(() -> {
			Request request = request(tenantId, connectionId, credentials, region, profileId, startDate, endDate,
					TimeUnit.DAILY);
			return this.engine.get(request.key(), request.flow());
		});
	}

	/** The report's status changes until READY or FAILED, for subscriptions. */
	public Flux<ReportResult<List<SpAdvertisedProductRow>>> watchAdvertisedProducts(String tenantId,
			String connectionId, LwaCredentials credentials, Region region, long profileId, LocalDate startDate,
			LocalDate endDate, TimeUnit timeUnit) {
		return Flux.defer(() -> {
			Request request = request(tenantId, connectionId, credentials, region, profileId, startDate, endDate,
					timeUnit);
			return this.engine.watch(request.key(), request.flow());
		});
	}

	private Request request(String tenantId, String connectionId, LwaCredentials credentials, Region region,
			long profileId, LocalDate startDate, LocalDate endDate, TimeUnit timeUnit) {
		if (connectionId == null || credentials == null || region == null || timeUnit == null) {
			throw new IllegalArgumentException("connectionId, credentials, region and timeUnit are required");
		}
		// The region is part of the key although profile ids are global: the same id
		// asked
		// through another region's host is refused upstream, and must not share that
		// failure.
		ReportKey key = new ReportKey(tenantId, UPSTREAM, Long.toString(profileId),
				SpAdvertisedProductRow.REPORT_TYPE_ID, startDate, endDate,
				Map.of("region", region.name(), "timeUnit", timeUnit.name(), ReportKey.CONNECTION, connectionId));
		List<String> columns = new ArrayList<>(SpAdvertisedProductRow.METRIC_COLUMNS);
		columns.addAll((timeUnit == TimeUnit.DAILY) ? List.of("date") : List.of("startDate", "endDate"));
		// A name that depends only on the key keeps identical requests identical, so
		// Amazon can
		// recognise a duplicate (425) and we can follow the report it names.
		ReportRequest body = new ReportRequest(
				"adsgraph " + SpAdvertisedProductRow.REPORT_TYPE_ID + " " + timeUnit + " " + startDate + ".." + endDate,
				startDate, endDate,
				new ReportConfiguration(ReportConfiguration.AdProduct.SPONSORED_PRODUCTS,
						SpAdvertisedProductRow.REPORT_TYPE_ID, List.of("advertiser"), columns, null, timeUnit,
						ReportConfiguration.Format.GZIP_JSON));
		return new Request(key, new AdsReportFlow<>(this.client, credentials, region, profileId, body,
				SpAdvertisedProductRow.class, SpAdvertisedProductRow::from));
	}

	private record Request(ReportKey key, ReportFlow<List<SpAdvertisedProductRow>> flow) {
	}

}
