package dev.adsgraph.upstream.ads;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.adsgraph.upstream.UpstreamException;

/**
 * createAsyncReport answered 425 Too Early: the same request is already being processed
 * (OfflineReport_prod_3p.json). Amazon names the report it duplicates in the detail text
 * ("The Request is a duplicate of : &lt;reportId&gt;"), which {@link #duplicateOf()}
 * carries so the caller can follow that report instead of failing. When the detail names
 * no report, the only remedy is to ask again later, so the error is retryable.
 */
public class DuplicateReportException extends UpstreamException {

	public static final String CODE = "DUPLICATE_REPORT";

	// Report ids are UUIDs in every example; the looser second pattern keeps a
	// differently
	// shaped id readable as long as Amazon keeps the "duplicate of" wording.
	private static final Pattern UUID = Pattern
		.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");

	private static final Pattern AFTER_DUPLICATE_OF = Pattern.compile("(?i)duplicate\\s+of\\s*:?\\s*([\\w.:-]+)");

	private final String duplicateOf;

	DuplicateReportException(String operation, String detail, String requestId, Duration retryAfter) {
		super(AdsErrorDecoder.UPSTREAM, operation, 425, CODE, detail, requestId, true, retryAfter);
		this.duplicateOf = reportIdIn(detail);
	}

	/**
	 * The id of the report this request duplicates, null when Amazon's text names none.
	 */
	public String duplicateOf() {
		return this.duplicateOf;
	}

	static String reportIdIn(String detail) {
		if (detail == null) {
			return null;
		}
		Matcher uuid = UUID.matcher(detail);
		if (uuid.find()) {
			return uuid.group();
		}
		Matcher after = AFTER_DUPLICATE_OF.matcher(detail);
		if (after.find()) {
			String id = after.group(1).replaceAll("[.:]+$", "");
			return id.isEmpty() ? null : id;
		}
		return null;
	}

}
