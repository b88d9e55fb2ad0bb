package dev.adsgraph.sandbox.core;

/**
 * A 4xx (or 5xx) answer a handler decided on. {@code code} is rendered by the operation's
 * {@link dev.adsgraph.sandbox.ads.ErrorFamily}; handlers of v1 operations use v1
 * ErrorCode names directly.
 */
public final class ApiException extends RuntimeException {

	private final int status;

	private final String code;

	public ApiException(int status, String code, String message) {
		// An expected answer, not a failure: no stack trace to fill.
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	public static ApiException badRequest(String code, String message) {
		return new ApiException(400, code, message);
	}

	public int status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

}
