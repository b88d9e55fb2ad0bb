package dev.adsgraph.upstream;

import java.time.Duration;

/**
 * The one typed error every upstream failure is decoded into, whatever shape the upstream
 * answered in. {@code message} is the upstream's own text and is for logs only: the
 * GraphQL layer decides what a caller sees.
 */
public class UpstreamException extends RuntimeException {

	private final String upstream;

	private final String operation;

	private final int httpStatus;

	private final String code;

	private final String requestId;

	private final boolean retryable;

	private final Duration retryAfter;

	private final String upstreamMessage;

	public UpstreamException(String upstream, String operation, int httpStatus, String code, String message,
			String requestId, boolean retryable, Duration retryAfter) {
		super(upstream + " " + operation + " failed: HTTP " + httpStatus + (code != null ? " " + code : "")
				+ (message != null ? " - " + message : ""));
		this.upstream = upstream;
		this.operation = operation;
		this.httpStatus = httpStatus;
		this.code = code;
		this.requestId = requestId;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
		this.upstreamMessage = message;
	}

	/**
	 * The upstream's own explanation, may be null. Shown to callers only as a business
	 * rule in a user error.
	 */
	public String upstreamMessage() {
		return this.upstreamMessage;
	}

	/** {@code ads}, {@code lwa} or {@code sp}. */
	public String upstream() {
		return this.upstream;
	}

	/** The operation id of the spec, for example {@code GetAccount}. */
	public String operation() {
		return this.operation;
	}

	/**
	 * HTTP status of the upstream answer; 0 when no answer arrived (connect error,
	 * timeout).
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

	/**
	 * The upstream's own error code (for example {@code invalid_grant},
	 * {@code NOT_FOUND}), may be null.
	 */
	public String code() {
		return this.code;
	}

	/** The upstream request id ({@code x-amzn-RequestId}), may be null. */
	public String requestId() {
		return this.requestId;
	}

	public boolean retryable() {
		return this.retryable;
	}

	/** From {@code Retry-After}, may be null. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	public boolean isNotFound() {
		return this.httpStatus == 404;
	}

	public boolean isClientError() {
		return this.httpStatus >= 400 && this.httpStatus < 500;
	}

}
