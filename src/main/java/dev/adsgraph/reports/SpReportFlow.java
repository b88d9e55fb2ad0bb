package dev.adsgraph.reports;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.sp.CreateReportSpecification;
import dev.adsgraph.upstream.sp.Report;
import dev.adsgraph.upstream.sp.SellingPartnerApiClient;
import dev.adsgraph.upstream.sp.SpCredentials;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * The SP-API reports flow (reports_2021-06-30.json): createReport, getReport until DONE,
 * getReportDocument for a fresh presigned URL, then the (gunzipped) document, parsed by
 * {@code parse}. The document URL expires after five minutes, so it is fetched at
 * download time, never kept.
 */
public final class SpReportFlow<T> implements ReportFlow<T> {

	private static final TypeFactory TYPES = TypeFactory.createDefaultInstance();

	private final SellingPartnerApiClient client;

	private final SpCredentials credentials;

	private final Region region;

	private final CreateReportSpecification specification;

	private final Function<byte[], T> parse;

	private final JavaType dataType;

	/**
	 * @param dataType what {@code parse} makes, for replicas that read the result another
	 * stored (Redis mode)
	 */
	public SpReportFlow(SellingPartnerApiClient client, SpCredentials credentials, Region region,
			CreateReportSpecification specification, Class<T> dataType, Function<byte[], T> parse) {
		this.client = client;
		this.credentials = credentials;
		this.region = region;
		this.specification = specification;
		this.parse = parse;
		this.dataType = TYPES.constructType(dataType);
	}

	@Override
	public Mono<String> create(ReportKey key) {
		return this.client.createReport(this.credentials, this.region, this.specification);
	}

	@Override
	public Mono<Status> poll(String reportId) {
		return this.client.getReport(this.credentials, this.region, reportId)
			.map(SpReportFlow::status)
			.switchIfEmpty(Mono.fromSupplier(() -> Status.failed("The report " + reportId + " no longer exists.")));
	}

	@Override
	public Mono<T> download(String reportDocumentId) {
		return this.client.getReportDocument(this.credentials, this.region, reportDocumentId)
			.flatMap(this.client::downloadReportDocument)
			// Parsing a large document is CPU work: off the event loop.
			.publishOn(Schedulers.parallel())
			.map(this.parse);
	}

	@Override
	public JavaType dataType() {
		return this.dataType;
	}

	private static Status status(Report report) {
		String state = (report.processingStatus() != null) ? report.processingStatus() : "IN_QUEUE";
		return switch (state) {
			case "DONE" -> (report.reportDocumentId() != null)
					? Status.done(report.reportDocumentId(), instant(report.processingEndTime()))
					: Status.failed("The report is done but has no document.");
			case "CANCELLED" -> Status.failed("The report was cancelled upstream (no data for the range).");
			case "FATAL" -> Status.failed("The report failed upstream (FATAL).");
			default -> Status.inProgress();
		};
	}

	private static Instant instant(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
