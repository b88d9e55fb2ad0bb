package dev.adsgraph.upstream.sp;

import dev.adsgraph.upstream.RetryAfter;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.upstream.UpstreamException;

import org.springframework.http.HttpHeaders;

/**
 * Turns SP-API error answers into one {@link UpstreamException}. Both envelope families
 * carry their errors in an {@code errors} array (dated APIs as {@code {errors}}, v0/v1
 * APIs as {@code {payload, errors}}), so one reader serves both; answers from Amazon's
 * gateways in front of the API (a bare {@code {message}}, an HTML page) keep at least
 * their status.
 */
final class SpErrorDecoder {

	static final String UPSTREAM = "sp";

	static final String REQUEST_ID = "x-amzn-RequestId";

	private final Clock clock;

	SpErrorDecoder(Clock clock) {
		this.clock = clock;
	}

	UpstreamException decode(String operation, int status, HttpHeaders headers, String body) {
		return fromErrors(operation, status, headers, parse(body));
	}

	/**
	 * Also used for a v0/v1 2xx whose wrapper has errors and no payload: the models
	 * describe {@code errors} as present only when a request is unsuccessful.
	 */
	UpstreamException fromErrors(String operation, int status, HttpHeaders headers, List<SpError> errors) {
		String code = errors.isEmpty() ? null : errors.get(0).code();
		List<String> texts = new ArrayList<>();
		for (SpError error : errors) {
			String text = describe(error);
			if (text != null) {
				texts.add(text);
			}
		}
		String message = texts.isEmpty() ? "HTTP " + status : String.join("; ", texts);
		boolean retryable = status == 429 || status >= 500;
		return new UpstreamException(UPSTREAM, operation, status, code, message, headers.getFirst(REQUEST_ID),
				retryable, retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER)));
	}

	/** A 2xx we cannot use: Amazon's fault, and another try may well work. */
	UpstreamException invalidAnswer(String operation, int status, HttpHeaders headers, String message) {
		return new UpstreamException(UPSTREAM, operation, status, "invalid_response", message,
				headers.getFirst(REQUEST_ID), true, null);
	}

	/**
	 * "message (details)": the details of a 403 are what tell an expired token from a
	 * missing role.
	 */
	private static String describe(SpError error) {
		String message = blankToNull(error.message());
		String details = blankToNull(error.details());
		if (message == null) {
			return details;
		}
		return (details != null) ? message + " (" + details + ")" : message;
	}

	/** The errors of any SP-API error body; empty when the body has none we can read. */
	static List<SpError> parse(String body) {
		JsonNode json;
		try {
			json = (body == null || body.isBlank()) ? null : JsonMapper.shared().readTree(body);
		}
		catch (JacksonException ex) {
			return List.of(); // an HTML error page from a gateway: only the status is
								// known
		}
		if (json == null) {
			return List.of();
		}
		JsonNode errors = json.isArray() ? json : json.get("errors");
		List<SpError> parsed = new ArrayList<>();
		if (errors != null && errors.isArray()) {
			for (JsonNode error : errors) {
				parsed.add(new SpError(text(error, "code"), text(error, "message"), text(error, "details")));
			}
		}
		if (parsed.isEmpty() && json.isObject() && (json.has("code") || json.has("message"))) {
			// API Gateway's own answers (throttling, missing route) are a flat {message}.
			parsed.add(new SpError(text(json, "code"), text(json, "message"), text(json, "details")));
		}
		return parsed;
	}

	/**
	 * Whether Amazon refused the access token itself (expired, revoked, malformed) rather
	 * than the caller's rights: a 401, or a 403 whose errors speak of the token. A 403
	 * for a missing role does not, and dropping a good token for it would only cost an
	 * LWA call per request.
	 */
	static boolean rejectsAccessToken(int status, String body) {
		if (status == 401) {
			return true;
		}
		if (status != 403) {
			return false;
		}
		for (SpError error : parse(body)) {
			String text = (error.code() + " " + error.message() + " " + error.details()).toLowerCase(Locale.ROOT);
			if (text.contains("token")) {
				return true;
			}
		}
		return false;
	}

	private static String text(JsonNode json, String field) {
		JsonNode value = (json != null && json.isObject()) ? json.get(field) : null;
		return (value != null && value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	Duration retryAfter(String value) {
		return RetryAfter.parse(value, this.clock);
	}

}
