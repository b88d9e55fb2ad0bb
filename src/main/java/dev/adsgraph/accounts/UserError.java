package dev.adsgraph.accounts;

import java.util.List;

import dev.adsgraph.upstream.UpstreamException;

/**
 * The schema's {@code UserError}: a business error that mutation payloads carry as data.
 */
record UserError(String code, String message, List<String> field) {

	UserError {
		field = (field != null) ? List.copyOf(field) : List.of();
	}

	static UserError of(String code, String message, String... field) {
		return new UserError(code, message, List.of(field));
	}

	/**
	 * An upstream 4xx about the caller's input, as a user error: Amazon's code and its
	 * own explanation of the business rule, which is what the user needs to fix the
	 * input.
	 */
	static UserError fromUpstream(UpstreamException ex, String what) {
		String code = (ex.code() != null) ? ex.code() : "REJECTED";
		String reason = (ex.upstreamMessage() != null) ? ": " + ex.upstreamMessage() : ".";
		return new UserError(code, "Amazon rejected the " + what + reason, List.of());
	}

	/**
	 * Whether an upstream failure is about the input (a user error) rather than an
	 * outage.
	 */
	static boolean isAboutInput(UpstreamException ex) {
		return ex.httpStatus() == 400 || ex.httpStatus() == 403 || ex.httpStatus() == 409 || ex.httpStatus() == 422;
	}

}
