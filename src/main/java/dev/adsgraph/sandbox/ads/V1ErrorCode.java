package dev.adsgraph.sandbox.ads;

import java.util.Arrays;

/**
 * The values of the v1 {@code ErrorCode} enum (AmazonAdsAPIALLMerged_prod_3p_ALL.json)
 * the sandbox answers with; only real enum values, so a strict client's enum parsing
 * never breaks.
 */
enum V1ErrorCode {

	ACCESS_DENIED_FOR_MANAGER_ACCOUNT, ACCOUNT_ALREADY_EXISTS_FOR_SELLING_ACCOUNT, ACCOUNT_ALREADY_EXISTS_FOR_VENDOR,
	ACTION_NOT_SUPPORTED, ADDRESS_BUSINESS_NAME_TOO_LONG, ARCHIVED_RESOURCE_CANNOT_EDIT, BAD_REQUEST, CONTENT_TOO_LARGE,
	DUPLICATE_RESOURCE_ID_FOUND, FIELD_SIZE_IS_OUT_OF_RANGE, FIELD_VALUE_CANNOT_EDIT,
	FIELD_VALUE_IS_ABOVE_MAXIMUM_LIMIT, FIELD_VALUE_IS_BELOW_MINIMUM_LIMIT, FIELD_VALUE_IS_EMPTY,
	FIELD_VALUE_IS_INVALID, FIELD_VALUE_IS_OUT_OF_RANGE, FIELD_VALUE_IS_NULL, FIELD_VALUE_MISMATCH,
	FIELD_VALUE_MUST_BE_EMPTY_OR_NULL, FIELD_VALUE_NOT_FOUND, FORBIDDEN, INTERNAL_ERROR, INVALID_WEBSITE_URL,
	INVALID_ZIP_CODE, MISSING_ADDRESS_LINE_ONE, MISSING_BUSINESS_NAME, MISSING_CITY, MISSING_COUNTRY_CODE,
	MISSING_STATE, MISSING_ZIP_CODE, NOT_FOUND, RESOURCE_IS_IN_TERMINAL_STATE, TOO_MANY_REQUESTS, UNAUTHORIZED,
	UNSUPPORTED_MARKETPLACE;

	static boolean isV1(String code) {
		return Arrays.stream(values()).anyMatch((value) -> value.name().equals(code));
	}

	/**
	 * The v1 value for a status, for failures raised by code shared with other families.
	 */
	static V1ErrorCode forStatus(int status) {
		return switch (status) {
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 413 -> CONTENT_TOO_LARGE;
			case 429 -> TOO_MANY_REQUESTS;
			default -> (status >= 500) ? INTERNAL_ERROR : BAD_REQUEST;
		};
	}

}
