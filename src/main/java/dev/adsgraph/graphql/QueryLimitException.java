package dev.adsgraph.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.execution.AbortExecutionException;

/**
 * A request refused by a query limit before execution: graphql-java turns it into the
 * only error of a result without data. Its extensions name the limit and its value.
 */
class QueryLimitException extends AbortExecutionException {

	static final String TOO_COMPLEX = "QUERY_TOO_COMPLEX";

	static final String BAD_USER_INPUT = "BAD_USER_INPUT";

	private final Map<String, Object> extensions;

	QueryLimitException(String code, String limit, long max, String message, String correlationId) {
		super(message);
		Map<String, Object> ext = new LinkedHashMap<>();
		ext.put("code", code);
		ext.put("limit", limit);
		ext.put("max", max);
		ext.put("correlationId", (correlationId != null) ? correlationId : "none");
		this.extensions = ext;
	}

	@Override
	public Map<String, Object> getExtensions() {
		return this.extensions;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
