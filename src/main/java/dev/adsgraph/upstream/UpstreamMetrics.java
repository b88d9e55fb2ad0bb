package dev.adsgraph.upstream;

import java.time.Duration;

/**
 * What the upstream clients report about their calls, for metrics. The clients know
 * nothing of the metrics library: the application supplies an implementation, clients
 * built by hand get {@link #NONE}. Every tag value passed here comes from a small fixed
 * set (the catalogues' operations, HTTP statuses, the codes below), never from a caller's
 * input.
 */
public interface UpstreamMetrics {

	UpstreamMetrics NONE = new UpstreamMetrics() {
	};

	/**
	 * The {@code status} of an attempt that was sent but got no HTTP answer (connect
	 * error, timeout).
	 */
	String NO_ANSWER = "no_answer";

	/** The {@code status} of an attempt its caller abandoned before the answer. */
	String CANCELLED = "cancelled";

	/**
	 * One attempt of an upstream call ended.
	 * @param operation the catalogue entry called (its upstream and id are the tags)
	 * @param status the HTTP status, {@link #NO_ANSWER}, {@link #CANCELLED}, or the code
	 * of a refusal decided on this side (a circuit open, too many calls in flight, a rate
	 * limit or back-off that would wait too long); a refusal took no time at the upstream
	 * and has a zero duration
	 * @param duration from sending the request to the answer's headers
	 */
	default void attempt(UpstreamOperation operation, String status, Duration duration) {
	}

	/**
	 * A failed attempt is about to be repeated; {@code reason} is what it failed with.
	 */
	default void retry(UpstreamOperation operation, String reason) {
	}

	/**
	 * A call waited for its SP-API rate-limit token (zero when one was there at once).
	 * @param outcome {@code granted}, {@code refused} (it would have waited too long) or
	 * {@link #CANCELLED}
	 */
	default void rateLimitWait(UpstreamOperation operation, String outcome, Duration waited) {
	}

	/**
	 * One LWA access token refresh ended, retries included; {@code outcome} is
	 * {@code success} or {@code failure}.
	 */
	default void lwaRefresh(String outcome) {
	}

}
