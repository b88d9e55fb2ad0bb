package dev.adsgraph.upstream.resilience;

/**
 * One call as the resilience policy sees it.
 *
 * @param upstream {@code ads}, {@code sp} or {@code lwa}
 * @param region {@code na}, {@code eu}, {@code fe}, or {@code global} for LWA
 * @param operation the spec's operation id
 * @param safe whether repeating it cannot change anything at Amazon (reads, token
 * requests)
 * @param tenant a key of the credentials the call is made with, so a 429 slows down only
 * the tenant that drew it; null when not applicable
 */
public record UpstreamCall(String upstream, String region, String operation, boolean safe, String tenant) {

	public static UpstreamCall read(String upstream, String region, String operation, String tenant) {
		return new UpstreamCall(upstream, region, operation, true, tenant);
	}

	public static UpstreamCall write(String upstream, String region, String operation, String tenant) {
		return new UpstreamCall(upstream, region, operation, false, tenant);
	}

}
