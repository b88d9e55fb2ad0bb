package dev.adsgraph.upstream.sp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * reports_2021-06-30.json ReportDocument. {@code url} is presigned: whoever holds it may
 * read the report for five minutes, so it is a secret and {@link #toString()} leaves it
 * out.
 *
 * @param compressionAlgorithm {@code GZIP} or null for an uncompressed document
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportDocument(String reportDocumentId, String url, String compressionAlgorithm) {

	@Override
	public String toString() {
		return "ReportDocument[reportDocumentId=" + this.reportDocumentId + ", url=***, compressionAlgorithm="
				+ this.compressionAlgorithm + "]";
	}

}
