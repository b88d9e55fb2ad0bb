package dev.adsgraph.sandbox.ads;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.Faults;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.SandboxJson;
import dev.adsgraph.sandbox.core.Stats;
import dev.adsgraph.sandbox.fixtures.AdsRegion;
import dev.adsgraph.sandbox.fixtures.SandboxUser;
import dev.adsgraph.sandbox.lwa.AccessTokens;
import dev.adsgraph.sandbox.lwa.Scopes;

/**
 * What every simulated Ads operation does before its own logic, in Amazon's order: count
 * the request, authenticate (bearer token and client-id header), negotiate media types,
 * read the body; and what it does after: render failures in the operation's own error
 * shape, never a stack trace.
 *
 * <p>
 * Media types, lenient where Amazon documents nothing: an {@code Accept} that admits no
 * JSON at all (or cannot be parsed) is refused with 406, and a body type other than JSON
 * with 415, as Amazon's error documentation says; an {@code Accept} that excludes the
 * spec's type of the answer but admits some JSON (plain {@code application/json} for a
 * vendor type, another vendor type), and a body sent as plain JSON or without a type
 * where the spec names a vendor type, are served and recorded as warnings
 * ({@link Stats#warn}); in strict mode they are refused (406, 415). So is a v1 call that
 * names its client only in {@code Amazon-Advertising-API-ClientId} (strict: 401), which
 * v1 prose still mentions though the v1 spec declares {@code Amazon-Ads-ClientId}.
 */
public final class AdsGate {

	static final String ADS_CLIENT_ID = "Amazon-Advertising-API-ClientId";

	static final String V1_CLIENT_ID = "Amazon-Ads-ClientId";

	private static final Log logger = LogFactory.getLog(AdsGate.class);

	private final Stats stats;

	private final AccessTokens accessTokens;

	private final Supplier<Map<String, SandboxUser>> users;

	private final Faults faults;

	private final boolean strict;

	/** Where reporting v3 carries its vendor media type (see handle). */
	public static final String REMAPPED_CONTENT_TYPE = "x-amzn-Remapped-x-amzn-Remapped-Content-Type";

	public AdsGate(Stats stats, AccessTokens accessTokens, Supplier<Map<String, SandboxUser>> users, Faults faults,
			boolean strict) {
		this.stats = stats;
		this.strict = strict;
		this.faults = faults;
		this.accessTokens = accessTokens;
		this.users = users;
	}

	public HandlerFunction<ServerResponse> operation(AdsRegion region, Operation operation, Handler handler) {
		String statsKey = "ads." + region.path() + "." + operation.operationId();
		return (request) -> {
			this.stats.count(statsKey);
			return this.faults.apply("ads", operation.operationId(), statsKey, request, operation.responseType(),
					(status, retryAfter) -> operation.family()
						.reply(new ApiException(status, errorCode(status),
								(status == 429) ? operation.family().tooManyRequests() : Faults.message(status)))
						.toResponse((retryAfter >= 0) ? Map.of("Retry-After", Integer.toString(retryAfter)) : Map.of()),
					() -> serve(request, region, operation, handler, statsKey));
		};
	}

	private static String errorCode(int status) {
		return switch (status) {
			case 429 -> "TOO_MANY_REQUESTS";
			case 503 -> "SERVICE_UNAVAILABLE";
			default -> "INTERNAL_ERROR";
		};
	}

	private Mono<ServerResponse> serve(ServerRequest request, AdsRegion region, Operation operation, Handler handler,
			String statsKey) {
		SandboxUser user;
		try {
			user = authenticate(request, operation, statsKey);
			negotiate(request, operation, statsKey);
		}
		catch (ApiException ex) {
			return operation.family().reply(ex).toResponse();
		}
		if (!operation.hasBody()) {
			return handle(operation, () -> handler.handle(new Call(request, region, user, null)));
		}
		return request.bodyToMono(String.class)
			.defaultIfEmpty("")
			.flatMap((body) -> handle(operation,
					() -> handler.handle(new Call(request, region, user, SandboxJson.parseObject(body)))))
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> operation.family()
						.reply(new ApiException(413, "CONTENT_TOO_LARGE", "The request body is too large."))
						.toResponse());
	}

	private Mono<ServerResponse> handle(Operation operation, Supplier<Reply> handler) {
		Reply reply;
		try {
			reply = handler.get();
		}
		catch (ApiException ex) {
			reply = operation.family().reply(ex);
		}
		catch (RuntimeException ex) {
			logger.warn("Sandbox operation " + operation.operationId() + " failed", ex);
			reply = operation.family()
				.reply(new ApiException(500, "INTERNAL_ERROR", "The sandbox failed to process the request."));
		}
		if (operation.family() == ErrorFamily.REPORTING && reply.contentType().equals(operation.responseType())) {
			// Reporting v3 answers through a gateway that serves its body as
			// application/json and moves the vendor type into a header: the saved
			// responses of Amazon's Postman collection show exactly this.
			return new Reply(reply.status(), Reply.JSON, reply.body())
				.toResponse(Map.of(REMAPPED_CONTENT_TYPE, operation.responseType()));
		}
		return reply.toResponse();
	}

	private SandboxUser authenticate(ServerRequest request, Operation operation, String statsKey) {
		String authorization = request.headers().firstHeader("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw unauthorized("The Authorization header is missing or is not a Bearer token.");
		}
		AccessTokens.Issued token = this.accessTokens.find(authorization.substring(7).trim())
			.orElseThrow(() -> unauthorized("The access token is invalid or has expired."));
		// Ads and SP-API are separate LWA applications; one's token never opens the
		// other.
		if (token.forSellingPartnerApi()) {
			throw unauthorized(
					"The access token was issued to a Selling Partner API application, not an Amazon Ads one.");
		}
		// A consent for the customer profile only (Login with Amazon) opens no Ads API.
		if (token.scopes() != null && !token.hasScope(Scopes.ADS)) {
			throw unauthorized("The access token was granted without the advertising::campaign_management scope.");
		}
		String clientId = request.headers().firstHeader(operation.v1() ? V1_CLIENT_ID : ADS_CLIENT_ID);
		if (clientId == null && operation.v1()) {
			// The v1 spec declares only Amazon-Ads-ClientId, v1 prose still names the
			// older header: served, and recorded.
			clientId = request.headers().firstHeader(ADS_CLIENT_ID);
			if (clientId != null && !clientId.isBlank()) {
				if (this.strict) {
					throw unauthorized("The " + V1_CLIENT_ID + " header is missing.");
				}
				this.stats.warn(statsKey, V1_CLIENT_ID.toLowerCase(Locale.ROOT), null,
						V1_CLIENT_ID + " (the v1 spec's client-id header; " + ADS_CLIENT_ID + " was sent)");
			}
		}
		if (clientId == null || clientId.isBlank()) {
			throw unauthorized("The " + (operation.v1() ? V1_CLIENT_ID : ADS_CLIENT_ID) + " header is missing.");
		}
		if (!clientId.trim().equals(token.clientId())) {
			throw unauthorized("The client id does not match the client the access token was issued to.");
		}
		SandboxUser user = this.users.get().get(token.userId());
		if (user == null) {
			throw unauthorized("The access token is invalid or has expired.");
		}
		return user;
	}

	private void negotiate(ServerRequest request, Operation operation, String statsKey) {
		List<MediaType> accepted;
		try {
			accepted = request.headers().accept();
		}
		catch (InvalidMediaTypeException ex) {
			throw new ApiException(406, "NOT_ACCEPTABLE", "The Accept header cannot be parsed.");
		}
		MediaType produced = MediaType.parseMediaType(operation.responseType());
		if (!accepted.isEmpty() && accepted.stream().noneMatch((type) -> type.includes(produced))) {
			boolean admitsJson = accepted.stream().anyMatch(AdsGate::isJson);
			if (!admitsJson || this.strict) {
				throw new ApiException(406, "NOT_ACCEPTABLE",
						"This operation answers " + operation.responseType() + ", which the Accept header excludes.");
			}
			this.stats.warn(statsKey, "accept", String.join(", ", request.headers().header("Accept")),
					operation.responseType());
		}
		if (!operation.hasBody()) {
			return;
		}
		MediaType sent;
		try {
			sent = request.headers().contentType().orElse(null);
		}
		catch (InvalidMediaTypeException ex) {
			throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "The Content-Type header cannot be parsed.");
		}
		boolean specified = sent != null && operation.requestTypes()
			.stream()
			.anyMatch((type) -> MediaType.parseMediaType(type).equalsTypeAndSubtype(sent));
		if (specified) {
			return;
		}
		// Amazon names a vendor type per operation; plain JSON (or no type) is served
		// too,
		// as many clients send it, and recorded.
		if ((sent != null && !sent.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) || this.strict) {
			throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type " + ((sent != null) ? sent : "(none)")
					+ " is not supported; use " + String.join(" or ", operation.requestTypes()) + ".");
		}
		this.stats.warn(statsKey, "content-type", request.headers().firstHeader("Content-Type"),
				String.join(" or ", operation.requestTypes()));
	}

	/** {@code application/json}, a {@code +json} type, or a wildcard that admits JSON. */
	private static boolean isJson(MediaType type) {
		return type.includes(MediaType.APPLICATION_JSON) || "json".equalsIgnoreCase(type.getSubtypeSuffix());
	}

	private static ApiException unauthorized(String message) {
		return new ApiException(401, "UNAUTHORIZED", message);
	}

	/**
	 * One simulated operation.
	 *
	 * @param operationId the spec's operationId (also the stats key)
	 * @param v1 whether the v1 client-id header applies
	 * @param requestTypes media types of the request body; empty for operations without a
	 * body
	 * @param responseType media type of the success answer
	 */
	public record Operation(String operationId, ErrorFamily family, boolean v1, List<String> requestTypes,
			String responseType) {

		boolean hasBody() {
			return !this.requestTypes.isEmpty();
		}

	}

	/** The authenticated request. {@code body} is null for operations without one. */
	public record Call(ServerRequest request, AdsRegion region, SandboxUser user, JsonNode body) {
	}

	@FunctionalInterface
	public interface Handler {

		Reply handle(Call call);

	}

}
