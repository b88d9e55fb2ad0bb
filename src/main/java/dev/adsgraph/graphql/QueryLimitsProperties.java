package dev.adsgraph.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code adsgraph.limits.*}: query cost controls, all checked before any resolver (and so
 * any upstream call) runs.
 *
 * @param maxDepth the deepest field nesting an operation may have (introspection fields
 * excepted)
 * @param maxComplexity the highest complexity an operation may have (see
 * {@link QueryComplexity})
 * @param defaultListWeight how many items a list field without {@code first} or
 * {@code asins} is assumed to return
 * @param maxAliases the most aliased fields a document may contain
 * @param maxDocumentChars the longest query document, in characters
 * @param maxOperations the most operations a document may define (one is executed per
 * request)
 * @param maxAsins the most ASINs all {@code products} fields of an operation may name
 * together
 * @param maxBodySize the largest HTTP request body on the GraphQL endpoint (HTTP 413
 * above)
 * @param introspection whether schema introspection is answered; mapped to
 * {@code spring.graphql.schema.introspection.enabled}
 */
@ConfigurationProperties("adsgraph.limits")
public record QueryLimitsProperties(Integer maxDepth, Integer maxComplexity, Integer defaultListWeight,
		Integer maxAliases, Integer maxDocumentChars, Integer maxOperations, Integer maxAsins, DataSize maxBodySize,
		Boolean introspection) {

	public QueryLimitsProperties {
		maxDepth = (maxDepth != null) ? maxDepth : 12;
		maxComplexity = (maxComplexity != null) ? maxComplexity : 10_000;
		defaultListWeight = (defaultListWeight != null) ? defaultListWeight : 10;
		maxAliases = (maxAliases != null) ? maxAliases : 30;
		maxDocumentChars = (maxDocumentChars != null) ? maxDocumentChars : 20_000;
		maxOperations = (maxOperations != null) ? maxOperations : 5;
		maxAsins = (maxAsins != null) ? maxAsins : 100;
		maxBodySize = (maxBodySize != null) ? maxBodySize : DataSize.ofKilobytes(100);
		introspection = (introspection != null) ? introspection : Boolean.TRUE;
		if (maxDepth < 1 || maxComplexity < 1 || defaultListWeight < 1 || maxAliases < 0 || maxDocumentChars < 1
				|| maxOperations < 1 || maxAsins < 1 || maxBodySize.toBytes() < 1) {
			throw new IllegalArgumentException("adsgraph.limits must be positive");
		}
	}

	/** The defaults. */
	public static QueryLimitsProperties defaults() {
		return new QueryLimitsProperties(null, null, null, null, null, null, null, null, null);
	}

}
