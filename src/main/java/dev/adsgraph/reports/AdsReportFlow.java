package dev.adsgraph.reports;

import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.AdsReport;
import dev.adsgraph.upstream.ads.DuplicateReportException;
import dev.adsgraph.upstream.ads.ReportRequest;
import dev.adsgraph.upstream.ads.ReportRow;
import dev.adsgraph.upstream.lwa.LwaCredentials;

/**
 * The sponsored ads reporting v3 flow (OfflineReport_prod_3p.json) for one profile:
 * create, poll getAsyncReport, download the presigned file; {@code rows} turns the
 * generic rows into the report type's own.
 */
final class AdsReportFlow<R> implements ReportFlow<List<R>> {

	private static final Logger logger = LoggerFactory.getLogger(AdsReportFlow.class);

	private static final TypeFactory TYPES = TypeFactory.createDefaultInstance();

	private final AdsApiClient client;

	private final LwaCredentials credentials;

	private final Region region;

	private final long profileId;

	private final ReportRequest request;

	private final Function<ReportRow, R> rows;

	private final JavaType dataType;

	AdsReportFlow(AdsApiClient client, LwaCredentials credentials, Region region, long profileId, ReportRequest request,
			Class<R> rowType, Function<ReportRow, R> rows) {
		this.client = client;
		this.credentials = credentials;
		this.region = region;
		this.profileId = profileId;
		this.request = request;
		this.rows = rows;
		this.dataType = TYPES.constructCollectionType(List.class, rowType);
	}

	@Override
	public Mono<String> create(ReportKey key) {
		return this.client.createAsyncReport(this.credentials, this.region, this.profileId, this.request)
			.map(AdsReport::reportId)
			// Amazon still processes the same request (ours from before a restart, or
			// another
			// replica's): follow that report rather than fail or start a second one.
			.onErrorResume((ex) -> ex instanceof DuplicateReportException duplicate && duplicate.duplicateOf() != null,
					(ex) -> {
						String existing = ((DuplicateReportException) ex).duplicateOf();
						logger.info("Report {} duplicates upstream report {}, following that one", key, existing);
						return Mono.just(existing);
					});
	}

	@Override
	public Mono<Status> poll(String reportId) {
		return this.client.getAsyncReport(this.credentials, this.region, this.profileId, reportId)
			.map(AdsReportFlow::status);
	}

	@Override
	public Mono<List<R>> download(String documentRef) {
		return this.client.downloadReport(documentRef).map((list) -> list.stream().map(this.rows).toList());
	}

	@Override
	public JavaType dataType() {
		return this.dataType;
	}

	static Status status(AdsReport report) {
		if (report.status() == null) {
			return Status.inProgress();
		}
		return switch (report.status()) {
			// COMPLETED without a link cannot be downloaded yet; the next poll may carry
			// one,
			// and the engine's maximum wait bounds how long we believe that.
			case COMPLETED -> (report.url() != null && !report.url().isBlank())
					? Status.done(report.url(), report.generatedAt()) : Status.inProgress();
			case FAILED -> Status.failed(report.failureReason());
			case PENDING, PROCESSING, UNKNOWN -> Status.inProgress();
		};
	}

}
