package dev.adsgraph.graphql;

import java.time.Duration;
import java.util.Map;

import dev.adsgraph.upstream.UpstreamException;

import org.springframework.graphql.execution.ErrorType;

/**
 * An error that ended something on one replica, in a form another replica can read (as
 * JSON) and turn back into an exception that {@link GraphQlErrors} describes exactly as
 * it would the original: the errors callers see by type ({@link CodedException},
 * {@link NotFoundException}, {@link BadUserInputException}, {@link UpstreamException})
 * keep everything the description uses; any other becomes an internal error, as it would
 * have been. Used by the shared subscription pollers of Redis mode, whose error ends the
 * subscriptions of every replica.
 *
 * @param kind {@code coded}, {@code notFound}, {@code badUserInput}, {@code upstream} or
 * {@code internal}
 * @param message the exception's message (an upstream's: for the log only, as there)
 * @param code a coded error's code, or the upstream's own error code
 * @param type a coded error's classification
 * @param extensions a coded error's further extensions
 * @param upstream {@code ads}, {@code lwa} or {@code sp}, for an upstream error
 * @param operation the upstream operation id
 * @param httpStatus the upstream's status
 * @param requestId the upstream request id
 * @param retryable whether the upstream error may be retried
 * @param retryAfterMillis the upstream's {@code Retry-After}, or null
 */
public record PortableError(String kind, String message, String code, String type, Map<String, Object> extensions,
		String upstream, String operation, int httpStatus, String requestId, boolean retryable, Long retryAfterMillis) {

	public static PortableError of(Throwable ex) {
		if (ex instanceof BadUserInputException) {
			return simple("badUserInput", ex.getMessage());
		}
		if (ex instanceof CodedException coded) {
			return new PortableError("coded", coded.getMessage(), coded.code(), coded.type().name(), coded.extensions(),
					null, null, 0, null, false, null);
		}
		if (ex instanceof NotFoundException) {
			return simple("notFound", ex.getMessage());
		}
		if (ex instanceof UpstreamException up) {
			return new PortableError("upstream", up.upstreamMessage(), up.code(), null, null, up.upstream(),
					up.operation(), up.httpStatus(), up.requestId(), up.retryable(),
					(up.retryAfter() != null) ? up.retryAfter().toMillis() : null);
		}
		return simple("internal", ex.getClass().getName() + ": " + ex.getMessage());
	}

	private static PortableError simple(String kind, String message) {
		return new PortableError(kind, message, null, null, null, null, null, 0, null, false, null);
	}

	/** An exception of the original's kind, described to callers as the original. */
	public RuntimeException toException() {
		return switch ((this.kind != null) ? this.kind : "internal") {
			case "badUserInput" -> new BadUserInputException(this.message);
			case "coded" -> new CodedException(this.code, ErrorType.valueOf(this.type), this.message, this.extensions);
			case "notFound" -> new NotFoundException(this.message);
			case "upstream" -> new UpstreamException(this.upstream, this.operation, this.httpStatus, this.code,
					this.message, this.requestId, this.retryable,
					(this.retryAfterMillis != null) ? Duration.ofMillis(this.retryAfterMillis) : null);
			default -> new IllegalStateException("Failed on another replica: " + this.message);
		};
	}

}
