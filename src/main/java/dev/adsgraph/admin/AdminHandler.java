package dev.adsgraph.admin;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.adsgraph.admin.AdminErrors.AdminException;
import dev.adsgraph.connections.Connection;
import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.tenancy.ApiKeyResolver;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantRegistry;
import dev.adsgraph.tenancy.WorkspaceStore;
import dev.adsgraph.tenancy.WorkspaceStore.ApiKey;

/**
 * The admin API's endpoints: workspaces and their API keys. Every input is checked before
 * anything is written, and a refused one changes nothing. Configured workspaces
 * ({@code adsgraph.tenants[...]}) are listed with the others; their ids are reserved, and
 * they may be issued keys too (kept in the database, next to the configured key).
 */
class AdminHandler {

	/** A workspace id: a slug of lower-case letters, digits and inner hyphens. */
	static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

	static final int MAX_NAME = 200;

	static final int MAX_LABEL = 100;

	static final int MAX_BODY = 16 * 1024;

	static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

	static final Duration MAX_OVERLAP = Duration.ofDays(30);

	private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final TenantRegistry configured;

	private final WorkspaceStore store;

	private final ApiKeyResolver keys;

	private final Clock clock;

	private final ConnectionStore connections;

	AdminHandler(TenantRegistry configured, WorkspaceStore store, ApiKeyResolver keys, Clock clock,
			ConnectionStore connections) {
		this.configured = configured;
		this.store = store;
		this.keys = keys;
		this.clock = clock;
		this.connections = connections;
	}

	Mono<ServerResponse> createWorkspace(ServerRequest request) {
		return body(request, Set.of("id", "name")).flatMap((body) -> {
			String id = optionalString(body, "id");
			if (id != null && !SLUG.matcher(id).matches()) {
				throw AdminException.badRequest("\"id\" must be a slug of 1 to 63 lower-case letters, digits and "
						+ "hyphens, starting and ending with a letter or digit.");
			}
			String name = optionalString(body, "name");
			if (name == null || name.isBlank()) {
				throw AdminException
					.badRequest("\"name\" is required: the workspace's name, 1 to " + MAX_NAME + " characters.");
			}
			name = name.strip();
			if (name.length() > MAX_NAME || hasControl(name)) {
				throw AdminException
					.badRequest("\"name\" must be 1 to " + MAX_NAME + " characters without control characters.");
			}
			String chosen = (id != null) ? id : generatedId();
			if (configuredTenant(chosen).isPresent()) {
				throw AdminException.conflict("The workspace id '" + chosen
						+ "' is taken by a workspace defined in configuration (adsgraph.tenants).");
			}
			return this.store.create(chosen, name, this.clock.instant())
				.switchIfEmpty(Mono
					.error(() -> AdminException.conflict("A workspace with id '" + chosen + "' exists already.")))
				.flatMap((workspace) -> ServerResponse.created(request.uriBuilder().path("/{id}").build(workspace.id()))
					.bodyValue(workspace(workspace.id(), workspace.name(), workspace.createdAt(), false)));
		}).onErrorResume(AdminException.class, AdminErrors::respond);
	}

	Mono<ServerResponse> listWorkspaces(ServerRequest request) {
		List<Map<String, Object>> listed = new ArrayList<>();
		for (Tenant tenant : this.configured.tenants()) {
			listed.add(workspace(tenant.id(), tenant.name(), null, true));
		}
		return this.store.all()
			.filter((workspace) -> configuredTenant(workspace.id()).isEmpty())
			.map((workspace) -> workspace(workspace.id(), workspace.name(), workspace.createdAt(), false))
			.collectList()
			.flatMap((stored) -> {
				listed.addAll(stored);
				return ServerResponse.ok().bodyValue(Map.of("workspaces", listed));
			});
	}

	Mono<ServerResponse> getWorkspace(ServerRequest request) {
		return workspace(request.pathVariable("id")).flatMap((found) -> ServerResponse.ok().bodyValue(found.view()))
			.onErrorResume(AdminException.class, AdminErrors::respond);
	}

	Mono<ServerResponse> issueKey(ServerRequest request) {
		return workspace(request.pathVariable("id")).zipWith(body(request, Set.of("label"))).flatMap((found) -> {
			String label = label(found.getT2());
			Instant now = this.clock.instant();
			String key = ApiKeyResolver.newKey();
			return holder(found.getT1(), now)
				.then(this.store.issue(ApiKeyResolver.newKeyId(), found.getT1().id(), label, ApiKeyResolver.sha256(key),
						now))
				.flatMap((issued) -> ServerResponse.created(request.uriBuilder().path("/{key}").build(issued.id()))
					.bodyValue(issued(issued, key, now)));
		}).onErrorResume(AdminException.class, AdminErrors::respond);
	}

	Mono<ServerResponse> listKeys(ServerRequest request) {
		return workspace(request.pathVariable("id")).flatMap((found) -> {
			Instant now = this.clock.instant();
			return this.store.keys(found.id())
				.map((key) -> key(key, now))
				.collectList()
				.flatMap((listed) -> ServerResponse.ok().bodyValue(Map.of("apiKeys", listed)));
		}).onErrorResume(AdminException.class, AdminErrors::respond);
	}

	/**
	 * The workspace's connections made through consent, in every status, oldest first;
	 * never a refresh token. Connections defined in configuration stay there.
	 */
	Mono<ServerResponse> listConnections(ServerRequest request) {
		return workspace(request.pathVariable("id"))
			.flatMap((found) -> this.connections.ofWorkspace(found.id())
				.map(AdminHandler::connection)
				.collectList()
				.flatMap((listed) -> ServerResponse.ok().bodyValue(Map.of("connections", listed))))
			.onErrorResume(AdminException.class, AdminErrors::respond);
	}

	private static Map<String, Object> connection(Connection connection) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", connection.id().toString());
		view.put("kind", connection.kind().name());
		view.put("amazonId", connection.subject());
		view.put("name", connection.name());
		view.put("regions", connection.regions());
		view.put("scopes", connection.scopes());
		view.put("clientId", connection.clientId());
		view.put("status", connection.status().name());
		view.put("statusReason", connection.statusReason());
		view.put("connectedAt", connection.connectedAt().toString());
		view.put("statusChangedAt", connection.statusAt().toString());
		view.put("lastUsedAt", (connection.lastUsedAt() != null) ? connection.lastUsedAt().toString() : null);
		return view;
	}

	Mono<ServerResponse> rotateKey(ServerRequest request) {
		return workspace(request.pathVariable("id")).zipWith(body(request, Set.of("overlap"))).flatMap((found) -> {
			Duration overlap = overlap(found.getT2());
			UUID old = keyId(request);
			String workspaceId = found.getT1().id();
			Instant now = this.clock.instant();
			return this.store.key(workspaceId, old)
				.switchIfEmpty(Mono.error(() -> unknownKey(request)))
				.flatMap((current) -> {
					if (!current.acceptedAt(now)) {
						return Mono.error(AdminException
							.conflict("The API key " + old + " is " + current.statusAt(now).toLowerCase()
									+ ": only a key still accepted can be rotated; " + "issue a new one instead."));
					}
					String key = ApiKeyResolver.newKey();
					return this.store
						.rotate(workspaceId, old, ApiKeyResolver.newKeyId(), ApiKeyResolver.sha256(key), now,
								now.plus(overlap))
						.switchIfEmpty(Mono.error(() -> AdminException
							.conflict("The API key " + old + " was revoked or expired meanwhile; nothing changed.")))
						.doOnSuccess((rotated) -> this.keys.forgetIssuedKeys())
						.flatMap((rotated) -> this.store.key(workspaceId, old).flatMap((previous) -> {
							Map<String, Object> answer = issued(rotated, key, now);
							answer.put("replaces", key(previous, now));
							return ServerResponse
								.created(request.uriBuilder()
									.replacePath("/admin/workspaces/{id}/api-keys/{key}")
									.build(workspaceId, rotated.id()))
								.bodyValue(answer);
						}));
				});
		}).onErrorResume(AdminException.class, AdminErrors::respond);
	}

	Mono<ServerResponse> revokeKey(ServerRequest request) {
		return workspace(request.pathVariable("id")).flatMap((found) -> {
			UUID id = keyId(request);
			Instant now = this.clock.instant();
			return this.store.revoke(found.id(), id, now)
				.switchIfEmpty(Mono.error(() -> unknownKey(request)))
				.doOnSuccess((revoked) -> this.keys.forgetIssuedKeys())
				.flatMap((revoked) -> ServerResponse.ok().bodyValue(key(revoked, now)));
		}).onErrorResume(AdminException.class, AdminErrors::respond);
	}

	/** Any other path under {@code /admin}. */
	Mono<ServerResponse> unknown(ServerRequest request) {
		return AdminErrors.respond(new AdminException(HttpStatus.NOT_FOUND, AdminErrors.NOT_FOUND,
				"No admin endpoint " + request.method() + " " + request.path() + "; see docs/admin.md."));
	}

	/** The workspace named in the path, configured or created here; else 404. */
	private Mono<Found> workspace(String id) {
		Optional<Tenant> tenant = configuredTenant(id);
		if (tenant.isPresent()) {
			return Mono.just(new Found(tenant.get().id(), tenant.get().name(), null, true));
		}
		if (!SLUG.matcher(id).matches()) {
			return Mono.error(noWorkspace(id));
		}
		return this.store.find(id)
			.map((workspace) -> new Found(workspace.id(), workspace.name(), workspace.createdAt(), false))
			.switchIfEmpty(Mono.error(() -> noWorkspace(id)));
	}

	/** The row holding a configured workspace's keys; nothing to do for the others. */
	private Mono<Void> holder(Found workspace, Instant now) {
		return workspace.configured() ? this.store.ensure(workspace.id(), workspace.name(), now) : Mono.empty();
	}

	private Optional<Tenant> configuredTenant(String id) {
		return this.configured.tenants().stream().filter((tenant) -> tenant.id().equals(id)).findFirst();
	}

	private static AdminException noWorkspace(String id) {
		return AdminException.notFound("No workspace with id '" + shorten(id) + "'.");
	}

	private static AdminException unknownKey(ServerRequest request) {
		return AdminException.notFound("The workspace '" + shorten(request.pathVariable("id"))
				+ "' has no API key with id '" + shorten(request.pathVariable("keyId")) + "'.");
	}

	private static UUID keyId(ServerRequest request) {
		String id = request.pathVariable("keyId");
		try {
			UUID parsed = UUID.fromString(id);
			if (parsed.toString().equalsIgnoreCase(id)) {
				return parsed;
			}
		}
		catch (IllegalArgumentException ex) {
			// Not a key id: no such key.
		}
		throw unknownKey(request);
	}

	private static String shorten(String value) {
		String printable = value.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() > 80) ? printable.substring(0, 80) + "…" : printable;
	}

	/**
	 * The request's JSON object, with only the allowed fields; an empty body is an empty
	 * object.
	 */
	private static Mono<JsonNode> body(ServerRequest request, Set<String> allowed) {
		Optional<MediaType> type;
		try {
			type = request.headers().contentType();
		}
		catch (InvalidMediaTypeException ex) {
			type = Optional.of(MediaType.TEXT_PLAIN);
		}
		if (type.isPresent() && !type.get().isCompatibleWith(MediaType.APPLICATION_JSON)) {
			return Mono.error(new AdminException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, AdminErrors.BAD_REQUEST,
					"Send the request body as JSON, with Content-Type: application/json."));
		}
		return DataBufferUtils.join(request.bodyToFlux(org.springframework.core.io.buffer.DataBuffer.class), MAX_BODY)
			.map((buffer) -> {
				try {
					return buffer.toString(StandardCharsets.UTF_8);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.defaultIfEmpty("")
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new AdminException(HttpStatus.CONTENT_TOO_LARGE, AdminErrors.BAD_REQUEST,
							"The request body is over " + MAX_BODY + " bytes."))
			.map((text) -> parse(text, allowed));
	}

	private static JsonNode parse(String text, Set<String> allowed) {
		if (text.isBlank()) {
			return JSON.createObjectNode();
		}
		JsonNode node;
		try {
			node = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw AdminException.badRequest("The request body is not valid JSON (or repeats a field).");
		}
		if (node == null || !node.isObject()) {
			throw AdminException.badRequest("The request body must be one JSON object.");
		}
		Set<String> unknown = new TreeSet<>(node.propertyNames());
		unknown.removeAll(allowed);
		if (!unknown.isEmpty()) {
			throw AdminException.badRequest("Unknown field(s) " + unknown.stream().map(AdminHandler::shorten).toList()
					+ "; this endpoint takes " + new TreeSet<>(allowed) + ".");
		}
		return node;
	}

	/** A string field; null when absent or null; 400 when of another type. */
	private static String optionalString(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw AdminException.badRequest("\"" + field + "\" must be a string.");
		}
		return value.stringValue();
	}

	private static String label(JsonNode body) {
		String label = optionalString(body, "label");
		if (label == null) {
			return null;
		}
		label = label.strip();
		if (label.isEmpty() || label.length() > MAX_LABEL || hasControl(label)) {
			throw AdminException.badRequest(
					"\"label\" must be 1 to " + MAX_LABEL + " characters without control characters, or left out.");
		}
		return label;
	}

	private static Duration overlap(JsonNode body) {
		String text = optionalString(body, "overlap");
		if (text == null) {
			return DEFAULT_OVERLAP;
		}
		Duration overlap;
		try {
			overlap = Duration.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw AdminException.badRequest("\"overlap\" must be an ISO-8601 duration such as PT24H or P7D.");
		}
		if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
			throw AdminException.badRequest("\"overlap\" must be between PT0S and P30D.");
		}
		return overlap;
	}

	private static boolean hasControl(String text) {
		return text.codePoints().anyMatch(Character::isISOControl);
	}

	private static String generatedId() {
		StringBuilder id = new StringBuilder("ws-");
		for (int i = 0; i < 16; i++) {
			id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
		}
		return id.toString();
	}

	private static Map<String, Object> workspace(String id, String name, Instant createdAt, boolean configured) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", id);
		view.put("name", name);
		view.put("createdAt", (createdAt != null) ? createdAt.toString() : null);
		view.put("origin", configured ? "configuration" : "database");
		return view;
	}

	private static Map<String, Object> key(ApiKey key, Instant now) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", key.id().toString());
		view.put("label", key.label());
		view.put("createdAt", key.createdAt().toString());
		view.put("expiresAt", (key.expiresAt() != null) ? key.expiresAt().toString() : null);
		view.put("revokedAt", (key.revokedAt() != null) ? key.revokedAt().toString() : null);
		view.put("status", key.statusAt(now));
		return view;
	}

	private static Map<String, Object> issued(ApiKey issued, String key, Instant now) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", issued.id().toString());
		view.put("key", key);
		view.put("label", issued.label());
		view.put("createdAt", issued.createdAt().toString());
		view.put("workspaceId", issued.workspaceId());
		return view;
	}

	/** A workspace named in a path. */
	private record Found(String id, String name, Instant createdAt, boolean configured) {

		Map<String, Object> view() {
			return workspace(this.id, this.name, this.createdAt, this.configured);
		}

	}

}
