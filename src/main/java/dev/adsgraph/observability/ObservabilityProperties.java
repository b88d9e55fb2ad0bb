package dev.adsgraph.observability;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.metrics.*}.
 *
 * @param maxOperationNames how many distinct GraphQL operation names get a series of
 * their own in {@code adsgraph.graphql.operations}; names seen after that are counted as
 * {@code other}, so callers cannot grow the metrics without bound
 */
@Validated
@ConfigurationProperties("adsgraph.metrics")
record ObservabilityProperties(@PositiveOrZero @DefaultValue("200") int maxOperationNames) {

}
