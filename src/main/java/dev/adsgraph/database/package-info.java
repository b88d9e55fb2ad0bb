/**
 * PostgreSQL, the gateway's system of record: with no database configured
 * ({@code spring.r2dbc.url} unset)
 * {@link dev.adsgraph.database.EmbeddedPostgresEnvironmentPostProcessor} starts a
 * PostgreSQL server of the gateway's own with its data in a folder, and points Spring
 * Boot's R2DBC and Flyway properties at it; otherwise Boot's standard properties name a
 * real server. The schema is Flyway's migrations in {@code db/migration}; the gateway's
 * queries go through Spring Data R2DBC. Knows no feature.
 */
package dev.adsgraph.database;
