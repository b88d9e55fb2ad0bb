package dev.adsgraph.upstream.resilience;

import java.util.Objects;

import dev.adsgraph.upstream.UpstreamOperation;

/**
 * One call as the resilience policy sees it.
 *
 * @param operation the catalogue entry: upstream, id and whether repeating it is safe
 * @param region {@code na}, {@code eu}, {@code fe}, or {@code global} for LWA
 * @param tenant a key of the credentials the call is made with, so a 429 slows down only
 * the tenant that drew it; null when not applicable
 */
public record UpstreamCall(UpstreamOperation operation, String region, String tenant) {

	public UpstreamCall {
		Objects.requireNonNull(operation, "operation");
		Objects.requireNonNull(region, "region");
	}

	/** {@code ads}, {@code sp} or {@code lwa}. */
	public String upstream() {
		return this.operation.upstream();
	}

	/** Whether repeating it cannot change anything at Amazon (reads, token requests). */
	public boolean safe() {
		return this.operation.safeToRepeat();
	}

}
