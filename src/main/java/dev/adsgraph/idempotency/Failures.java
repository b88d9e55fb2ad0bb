package dev.adsgraph.idempotency;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.graphql.NoConnectionException;
import dev.adsgraph.graphql.NotFoundException;
import dev.adsgraph.upstream.UpstreamException;

/**
 * Which failures of a mutation certainly changed nothing at Amazon. Only those free the
 * key for another execution: a repeat of anything else might do the same thing twice.
 */
final class Failures {

	private Failures() {
	}

	/**
	 * True when the request was refused before it reached Amazon, or by Amazon:
	 * <ul>
	 * <li>our own checks of the input (they run before any call);</li>
	 * <li>any Login with Amazon failure: without an access token no Ads API request is
	 * sent;</li>
	 * <li>an Ads API 4xx answer, 429 included: Amazon refused the request;</li>
	 * <li>no answer because no connection was made (refused, unreachable, unknown host,
	 * TLS handshake), or because our own client refused to send it (an
	 * {@link UpstreamException} with status 0 and no transport failure behind it, such as
	 * an open circuit breaker).</li>
	 * </ul>
	 * Everything else may have been carried out: a 5xx (Amazon may have written before
	 * failing), no answer after the request was sent (response timeout, connection closed
	 * early), a 2xx we could not read, an internal error after the call.
	 */
	static boolean changedNothing(Throwable ex) {
		if (ex instanceof BadUserInputException || ex instanceof NotFoundException
				|| ex instanceof NoConnectionException) {
			return true;
		}
		if (!(ex instanceof UpstreamException upstream)) {
			return false;
		}
		if ("lwa".equals(upstream.upstream()) || upstream.isClientError()) {
			return true;
		}
		return upstream.httpStatus() == 0 && neverSent(upstream);
	}

	private static boolean neverSent(UpstreamException ex) {
		if (ex.getCause() == null) {
			return true;
		}
		// Bounded: a cause chain can loop.
		Throwable cause = ex.getCause();
		for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
			// Netty's connect timeout is a ConnectException too.
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
					|| cause instanceof UnknownHostException || cause instanceof SSLHandshakeException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Why the outcome of a failure is unknown, as a phrase for the caller (never an
	 * upstream body).
	 */
	static String whyUnknown(Throwable ex) {
		if (ex instanceof UpstreamException upstream) {
			int status = upstream.httpStatus();
			if (status == 0) {
				return "Amazon did not answer (" + upstream.operation() + ")";
			}
			if (status >= 500) {
				return "Amazon answered HTTP " + status + " (" + upstream.operation() + ")";
			}
			return "Amazon's answer could not be read (" + upstream.operation() + ", HTTP " + status + ")";
		}
		return "it failed with an internal error";
	}

}
