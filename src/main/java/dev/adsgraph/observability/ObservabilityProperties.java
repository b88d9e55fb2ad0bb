package dev.adsgraph.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code adsgraph.metrics.*}.
 *
 * @param maxOperationNames how many distinct GraphQL operation names get a series of
 * their own in {@code adsgraph.graphql.operations}; names seen after that are counted as
 * {@code other}, so callers cannot grow the metrics without bound
 */
@ConfigurationProperties("adsgraph.metrics")
record ObservabilityProperties(@DefaultValue("200") int maxOperationNames) {

	ObservabilityProperties {
		if (maxOperationNames < 0) {
			throw new IllegalArgumentException(
					"adsgraph.metrics.max-operation-names must be 0 or more, was " + maxOperationNames);
		}
	}

}
