package dev.adsgraph.tenancy;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.workspaces.*}: how the API keys issued through the admin API (kept in
 * PostgreSQL) are looked up on the request path.
 *
 * @param keyCacheTtl how long a key looked up in the database is remembered, found or
 * not, so a caller's requests cost no statement; also how long a key revoked on another
 * replica may still be accepted here (the replica that revokes or rotates forgets the key
 * at once). Expiry after a rotation's overlap is exact on every replica
 * @param keyCacheSize how many looked-up keys (found or not) are remembered at most
 */
@Validated
@ConfigurationProperties("adsgraph.workspaces")
public record WorkspacesProperties(
		@NotNull @DurationMin(nanos = 0) @DurationMax(minutes = 10) @DefaultValue("30s") Duration keyCacheTtl,
		@Positive @DefaultValue("10000") long keyCacheSize) {

}
