package dev.adsgraph.upstream.ads;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code AsyncReport} of OfflineReport_prod_3p.json, as createAsyncReport and
 * getAsyncReport answer it. {@code url} is set once COMPLETED and is a presigned download
 * link valid until {@code urlExpiresAt} (one hour by default): it is a bearer credential
 * for the file, so {@link #toString()} leaves it out.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AdsReport(String reportId, String name,
		@JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE) Status status,
		ReportConfiguration configuration, LocalDate startDate, LocalDate endDate, Instant createdAt, Instant updatedAt,
		Instant generatedAt, String url, Instant urlExpiresAt, Long fileSize, String failureReason) {

	public enum Status {

		PENDING, PROCESSING, COMPLETED, FAILED,

		/** A status this client does not know yet; treated as still in progress. */
		@JsonEnumDefaultValue
		UNKNOWN;

		public boolean isTerminal() {
			return this == COMPLETED || this == FAILED;
		}

	}

	@Override
	public String toString() {
		return "AdsReport[reportId=" + this.reportId + ", status=" + this.status + ", startDate=" + this.startDate
				+ ", endDate=" + this.endDate + ", generatedAt=" + this.generatedAt + ", url="
				+ ((this.url != null) ? "***" : null) + ", fileSize=" + this.fileSize + ", failureReason="
				+ this.failureReason + "]";
	}

}
