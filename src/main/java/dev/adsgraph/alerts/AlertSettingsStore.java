package dev.adsgraph.alerts;

import java.time.Instant;
import java.time.ZoneOffset;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Workspaces' alert thresholds, in PostgreSQL (table {@code alert_settings}): a column
 * left NULL takes the configured default when read.
 */
@Component
class AlertSettingsStore {

	private static final String FIND = """
			SELECT days_of_cover_threshold, min_title_length, require_main_image, updated_at
			FROM alert_settings WHERE workspace_id = :workspace""";

	private static final String SAVE = """
			INSERT INTO alert_settings (workspace_id, days_of_cover_threshold, min_title_length,
			    require_main_image, updated_at)
			VALUES (:workspace, :days, :title, :image, :now)
			ON CONFLICT (workspace_id) DO UPDATE SET days_of_cover_threshold = EXCLUDED.days_of_cover_threshold,
			    min_title_length = EXCLUDED.min_title_length, require_main_image = EXCLUDED.require_main_image,
			    updated_at = EXCLUDED.updated_at""";

	private final DatabaseClient database;

	private final AlertsProperties properties;

	AlertSettingsStore(DatabaseClient database, AlertsProperties properties) {
		this.database = database;
		this.properties = properties;
	}

	/** The workspace's settings, the defaults where it set none. */
	Mono<AlertSettings> get(String workspaceId) {
		return stored(workspaceId).map((s) -> s.resolve(this.properties.defaults()))
			.defaultIfEmpty(this.properties.defaults());
	}

	/** What the workspace set itself (nulls for the defaults); empty when nothing. */
	Mono<Stored> stored(String workspaceId) {
		return this.database.sql(FIND).bind("workspace", workspaceId).map((Readable row) -> stored(row)).one();
	}

	Mono<Void> save(String workspaceId, Stored values, Instant now) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql(SAVE)
			.bind("workspace", workspaceId)
			.bind("now", now);
		spec = (values.daysOfCoverThreshold() != null) ? spec.bind("days", values.daysOfCoverThreshold())
				: spec.bindNull("days", Integer.class);
		spec = (values.minTitleLength() != null) ? spec.bind("title", values.minTitleLength())
				: spec.bindNull("title", Integer.class);
		spec = (values.requireMainImage() != null) ? spec.bind("image", values.requireMainImage())
				: spec.bindNull("image", Boolean.class);
		return spec.fetch().rowsUpdated().then();
	}

	private static Stored stored(Readable row) {
		Instant updated = row.get("updated_at", Instant.class);
		return new Stored(row.get("days_of_cover_threshold", Integer.class), row.get("min_title_length", Integer.class),
				row.get("require_main_image", Boolean.class), updated);
	}

	/** A workspace's own values; null for "the default". */
	record Stored(Integer daysOfCoverThreshold, Integer minTitleLength, Boolean requireMainImage, Instant updatedAt) {

		static final Stored NONE = new Stored(null, null, null, null);

		AlertSettings resolve(AlertSettings defaults) {
			return new AlertSettings(
					(this.daysOfCoverThreshold != null) ? this.daysOfCoverThreshold : defaults.daysOfCoverThreshold(),
					(this.minTitleLength != null) ? this.minTitleLength : defaults.minTitleLength(),
					(this.requireMainImage != null) ? this.requireMainImage : defaults.requireMainImage(),
					(this.updatedAt != null) ? this.updatedAt.atOffset(ZoneOffset.UTC) : null);
		}

	}

}
