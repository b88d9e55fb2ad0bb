package dev.adsgraph.graphql;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

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
 * @param sharedTtl in Redis mode, how long a document stays in Redis, shared by the
 * replicas, after it was last registered
 * @param sharedMaxBytes in Redis mode, the total size in bytes of the documents kept in
 * Redis (the oldest registrations go first; a longer document is kept on its replica
 * only)
 */
@Validated
@ConfigurationProperties("adsgraph.graphql.persisted-queries")
public record PersistedQueriesProperties(@DefaultValue("true") boolean enabled,
		@Positive @DefaultValue("1000000") long maxChars,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("24h") Duration sharedTtl,
		@Positive @DefaultValue("10000000") long sharedMaxBytes) {

}
