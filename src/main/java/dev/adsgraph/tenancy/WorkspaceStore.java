package dev.adsgraph.tenancy;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The workspaces created through the admin API and the API keys issued for them, in
 * PostgreSQL (tables {@code workspaces} and {@code api_keys}, migration V3). A key is
 * stored as its SHA-256 only. Every change is one statement, so it is atomic; the
 * instants are the caller's clock's, never the database's.
 */
public class WorkspaceStore {

	private static final String CREATE = """
			INSERT INTO workspaces (id, name, created_at) VALUES (:id, :name, :now)
			ON CONFLICT (id) DO NOTHING RETURNING id, name, created_at""";

	private static final String ENSURE = """
			INSERT INTO workspaces (id, name, created_at) VALUES (:id, :name, :now)
			ON CONFLICT (id) DO NOTHING""";

	private static final String FIND = "SELECT id, name, created_at FROM workspaces WHERE id = :id";

	private static final String ALL = "SELECT id, name, created_at FROM workspaces ORDER BY created_at, id";

	private static final String ISSUE = """
			INSERT INTO api_keys (id, workspace_id, label, sha256, created_at) VALUES (:id, :workspace, :label, :digest, :now)
			RETURNING id, workspace_id, label, created_at, expires_at, revoked_at""";

	private static final String KEYS = """
			SELECT id, workspace_id, label, created_at, expires_at, revoked_at FROM api_keys
			WHERE workspace_id = :workspace ORDER BY created_at, id""";

	private static final String BY_DIGEST = """
			SELECT k.id, k.workspace_id, k.label, k.created_at, k.expires_at, k.revoked_at, w.name
			FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id WHERE k.sha256 = :digest""";

	private static final String KEY = """
			SELECT id, workspace_id, label, created_at, expires_at, revoked_at FROM api_keys
			WHERE id = :id AND workspace_id = :workspace""";

	private static final String REVOKE = """
			UPDATE api_keys SET revoked_at = COALESCE(revoked_at, :now) WHERE id = :id AND workspace_id = :workspace
			RETURNING id, workspace_id, label, created_at, expires_at, revoked_at""";

	/**
	 * Ends the old key's life at {@code :until} (or earlier, when it already ends
	 * earlier) and issues the new one with the old one's label, in one statement: both or
	 * neither. Only a key still accepted ({@code :now}) is rotated.
	 */
	private static final String ROTATE = """
			WITH old AS (
			    UPDATE api_keys SET expires_at = CASE WHEN expires_at IS NULL OR expires_at > :until THEN :until
			        ELSE expires_at END
			    WHERE id = :old AND workspace_id = :workspace AND revoked_at IS NULL
			        AND (expires_at IS NULL OR expires_at > :now)
			    RETURNING label)
			INSERT INTO api_keys (id, workspace_id, label, sha256, created_at)
			SELECT :id, :workspace, label, :digest, :now FROM old
			RETURNING id, workspace_id, label, created_at, expires_at, revoked_at""";

	private final DatabaseClient database;

	public WorkspaceStore(DatabaseClient database) {
		this.database = database;
	}

	/** Creates the workspace; empty when one with that id exists. */
	public Mono<Workspace> create(String id, String name, Instant now) {
		return this.database.sql(CREATE)
			.bind("id", id)
			.bind("name", name)
			.bind("now", now)
			.map(WorkspaceStore::workspace)
			.one();
	}

	/**
	 * The row that holds a configured workspace's keys, created unless it exists (its
	 * name is configuration's; the row's is informative).
	 */
	public Mono<Void> ensure(String id, String name, Instant now) {
		return this.database.sql(ENSURE).bind("id", id).bind("name", name).bind("now", now).then();
	}

	public Mono<Workspace> find(String id) {
		return this.database.sql(FIND).bind("id", id).map(WorkspaceStore::workspace).one();
	}

	/** Every workspace row, oldest first. */
	public Flux<Workspace> all() {
		return this.database.sql(ALL).map(WorkspaceStore::workspace).all();
	}

	/** Records a key by its digest; the workspace's row must exist. */
	public Mono<ApiKey> issue(UUID id, String workspaceId, String label, byte[] digest, Instant now) {
		DatabaseClient.GenericExecuteSpec insert = this.database.sql(ISSUE)
			.bind("id", id)
			.bind("workspace", workspaceId)
			.bind("digest", digest)
			.bind("now", now);
		insert = (label != null) ? insert.bind("label", label) : insert.bindNull("label", String.class);
		return insert.map(WorkspaceStore::apiKey).one();
	}

	/** The workspace's keys, oldest first. */
	public Flux<ApiKey> keys(String workspaceId) {
		return this.database.sql(KEYS).bind("workspace", workspaceId).map(WorkspaceStore::apiKey).all();
	}

	/** The key of this workspace with this id; empty when there is none. */
	public Mono<ApiKey> key(String workspaceId, UUID id) {
		return this.database.sql(KEY).bind("id", id).bind("workspace", workspaceId).map(WorkspaceStore::apiKey).one();
	}

	/** The key with this digest and its workspace's name, whatever its state. */
	public Mono<KeyMatch> findByDigest(byte[] digest) {
		return this.database.sql(BY_DIGEST)
			.bind("digest", digest)
			.map((row) -> new KeyMatch(apiKey(row), row.get("name", String.class)))
			.one();
	}

	/**
	 * Revokes the key (a key revoked before keeps its first revocation time); empty when
	 * the workspace has no key with this id.
	 */
	public Mono<ApiKey> revoke(String workspaceId, UUID id, Instant now) {
		return this.database.sql(REVOKE)
			.bind("id", id)
			.bind("workspace", workspaceId)
			.bind("now", now)
			.map(WorkspaceStore::apiKey)
			.one();
	}

	/**
	 * Issues a new key in place of {@code old}, which keeps working until {@code until};
	 * empty (and nothing changed) when the workspace has no such key still accepted.
	 */
	public Mono<ApiKey> rotate(String workspaceId, UUID old, UUID id, byte[] digest, Instant now, Instant until) {
		return this.database.sql(ROTATE)
			.bind("old", old)
			.bind("workspace", workspaceId)
			.bind("id", id)
			.bind("digest", digest)
			.bind("now", now)
			.bind("until", until)
			.map(WorkspaceStore::apiKey)
			.one();
	}

	private static Workspace workspace(Readable row) {
		return new Workspace(row.get("id", String.class), row.get("name", String.class),
				row.get("created_at", Instant.class));
	}

	private static ApiKey apiKey(Readable row) {
		return new ApiKey(row.get("id", UUID.class), row.get("workspace_id", String.class),
				row.get("label", String.class), row.get("created_at", Instant.class),
				row.get("expires_at", Instant.class), row.get("revoked_at", Instant.class));
	}

	/** A workspace row. */
	public record Workspace(String id, String name, Instant createdAt) {
	}

	/**
	 * An API key as recorded: never the key, never its digest.
	 *
	 * @param expiresAt when a rotation ends it, else null
	 * @param revokedAt when it was revoked, else null
	 */
	public record ApiKey(UUID id, String workspaceId, String label, Instant createdAt, Instant expiresAt,
			Instant revokedAt) {

		/** Whether the key is accepted at {@code now}. */
		public boolean acceptedAt(Instant now) {
			return this.revokedAt == null && (this.expiresAt == null || now.isBefore(this.expiresAt));
		}

		/** {@code ACTIVE}, {@code REVOKED} or {@code EXPIRED} at {@code now}. */
		public String statusAt(Instant now) {
			if (this.revokedAt != null) {
				return "REVOKED";
			}
			return acceptedAt(now) ? "ACTIVE" : "EXPIRED";
		}

	}

	/** A key found by its digest, with its workspace's name. */
	public record KeyMatch(ApiKey key, String workspaceName) {
	}

}
