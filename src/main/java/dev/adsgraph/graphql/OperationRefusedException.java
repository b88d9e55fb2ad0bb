package dev.adsgraph.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.execution.AbortExecutionException;

/**
 * An operation the transport it came on cannot carry, refused before execution; see
 * {@link HttpOperationsInstrumentation}. graphql-java turns it into the only error of a
 * result without data; {@link ErrorCodesInterceptor} gives it its code's classification.
 */
class OperationRefusedException extends AbortExecutionException {

	private final Map<String, Object> extensions;

	OperationRefusedException(String code, String message, String correlationId) {
		super(message);
		Map<String, Object> ext = new LinkedHashMap<>();
		ext.put("code", code);
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
