package dev.adsgraph.database;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.database.embedded.*}: the PostgreSQL server the gateway starts itself
 * when no database is configured ({@code spring.r2dbc.url} unset). Setting
 * {@code spring.r2dbc.url} uses that server instead and starts none.
 *
 * @param dataDirectory the folder holding the embedded server's data, created (with
 * {@code initdb}) on first start and reused afterwards, so the data survives a restart;
 * relative to the working directory
 * @param port the port the embedded server listens on, on the loopback interface only; 0
 * picks a free one at each start (the log line "Embedded PostgreSQL ... at" names it)
 * @param database the database the gateway uses on the embedded server, created on first
 * start
 */
@Validated
@ConfigurationProperties("adsgraph.database.embedded")
public record EmbeddedDatabaseProperties(@NotBlank @DefaultValue("./data/postgres") String dataDirectory,
		@Min(0) @Max(65535) @DefaultValue("0") int port, @NotBlank @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}",
				message = "must be a lower-case PostgreSQL identifier") @DefaultValue("adsgraph") String database) {

}
