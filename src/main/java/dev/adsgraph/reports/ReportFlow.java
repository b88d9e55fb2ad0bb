package dev.adsgraph.reports;

import java.time.Instant;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * How one upstream makes a report, the strategy {@link ReportEngine} drives: request it,
 * ask how it is doing, fetch the finished document. The Ads API (createAsyncReport,
 * getAsyncReport, the presigned file) and the SP-API (createReport, getReport,
 * getReportDocument) both fit. An instance is bound to the caller's credentials and
 * scope; the engine uses the instance of whoever asked first for as long as that report
 * runs.
 * <p>
 * Errors are {@link dev.adsgraph.upstream.UpstreamException}s: retryable ones make the
 * engine back off and try again, any other ends the report as failed.
 *
 * @param <T> the report's data once downloaded and parsed
 */
public interface ReportFlow<T> {

	/**
	 * Requests the report; answers its upstream id, which may be that of an identical
	 * report already running.
	 */
	Mono<String> create(ReportKey key);

	/** The report's state; empty counts as still in progress. */
	Mono<Status> poll(String reportId);

	/** The document of a {@link State#DONE} report, parsed. */
	Mono<T> download(String documentRef);

	/**
	 * The type of the parsed report, {@code T}, for reading a result another replica
	 * stored (Redis mode); null keeps this flow's reports to the replica that runs them.
	 */
	default JavaType dataType() {
		return null;
	}

	enum State {

		IN_PROGRESS, DONE, FAILED

	}

	/**
	 * @param documentRef what {@link #download} needs, set when DONE (a presigned URL for
	 * Ads, a reportDocumentId for the SP-API); may be a credential, so never logged
	 * @param failure the upstream's reason, when FAILED
	 * @param generatedAt when the upstream produced the data, if it says
	 */
	record Status(State state, String documentRef, String failure, Instant generatedAt) {

		public static Status inProgress() {
			return new Status(State.IN_PROGRESS, null, null, null);
		}

		public static Status done(String documentRef, Instant generatedAt) {
			return new Status(State.DONE, documentRef, null, generatedAt);
		}

		public static Status failed(String failure) {
			return new Status(State.FAILED, null, failure, null);
		}

		@Override
		public String toString() {
			return "Status[state=" + this.state + ", documentRef=" + ((this.documentRef != null) ? "***" : null)
					+ ", failure=" + this.failure + ", generatedAt=" + this.generatedAt + "]";
		}

	}

}
