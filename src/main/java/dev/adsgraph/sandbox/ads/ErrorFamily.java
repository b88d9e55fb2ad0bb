package dev.adsgraph.sandbox.ads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.fixtures.Review;

/**
 * The Ads API answers errors in several incompatible shapes, one per resource family
 * (shared/reference/amazon-apis.md section 5); a faithful simulator must use each in its
 * place.
 */
public enum ErrorFamily {

	/** Profiles and unmatched paths: the generic Ads shape {@code {code, details}}. */
	GENERIC {
		@Override
		Object body(int status, String code, String message) {
			return ordered("code", code, "details", message);
		}
	},

	/**
	 * {@code /adsAccounts} and {@code /termsTokens}: {@code {errors: [{errorCode,
	 * errorId, errorMessage}]}}.
	 */
	ACCOUNTS_V2 {
		@Override
		Object body(int status, String code, String message) {
			return Map.of("errors", List.of(new Review.AccountError(code, errorId(code), message)));
		}
	},

	/** {@code GET /adsAccounts/{id}}: {@code {message}}. */
	MESSAGE {
		@Override
		Object body(int status, String code, String message) {
			return Map.of("message", message);
		}
	},

	/**
	 * Reporting v3 ({@code AsyncReportingError}): {@code {code: "<HTTP status>",
	 * detail}}.
	 */
	REPORTING {
		@Override
		Object body(int status, String code, String message) {
			return ordered("code", Integer.toString(status), "detail", message);
		}
	},

	/**
	 * Billing statuses ({@code bulkGetBillingStatusErrorResponse},
	 * AdvertisingBilling_prod_3p.json): {@code {message}}, in the operation's own error
	 * media type.
	 */
	BILLING_STATUS {
		@Override
		Object body(int status, String code, String message) {
			return Map.of("message", message);
		}

		@Override
		String contentType() {
			return "application/vnd.bulkgetbillingstatuserrorresponse.v1+json";
		}
	},

	/**
	 * Billing notifications ({@code bulkGetBillingNotificationsErrorResponse}):
	 * {@code {code, message}}, in the operation's own error media type.
	 */
	BILLING_NOTIFICATIONS {
		@Override
		Object body(int status, String code, String message) {
			return ordered("code", code, "message", message);
		}

		@Override
		String contentType() {
			return "application/vnd.bulkgetbillingnotificationserrorresponse.v1+json";
		}
	},

	/** Ads API v1: {@code {code, message}} with a v1 ErrorCode value. */
	V1 {
		@Override
		Object body(int status, String code, String message) {
			String v1Code = V1ErrorCode.isV1(code) ? code : V1ErrorCode.forStatus(status).name();
			return ordered("code", v1Code, "message", message);
		}
	},

	/**
	 * Manager accounts ({@code /managerAccounts}): {@code ErrorDetail {code, message}},
	 * the code one of BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, TOO_MANY_REQUESTS,
	 * INTERNAL_SERVICE_ERROR, by status.
	 */
	MANAGER_ACCOUNTS {
		@Override
		Object body(int status, String code, String message) {
			String detail = switch (status) {
				case 400, 406, 413, 415 -> "BAD_REQUEST";
				case 401 -> "UNAUTHORIZED";
				case 403 -> "FORBIDDEN";
				case 429 -> "TOO_MANY_REQUESTS";
				default -> "INTERNAL_SERVICE_ERROR";
			};
			return ordered("code", detail, "message", message);
		}
	};

	abstract Object body(int status, String code, String message);

	/** The media type of the family's errors. */
	String contentType() {
		return Reply.JSON;
	}

	/** Amazon's 429 text in this family, from its model where it gives one. */
	String tooManyRequests() {
		return switch (this) {
			// RateExceededExceptionResponseContent (AdvertisingAccounts_prod_3p.json).
			case ACCOUNTS_V2, MESSAGE -> "Maximum sending rate exceeded.";
			// The 429 of every reporting operation (OfflineReport_prod_3p.json), in the
			// family's reason-phrase style ({"code":"404","detail":"Not Found"}).
			case REPORTING -> "Too Many Requests";
			// ErrorCode TOO_MANY_REQUESTS (AmazonAdsAPIALLMerged_prod_3p_ALL.json).
			case V1 -> "There have been too many requests, please slow down your call rate.";
			// Profiles: the model gives no text; the status's reason phrase.
			// Billing: the model gives no text; the status's reason phrase.
			case GENERIC, MANAGER_ACCOUNTS, BILLING_STATUS, BILLING_NOTIFICATIONS -> "Too Many Requests";
		};
	}

	// Readers expect the code first; Map.of would shuffle the two members.
	public static Map<String, String> ordered(String firstKey, String first, String secondKey, String second) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put(firstKey, first);
		body.put(secondKey, second);
		return body;
	}

	Reply reply(ApiException ex) {
		return new Reply(ex.status(), contentType(), body(ex.status(), ex.code(), ex.getMessage()));
	}

	/**
	 * Amazon's errorId is an opaque number for its support; deriving it from the code
	 * keeps it stable, so logs and tests can match on it.
	 */
	static long errorId(String code) {
		return 100_000L + Math.floorMod(code.hashCode(), 900_000);
	}

}
