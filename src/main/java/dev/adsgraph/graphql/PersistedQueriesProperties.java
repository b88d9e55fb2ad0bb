package dev.adsgraph.graphql;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.graphql.persisted-queries.*}: Apollo's automatic persisted queries
 * (docs/persisted-queries.md).
 *
 * @param enabled whether a request may name its document by SHA-256 and register it; when
 * off, such a request is answered {@code PersistedQueryNotSupported} and Apollo's link
 * turns itself off
 * @param maxChars the total length of the registered documents kept on this replica (the
 * least recently used go first; a client whose document was dropped sends it again)
 */
@Validated
@ConfigurationProperties("adsgraph.graphql.persisted-queries")
public record PersistedQueriesProperties(@DefaultValue("true") boolean enabled,
		@Positive @DefaultValue("1000000") long maxChars) {

}
