package dev.adsgraph.graphql;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.limits.*}: what one caller may ask of the gateway. The query cost
 * controls are all checked before any resolver (and so any upstream call) runs; the
 * request rate is enforced per API key by the HTTP filters.
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
 * @param requestsPerSecond how fast an API key's request bucket refills, unless its
 * tenant sets its own; may be fractional
 * @param requestBurst how many requests an API key may send at once after a quiet spell,
 * unless its tenant sets its own (a dashboard opening fires its queries at once)
 * @param complexityInFlight how much complexity (summed over the operations) may be
 * executing at once; an operation that does not fit waits for others to finish, first
 * come first served. At least {@code maxComplexity}
 */
@Validated
@ConfigurationProperties("adsgraph.limits")
public record LimitsProperties(@Positive @DefaultValue("12") int maxDepth,
		@Positive @DefaultValue("10000") int maxComplexity, @Positive @DefaultValue("10") int defaultListWeight,
		@PositiveOrZero @DefaultValue("30") int maxAliases, @Positive @DefaultValue("20000") int maxDocumentChars,
		@Positive @DefaultValue("5") int maxOperations, @Positive @DefaultValue("100") int maxAsins,
		@DefaultValue("100KB") DataSize maxBodySize, @DefaultValue("true") boolean introspection,
		@Positive @DefaultValue("50") double requestsPerSecond, @Min(1) @DefaultValue("150") int requestBurst,
		@Positive @DefaultValue("50000") int complexityInFlight) {

	// What Bean Validation cannot express: a data size's sign, and a finite rate.
	public LimitsProperties {
		if (maxBodySize == null || maxBodySize.toBytes() < 1) {
			throw new IllegalArgumentException("adsgraph.limits.max-body-size must be positive, was " + maxBodySize);
		}
		if (complexityInFlight < maxComplexity) {
			throw new IllegalArgumentException("adsgraph.limits.complexity-in-flight (" + complexityInFlight
					+ ") must be at least adsgraph.limits.max-complexity (" + maxComplexity
					+ "), so that every operation the limits let through can run");
		}
		if (Double.isInfinite(requestsPerSecond)) {
			throw new IllegalArgumentException("adsgraph.limits.requests-per-second must be a finite number");
		}
	}

	/**
	 * The defaults (the {@code @DefaultValue}s above), for code that builds parts by
	 * hand.
	 */
	public static LimitsProperties defaults() {
		return new Binder().bindOrCreate("adsgraph.limits", LimitsProperties.class);
	}

}
