package dev.adsgraph.connections;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.r2dbc.spi.Readable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.connections.TokenCipher.UndecryptableTokenException;
import dev.adsgraph.upstream.Region;

/**
 * The workspaces' connections, in PostgreSQL (table {@code connection}), with their
 * refresh tokens encrypted by a {@link TokenCipher}. A token is bound to its workspace,
 * kind and subject, so a ciphertext moved to another row does not decrypt. A row whose
 * token cannot be decrypted (its key is no longer configured) is answered as
 * {@link ConnectionStatus#NEEDS_REAUTHORIZATION} with the reason, never as an error for
 * the whole workspace.
 */
public class ConnectionStore {

	private static final Logger log = LoggerFactory.getLogger(ConnectionStore.class);

	private static final String COLUMNS = """
			id, workspace_id, kind, subject, name, regions, scopes, client_id, status, status_reason, refresh_token,
			key_id, connected_at, status_at, last_used_at""";

	private static final String SAVE = """
			INSERT INTO connection AS c (id, workspace_id, kind, subject, name, regions, scopes, client_id, status,
			    refresh_token, key_id, connected_at, status_at)
			VALUES (:id, :workspace, :kind, :subject, :name, :regions, :scopes, :client, 'ACTIVE', :token, :key, :now,
			    :now)
			ON CONFLICT (workspace_id, kind, subject) DO UPDATE SET
			    name = COALESCE(EXCLUDED.name, c.name), regions = EXCLUDED.regions, scopes = EXCLUDED.scopes,
			    client_id = EXCLUDED.client_id, status = 'ACTIVE', status_reason = NULL,
			    refresh_token = EXCLUDED.refresh_token, key_id = EXCLUDED.key_id,
			    connected_at = EXCLUDED.connected_at, status_at = EXCLUDED.status_at
			RETURNING\s""" + COLUMNS;

	private static final String OF_WORKSPACE = "SELECT " + COLUMNS
			+ " FROM connection WHERE workspace_id = :workspace ORDER BY connected_at, id";

	private static final String FIND = "SELECT " + COLUMNS
			+ " FROM connection WHERE workspace_id = :workspace AND id = :id";

	private static final String NEEDS_REAUTHORIZATION = """
			UPDATE connection SET status = 'NEEDS_REAUTHORIZATION', status_reason = :reason, status_at = :now
			WHERE id = :id AND status = 'ACTIVE' AND connected_at = :connectedAt""";

	private static final String DISCONNECT = """
			UPDATE connection SET status = 'DISCONNECTED', status_reason = NULL, refresh_token = NULL, key_id = NULL,
			    status_at = :now
			WHERE workspace_id = :workspace AND id = :id
			RETURNING\s""" + COLUMNS;

	private static final String USED = """
			UPDATE connection SET last_used_at = :now
			WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :now)""";

	private static final String OTHER_KEYS = """
			SELECT id, workspace_id, kind, subject, refresh_token, key_id FROM connection
			WHERE key_id IS NOT NULL AND key_id <> :primary ORDER BY id""";

	private static final String REENCRYPTED = """
			UPDATE connection SET refresh_token = :token, key_id = :key WHERE id = :id AND key_id = :previous""";

	private final DatabaseClient database;

	private final TokenCipher cipher;

	private final Clock clock;

	private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<String>> here = new CopyOnWriteArrayList<>();

	public ConnectionStore(DatabaseClient database, TokenCipher cipher, Clock clock) {
		this.database = database;
		this.cipher = cipher;
		this.clock = clock;
	}

	/**
	 * Calls {@code listener} with the workspace's id after each change this store made to
	 * one of its connections (saved, marked, disconnected), and after each change another
	 * replica made and told of ({@link #changedElsewhere}), so what a replica keeps of
	 * them can be dropped.
	 */
	public void onChange(Consumer<String> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Calls {@code listener} with the workspace's id after each change this store made,
	 * only: how the other replicas are told (Redis mode).
	 */
	public void onChangeHere(Consumer<String> listener) {
		this.here.add(listener);
	}

	/**
	 * Another replica changed one of the workspace's connections: the {@link #onChange}
	 * listeners are called, the {@link #onChangeHere} ones are not.
	 */
	public void changedElsewhere(String workspaceId) {
		this.listeners.forEach((listener) -> listener.accept(workspaceId));
	}

	private void changed(String workspaceId) {
		this.listeners.forEach((listener) -> listener.accept(workspaceId));
		this.here.forEach((listener) -> listener.accept(workspaceId));
	}

	/**
	 * Saves a completed consent: a new active connection, or, for a user or seller the
	 * workspace already has (whatever its status), the same connection made active again
	 * with the new token, scopes and regions.
	 */
	public Mono<Connection> save(Grant grant) {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			DatabaseClient.GenericExecuteSpec insert = this.database.sql(SAVE)
				.bind("id", UUID.randomUUID())
				.bind("workspace", grant.workspaceId())
				.bind("kind", grant.kind().name())
				.bind("subject", grant.subject())
				.bind("regions", grant.regions().stream().map(Region::name).toArray(String[]::new))
				.bind("scopes", grant.scopes().toArray(String[]::new))
				.bind("client", grant.clientId())
				.bind("token",
						this.cipher.encrypt(grant.refreshToken(),
								context(grant.workspaceId(), grant.kind(), grant.subject())))
				.bind("key", this.cipher.primaryKeyId())
				.bind("now", now);
			insert = (grant.name() != null) ? insert.bind("name", grant.name()) : insert.bindNull("name", String.class);
			return insert.map(this::connection).one();
		}).doOnSuccess((saved) -> changed(grant.workspaceId()));
	}

	/** A workspace's connections, whatever their status, oldest first. */
	public Flux<Connection> ofWorkspace(String workspaceId) {
		return this.database.sql(OF_WORKSPACE).bind("workspace", workspaceId).map(this::connection).all();
	}

	/** One of a workspace's connections; empty when the workspace has no such one. */
	public Mono<Connection> find(String workspaceId, UUID id) {
		return this.database.sql(FIND).bind("workspace", workspaceId).bind("id", id).map(this::connection).one();
	}

	/**
	 * Marks an active connection as needing the user's or seller's consent again, unless
	 * it was reconnected since {@code connection} was read.
	 * @return whether this call changed it
	 */
	public Mono<Boolean> needsReauthorization(Connection connection, String reason) {
		return this.database.sql(NEEDS_REAUTHORIZATION)
			.bind("reason", reason)
			.bind("now", this.clock.instant())
			.bind("id", connection.id())
			.bind("connectedAt", connection.connectedAt())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0)
			.doOnSuccess((marked) -> changed(connection.workspaceId()));
	}

	/**
	 * Disconnects one of a workspace's connections, deleting its refresh token; empty
	 * when the workspace has no such connection.
	 */
	public Mono<Connection> disconnect(String workspaceId, UUID id) {
		return this.database.sql(DISCONNECT)
			.bind("now", this.clock.instant())
			.bind("workspace", workspaceId)
			.bind("id", id)
			.map(this::connection)
			.one()
			.doOnSuccess((gone) -> changed(workspaceId));
	}

	/** Records that the gateway called Amazon with the connection at {@code at}. */
	public Mono<Void> used(UUID id, Instant at) {
		return this.database.sql(USED).bind("now", at).bind("id", id).fetch().rowsUpdated().then();
	}

	/**
	 * Re-encrypts under the primary key every token encrypted under another one, so the
	 * other keys can be removed from the configuration afterwards. A row changed
	 * concurrently (disconnected, reconnected) is left as that change wrote it.
	 * @return how many tokens were re-encrypted
	 */
	public Mono<Long> reencrypt() {
		String primary = this.cipher.primaryKeyId();
		return this.database.sql(OTHER_KEYS)
			.bind("primary", primary)
			.map((row) -> new Sealed(row.get("id", UUID.class), row.get("workspace_id", String.class),
					ConnectionKind.valueOf(row.get("kind", String.class)), row.get("subject", String.class),
					row.get("refresh_token", byte[].class), row.get("key_id", String.class)))
			.all()
			.concatMap((sealed) -> {
				String context = context(sealed.workspaceId(), sealed.kind(), sealed.subject());
				byte[] again = this.cipher.encrypt(this.cipher.decrypt(sealed.token(), sealed.keyId(), context),
						context);
				return this.database.sql(REENCRYPTED)
					.bind("token", again)
					.bind("key", primary)
					.bind("id", sealed.id())
					.bind("previous", sealed.keyId())
					.fetch()
					.rowsUpdated();
			})
			.reduce(0L, Long::sum);
	}

	private Connection connection(Readable row) {
		String workspace = row.get("workspace_id", String.class);
		ConnectionKind kind = ConnectionKind.valueOf(row.get("kind", String.class));
		String subject = row.get("subject", String.class);
		ConnectionStatus status = ConnectionStatus.valueOf(row.get("status", String.class));
		String reason = row.get("status_reason", String.class);
		byte[] sealed = row.get("refresh_token", byte[].class);
		String token = null;
		if (sealed != null) {
			try {
				token = this.cipher.decrypt(sealed, row.get("key_id", String.class), context(workspace, kind, subject));
			}
			catch (UndecryptableTokenException ex) {
				log.warn("Connection {} of workspace {} cannot be used: {}", row.get("id", UUID.class), workspace,
						ex.getMessage());
				status = ConnectionStatus.NEEDS_REAUTHORIZATION;
				reason = ex.getMessage();
			}
		}
		return new Connection(row.get("id", UUID.class), workspace, kind, subject, row.get("name", String.class),
				Arrays.stream(row.get("regions", String[].class)).map(Region::valueOf).toList(),
				List.of(row.get("scopes", String[].class)), row.get("client_id", String.class), status, reason,
				row.get("connected_at", Instant.class), row.get("status_at", Instant.class),
				row.get("last_used_at", Instant.class), token);
	}

	/** What a token is bound to: its row's unique key. */
	private static String context(String workspaceId, ConnectionKind kind, String subject) {
		return "connection\n" + workspaceId + "\n" + kind.name() + "\n" + subject;
	}

	private record Sealed(UUID id, String workspaceId, ConnectionKind kind, String subject, byte[] token,
			String keyId) {
	}

}
