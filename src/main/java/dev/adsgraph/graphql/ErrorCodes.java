package dev.adsgraph.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.introspection.GoodFaithIntrospection;

import org.springframework.graphql.execution.ErrorType;

/**
 * The one list of {@code extensions.code} values a GraphQL error of the gateway carries,
 * each with the one {@code classification} it travels with (docs/errors.md shows the same
 * table). The code is the precise reason a client switches on; the classification is its
 * family: Spring for GraphQL's {@link ErrorType} for errors of a request that ran,
 * graphql-java's {@link graphql.ErrorType} for a document that never ran. The HTTP-level
 * refusals (401, 413, 429, 400 before execution) carry a code and no classification.
 */
public final class ErrorCodes {

	public static final String GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED";

	public static final String GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";

	public static final String BAD_USER_INPUT = "BAD_USER_INPUT";

	public static final String BAD_REQUEST = "BAD_REQUEST";

	public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";

	public static final String QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";

	public static final String NOT_FOUND = "NOT_FOUND";

	public static final String PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";

	public static final String PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED";

	public static final String PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH";

	public static final String PERSISTED_QUERY_NOT_ALLOWED = "PERSISTED_QUERY_NOT_ALLOWED";

	public static final String INTERNAL = "INTERNAL";

	private static final Map<String, ErrorClassification> CLASSIFICATIONS = new LinkedHashMap<>();

	static {
		CLASSIFICATIONS.put(GRAPHQL_PARSE_FAILED, graphql.ErrorType.InvalidSyntax);
		CLASSIFICATIONS.put(GRAPHQL_VALIDATION_FAILED, graphql.ErrorType.ValidationError);
		CLASSIFICATIONS.put(BAD_USER_INPUT, ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put(BAD_REQUEST, ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put(METHOD_NOT_ALLOWED, ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put(QUERY_TOO_COMPLEX, ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put(PERSISTED_QUERY_NOT_FOUND, ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put(PERSISTED_QUERY_NOT_SUPPORTED, ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put(PERSISTED_QUERY_HASH_MISMATCH, ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put(PERSISTED_QUERY_NOT_ALLOWED, ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put(NOT_FOUND, ErrorType.NOT_FOUND);
		CLASSIFICATIONS.put("UPSTREAM_RATE_LIMITED", ErrorType.INTERNAL_ERROR);
		CLASSIFICATIONS.put("UPSTREAM_AUTH", ErrorType.FORBIDDEN);
		CLASSIFICATIONS.put(NoConnectionException.CODE, ErrorType.FORBIDDEN);
		CLASSIFICATIONS.put("UPSTREAM_REJECTED", ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put("UPSTREAM_UNAVAILABLE", ErrorType.INTERNAL_ERROR);
		CLASSIFICATIONS.put("CONNECTION_NEEDS_REAUTHORIZATION", ErrorType.FORBIDDEN);
		CLASSIFICATIONS.put("IDEMPOTENCY_KEY_REUSED", ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put("IDEMPOTENCY_OUTCOME_UNKNOWN", ErrorType.INTERNAL_ERROR);
		CLASSIFICATIONS.put("SUBSCRIPTION_LIMIT", ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put("SUBSCRIPTION_EXPIRED", ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put("VENDOR_REPORT_RANGE", ErrorType.BAD_REQUEST);
		CLASSIFICATIONS.put(INTERNAL, ErrorType.INTERNAL_ERROR);
	}

	private ErrorCodes() {
	}

	/** Every code of a GraphQL error and its classification, in documentation order. */
	public static Map<String, ErrorClassification> classifications() {
		return Map.copyOf(CLASSIFICATIONS);
	}

	/** The classification of a code; {@code null} for a code not on the list. */
	public static ErrorClassification classification(String code) {
		return CLASSIFICATIONS.get(code);
	}

	/**
	 * The code of an error that came without one, from graphql-java's classification:
	 * documents that do not parse or do not validate (unknown field or operation name,
	 * wrong or missing variable), refusals before execution (graphql-java's check that
	 * introspection is asked in good faith: {@code QUERY_TOO_COMPLEX}).
	 */
	static String codeFor(GraphQLError error) {
		if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
			return QUERY_TOO_COMPLEX;
		}
		ErrorClassification classification = error.getErrorType();
		if (classification == graphql.ErrorType.InvalidSyntax) {
			return GRAPHQL_PARSE_FAILED;
		}
		if (classification == graphql.ErrorType.ValidationError) {
			return GRAPHQL_VALIDATION_FAILED;
		}
		if (classification == graphql.ErrorType.OperationNotSupported) {
			return BAD_REQUEST;
		}
		if (classification == graphql.ErrorType.ExecutionAborted) {
			// graphql-java's own refusals before execution: introspection asked in bad
			// faith
			return QUERY_TOO_COMPLEX;
		}
		if (classification == ErrorType.BAD_REQUEST) {
			return BAD_USER_INPUT;
		}
		if (classification == ErrorType.NOT_FOUND) {
			return NOT_FOUND;
		}
		return INTERNAL;
	}

}
