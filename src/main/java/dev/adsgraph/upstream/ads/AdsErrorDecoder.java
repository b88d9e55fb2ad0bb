package dev.adsgraph.upstream.ads;

import dev.adsgraph.upstream.RetryAfter;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.upstream.UpstreamException;

import org.springframework.http.HttpHeaders;

/**
 * Turns every error shape the Ads API answers in (shared/reference/amazon-apis.md section
 * 5) into one {@link UpstreamException}. The shape is recognised from the body rather
 * than from the operation, because Amazon's gateways answer some errors (throttling, 5xx
 * pages) in a shape other than the one the operation's spec declares.
 */
final class AdsErrorDecoder {

	static final String UPSTREAM = "ads";

	static final String REQUEST_ID = "x-amzn-RequestId";

	private final Clock clock;

	AdsErrorDecoder(Clock clock) {
		this.clock = clock;
	}

	UpstreamException decode(String operation, int status, HttpHeaders headers, String body) {
		CodeAndMessage parsed = parse(body);
		String message = (parsed.message() != null) ? parsed.message() : "HTTP " + status;
		boolean retryable = status == 429 || status >= 500;
		return new UpstreamException(UPSTREAM, operation, status, parsed.code(), message, headers.getFirst(REQUEST_ID),
				retryable, retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER)));
	}

	/** A 2xx whose body we cannot read: Amazon's fault, and another try may well work. */
	UpstreamException invalidAnswer(String operation, int status, HttpHeaders headers, String message) {
		return new UpstreamException(UPSTREAM, operation, status, "invalid_response", message,
				headers.getFirst(REQUEST_ID), true, null);
	}

	private static CodeAndMessage parse(String body) {
		JsonNode json;
		try {
			json = (body == null || body.isBlank()) ? null : JsonMapper.shared().readTree(body);
		}
		catch (JacksonException ex) {
			json = null; // an HTML error page from a gateway: only the status is known
		}
		if (json == null || !json.isObject()) {
			return new CodeAndMessage(null, null);
		}
		JsonNode errors = json.get("errors");
		if (errors != null && errors.isArray() && !errors.isEmpty()) {
			return parseErrorList(errors);
		}
		// Generic {code, details}, reporting v3 {code: "<status>", detail}, v1 {code,
		// message},
		// GetAccount's {message}: the same two slots under different names.
		return new CodeAndMessage(text(json, "code"), firstText(json, "message", "details", "detail"));
	}

	/**
	 * Advertising Accounts' V2 shape {@code {errors: [{errorCode, errorId,
	 * errorMessage}]}}: the first error names the code; every message is kept because a
	 * 400 may list several fields.
	 */
	private static CodeAndMessage parseErrorList(JsonNode errors) {
		JsonNode first = errors.get(0);
		String code = firstText(first, "errorCode", "code");
		List<String> messages = new ArrayList<>();
		for (JsonNode error : errors) {
			String message = firstText(error, "errorMessage", "message");
			if (message != null) {
				messages.add(message);
			}
		}
		return new CodeAndMessage(code, messages.isEmpty() ? null : String.join("; ", messages));
	}

	private static String firstText(JsonNode json, String... fields) {
		for (String field : fields) {
			String value = text(json, field);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static String text(JsonNode json, String field) {
		JsonNode value = (json != null && json.isObject()) ? json.get(field) : null;
		return (value != null && value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

	Duration retryAfter(String value) {
		return RetryAfter.parse(value, this.clock);
	}

	private record CodeAndMessage(String code, String message) {
	}

}
