package dev.adsgraph.reports;

/**
 * Why a report ended without data.
 *
 * @param reason what went wrong, in our terms
 * @param message the upstream's explanation (its failureReason or error text), for logs
 * and support; may be null
 * @param retryable whether asking again later may succeed; failed results are kept only
 * briefly either way
 * @param httpStatus the upstream HTTP status that ended the report, 0 when none did
 * @param code the upstream's error code, may be null
 */
public record ReportFailure(Reason reason, String message, boolean retryable, int httpStatus, String code) {

	public enum Reason {

		/** The upstream accepted the request and then reported the report as failed. */
		REPORT_FAILED,

		/**
		 * The upstream refused a call for good (a 4xx other than throttling): bad
		 * request, no access, unknown report.
		 */
		REJECTED,

		/** The report was not ready within the configured maximum wait. */
		TIMED_OUT,

		/** Anything else, such as a document that cannot be read. */
		ERROR

	}

}
