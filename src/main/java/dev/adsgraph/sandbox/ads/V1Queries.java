package dev.adsgraph.sandbox.ads;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.PageTokens;
import dev.adsgraph.sandbox.core.SandboxJson;

/**
 * Request parts the v1 query operations share: {@code *Filter.include}, maxResults and
 * nextToken.
 */
final class V1Queries {

	private V1Queries() {
	}

	/** The filter's include list as text, or null when the filter is absent. */
	static List<String> include(JsonNode body, String filter, int min, int max, Predicate<JsonNode> itemType,
			String typeName) {
		JsonNode value = body.get(filter);
		if (value == null || value.isNull()) {
			return null;
		}
		JsonNode include = value.path("include");
		if (!value.isObject() || !include.isArray()) {
			throw ApiException.badRequest(V1ErrorCode.FIELD_VALUE_IS_INVALID.name(),
					filter + " must be an object with an include array.");
		}
		if (include.size() < min || include.size() > max) {
			throw ApiException.badRequest(V1ErrorCode.FIELD_SIZE_IS_OUT_OF_RANGE.name(), filter + ".include must hold "
					+ ((min == max) ? "exactly " + min : min + " to " + max) + " items, had " + include.size() + ".");
		}
		List<String> values = new ArrayList<>();
		for (JsonNode item : include) {
			if (!itemType.test(item)) {
				throw ApiException.badRequest(V1ErrorCode.FIELD_VALUE_IS_INVALID.name(),
						filter + ".include must contain " + typeName + ".");
			}
			values.add(item.asString());
		}
		return values;
	}

	static int maxResults(JsonNode body) {
		return maxResults(body, 10, 100, 100);
	}

	/**
	 * {@code maxResults} between the operation's bounds, {@code absent} when not given.
	 */
	static int maxResults(JsonNode body, int min, int max, int absent) {
		JsonNode value = body.get("maxResults");
		if (value == null || value.isNull()) {
			return absent;
		}
		if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
			throw ApiException.badRequest(V1ErrorCode.FIELD_VALUE_IS_INVALID.name(), "maxResults must be an integer.");
		}
		int maxResults = value.asInt();
		if (maxResults < min || maxResults > max) {
			throw ApiException.badRequest(V1ErrorCode.FIELD_VALUE_IS_OUT_OF_RANGE.name(),
					"maxResults must be between " + min + " and " + max + ", was " + maxResults + ".");
		}
		return maxResults;
	}

	static int offset(JsonNode body, String listing, String userId, Object filters) {
		String nextToken = SandboxJson.string(body, "nextToken").orElse(null);
		if (nextToken == null) {
			return 0;
		}
		int offset = PageTokens.decode(nextToken, listing, userId, filters);
		if (offset < 0) {
			throw ApiException.badRequest(V1ErrorCode.FIELD_VALUE_IS_INVALID.name(),
					"nextToken was not issued for this query and user.");
		}
		return offset;
	}

}
