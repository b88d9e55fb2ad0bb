package dev.adsgraph.reports;

import java.time.Instant;
import java.util.Collection;

/**
 * What a caller gets for a report at one moment; never waits for the report to finish.
 *
 * @param status READY with {@code data}, PENDING while the upstream is still working,
 * FAILED with {@code failure}
 * @param data the parsed report, only when READY
 * @param asOf when the data was generated upstream (or downloaded, if the upstream does
 * not say), only when READY
 * @param failure why there is no data, only when FAILED
 * @param reportId the upstream report id, once the upstream has one (for support, not for
 * callers)
 * @param requestedAt when the report was asked for upstream
 * @param <T> the parsed report
 */
public record ReportResult<T>(Status status, T data, Instant asOf, ReportFailure failure, String reportId,
		Instant requestedAt) {

	public enum Status {

		READY, PENDING, FAILED;

		public boolean isTerminal() {
			return this != PENDING;
		}

	}

	static <T> ReportResult<T> pending(String reportId, Instant requestedAt) {
		return new ReportResult<>(Status.PENDING, null, null, null, reportId, requestedAt);
	}

	static <T> ReportResult<T> ready(T data, Instant asOf, String reportId, Instant requestedAt) {
		return new ReportResult<>(Status.READY, data, asOf, null, reportId, requestedAt);
	}

	static <T> ReportResult<T> failed(ReportFailure failure, String reportId, Instant requestedAt) {
		return new ReportResult<>(Status.FAILED, null, null, failure, reportId, requestedAt);
	}

	@Override
	public String toString() {
		// The data may be thousands of rows: logs get their count at most.
		String summary = (this.data instanceof Collection<?> rows) ? rows.size() + " rows"
				: (this.data != null) ? "present" : null;
		return "ReportResult[status=" + this.status + ", data=" + summary + ", asOf=" + this.asOf + ", failure="
				+ this.failure + ", reportId=" + this.reportId + ", requestedAt=" + this.requestedAt + "]";
	}

}
