package dev.adsgraph.sandbox.sp;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.sandbox.fixtures.SandboxUser;
import dev.adsgraph.sandbox.fixtures.SellingPartner;
import dev.adsgraph.sandbox.fixtures.SellingProgram;
import dev.adsgraph.sandbox.lwa.AccessTokens;

/**
 * What every simulated SP-API operation does around its own logic, in this order:
 * <ol>
 * <li>count the request ({@code sp.<region>.<operationId>});</li>
 * <li>authenticate: {@code x-amz-access-token} must hold a live token of an SP-API
 * application (an Ads token, an expired one, or only an {@code Authorization} header →
 * 403 {@code Unauthorized}); the authorized selling partner must sell in the host's
 * region (→ 403), since a seller authorizes an application per region;</li>
 * <li>rate limit: the operation's usage-plan bucket for this partner and application (→
 * 429 {@code QuotaExceeded}, counted again as {@code .throttled});</li>
 * <li>the headers Amazon gives guidance on, checked after authentication and throttling
 * so those two answers are the same as Amazon's for any client: a {@code user-agent} over
 * 500 characters is refused (400 {@code InvalidInput}), as Amazon documents; one without
 * the {@code Language=} attribute Amazon asks for (or none at all), and an {@code Accept}
 * that excludes the models' {@code application/json}, are served and recorded as warnings
 * ({@link Stats#warn}), since Amazon documents no rejection and its own SDKs send other
 * forms; in strict mode they are refused (400 {@code InvalidInput}, 406);</li>
 * <li>answer the model's static sandbox example when the request matches one
 * ({@link SpStaticExamples});</li>
 * <li>run the operation; every failure becomes the operation's error envelope, never a
 * 500.</li>
 * </ol>
 * Every answer carries {@code x-amzn-RequestId} (a server-wide filter);
 * {@code x-amzn-RateLimit-Limit} is added to 2xx and to 4xx other than 403, 413, 415 and
 * 429, as the models declare it.
 */
public final class SpGate {

	static final String ACCESS_TOKEN = "x-amz-access-token";

	static final String RATE_LIMIT = "x-amzn-RateLimit-Limit";

	static final String DENIED = "Access to requested resource is denied.";

	private static final Set<Integer> WITHOUT_RATE_LIMIT = Set.of(403, 413, 415, 429);

	/** Amazon refuses longer {@code user-agent} headers. */
	static final int MAX_USER_AGENT = 500;

	static final String USER_AGENT_GUIDANCE = "AppName/AppVersion (Language=Name/Version; Platform=...)";

	private static final Log logger = LogFactory.getLog(SpGate.class);

	private final Stats stats;

	private final Faults faults;

	private final AccessTokens accessTokens;

	private final Supplier<Map<String, SandboxUser>> users;

	private final RateLimits rateLimits;

	private final SpStaticExamples examples;

	private final boolean strict;

	public SpGate(Stats stats, AccessTokens accessTokens, Supplier<Map<String, SandboxUser>> users,
			RateLimits rateLimits, SpStaticExamples examples, Faults faults, boolean strict) {
		this.stats = stats;
		this.strict = strict;
		this.faults = faults;
		this.accessTokens = accessTokens;
		this.users = users;
		this.rateLimits = rateLimits;
		this.examples = examples;
	}

	public HandlerFunction<ServerResponse> operation(AdsRegion region, Operation operation, Handler handler) {
		String statsKey = "sp." + region.path() + "." + operation.operationId();
		return (request) -> {
			this.stats.count(statsKey);
			// SP-API documents no Retry-After on its 429s.
			return this.faults.apply("sp", operation.operationId(), statsKey, request, "application/json",
					(status, retryAfter) -> respond(operation,
							error(new ApiException(status, errorCode(status), Faults.message(status)))),
					() -> serve(request, region, operation, handler, statsKey));
		};
	}

	private static String errorCode(int status) {
		return switch (status) {
			case 429 -> "QuotaExceeded";
			case 503 -> "ServiceUnavailable";
			default -> "InternalFailure";
		};
	}

	private Mono<ServerResponse> serve(ServerRequest request, AdsRegion region, Operation operation, Handler handler,
			String statsKey) {
		Authorized authorized;
		try {
			authorized = authenticate(request, region);
		}
		catch (ApiException ex) {
			return respond(operation, error(ex));
		}
		String bucket = authorized.partner().partnerId() + "|" + authorized.clientId() + "|" + region.path() + "|"
				+ operation.operationId();
		if (!this.rateLimits.tryAcquire(bucket, operation.rate(), operation.burst())) {
			this.stats.count(statsKey + ".throttled");
			return respond(operation, error(
					new ApiException(429, "QuotaExceeded", "You exceeded your quota for the requested resource.")));
		}
		ApiException guidance = guidance(request, statsKey);
		if (guidance != null) {
			return respond(operation, error(guidance));
		}
		if (!operation.hasBody()) {
			return respond(operation,
					run(operation, handler, new Call(request, region, authorized.user(), authorized.partner(), null)));
		}
		try {
			MediaType type = request.headers().contentType().orElse(MediaType.APPLICATION_JSON);
			if (!type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
				return respond(operation, error(
						new ApiException(415, "UnsupportedMediaType", "The request body must be application/json.")));
			}
		}
		catch (InvalidMediaTypeException ex) {
			return respond(operation,
					error(new ApiException(415, "UnsupportedMediaType", "The Content-Type header cannot be parsed.")));
		}
		return request.bodyToMono(String.class)
			.defaultIfEmpty("")
			.map((body) -> run(operation, handler,
					new Call(request, region, authorized.user(), authorized.partner(), parse(body))))
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> Mono
						.just(error(new ApiException(413, "RequestEntityTooLarge", "The request body is too large."))))
			.onErrorResume(ApiException.class, (ex) -> Mono.just(error(ex)))
			.flatMap((reply) -> respond(operation, reply));
	}

	/**
	 * The refusal the headers Amazon gives guidance on call for, or null; records each
	 * deviation that is served.
	 */
	private ApiException guidance(ServerRequest request, String statsKey) {
		String userAgent = request.headers().firstHeader("User-Agent");
		if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
			return ApiException.badRequest("InvalidInput",
					"The user-agent header must not exceed " + MAX_USER_AGENT + " characters.");
		}
		if (userAgent == null || !userAgent.contains("Language=")) {
			if (this.strict) {
				return ApiException.badRequest("InvalidInput",
						"The user-agent header must identify the application and its language, for example"
								+ " 'MyApp/1.0 (Language=Java/17)'.");
			}
			this.stats.warn(statsKey, "user-agent", userAgent, USER_AGENT_GUIDANCE);
		}
		String accept = String.join(", ", request.headers().header("Accept"));
		if (!accept.isEmpty() && !admitsJson(accept)) {
			if (this.strict) {
				return new ApiException(406, "InvalidInput",
						"The Accept header must admit application/json, the only type this operation answers.");
			}
			this.stats.warn(statsKey, "accept", accept, Reply.JSON);
		}
		return null;
	}

	private static boolean admitsJson(String accept) {
		try {
			return MediaType.parseMediaTypes(accept)
				.stream()
				.anyMatch((type) -> type.includes(MediaType.APPLICATION_JSON));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private Reply run(Operation operation, Handler handler, Call call) {
		try {
			Optional<Reply> example = this.examples.match(operation.operationId(), call);
			return example.orElseGet(() -> handler.handle(call));
		}
		catch (ApiException ex) {
			return error(ex);
		}
		catch (RuntimeException ex) {
			logger.warn("Sandbox SP-API operation " + operation.operationId() + " failed", ex);
			return error(
					new ApiException(500, "InternalFailure", "We encountered an internal error. Please try again."));
		}
	}

	private Mono<ServerResponse> respond(Operation operation, Reply reply) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (!WITHOUT_RATE_LIMIT.contains(reply.status()) && reply.status() < 500) {
			headers.put(RATE_LIMIT, BigDecimal.valueOf(operation.rate()).stripTrailingZeros().toPlainString());
		}
		return reply.toResponse(headers);
	}

	private Authorized authenticate(ServerRequest request, AdsRegion region) {
		String accessToken = request.headers().firstHeader(ACCESS_TOKEN);
		if (accessToken == null || accessToken.isBlank()) {
			throw denied();
		}
		AccessTokens.Issued token = this.accessTokens.find(accessToken.trim()).orElseThrow(SpGate::denied);
		if (!token.forSellingPartnerApi()) {
			throw denied();
		}
		SandboxUser user = this.users.get().get(token.userId());
		SellingPartner partner = (user != null) ? user.partner(SellingProgram.AMAZON_SELLER, token.sellingPartnerId())
			.or(() -> Fixtures.vendorGroupOf(token.sellingPartnerId())
				.flatMap((group) -> user.partner(SellingProgram.AMAZON_VENDOR, group)))
			.orElse(null) : null;
		if (partner == null || partner.countries().stream().noneMatch((c) -> c.region() == region)) {
			throw denied();
		}
		return new Authorized(user, partner, token.clientId());
	}

	private static JsonNode parse(String body) {
		try {
			return SandboxJson.parseObject(body);
		}
		catch (ApiException ex) {
			throw ApiException.badRequest("InvalidInput", ex.getMessage());
		}
	}

	private static ApiException denied() {
		return new ApiException(403, "Unauthorized", DENIED);
	}

	/**
	 * Both SP-API envelope families render errors the same way: dated APIs answer the
	 * ErrorList object {@code {errors: [...]}}, v0/v1 APIs their response wrapper with
	 * only {@code errors} set ({@code payload} is absent rather than null, which the
	 * wrappers' schemas allow).
	 */
	static Reply error(ApiException ex) {
		Map<String, String> error = new LinkedHashMap<>();
		// Shared JSON helpers raise the Ads spelling; SP-API calls the same failure
		// InvalidInput.
		error.put("code", "INVALID_ARGUMENT".equals(ex.code()) ? "InvalidInput" : ex.code());
		error.put("message", ex.getMessage());
		return Reply.json(ex.status(), Map.of("errors", List.of(error)));
	}

	private record Authorized(SandboxUser user, SellingPartner partner, String clientId) {
	}

	/**
	 * One SP-API operation with its default usage plan (reference table, the models' own
	 * numbers).
	 *
	 * @param wrapped whether success answers are wrapped in {@code {payload}} (v0/v1
	 * APIs)
	 */
	public record Operation(String operationId, boolean wrapped, double rate, int burst, boolean hasBody) {
	}

	/** The authenticated request: the selling partner the token was issued for. */
	public record Call(ServerRequest request, AdsRegion region, SandboxUser user, SellingPartner partner,
			JsonNode body) {

		/**
		 * A single-valued parameter; given twice it is refused, never read as its first
		 * value.
		 */
		Optional<String> query(String name) {
			List<String> values = this.request.queryParams().getOrDefault(name, List.of());
			if (values.size() > 1) {
				throw SpParams.invalid(
						"The query parameter " + name + " was given " + values.size() + " times; it takes one value.");
			}
			return values.stream().findFirst().filter((value) -> !value.isEmpty());
		}

		/**
		 * An array parameter; absent → null, as distinct from an empty list. The models
		 * declare arrays comma-separated ({@code identifiers=A,B}); a client that repeats
		 * the parameter instead ({@code identifiers=A&identifiers=B}) gets every value,
		 * not only the first.
		 */
		List<String> csv(String name) {
			List<String> values = this.request.queryParams().get(name);
			if (values == null || values.isEmpty()) {
				return null;
			}
			return values.stream().flatMap((value) -> Arrays.stream(value.split(",", -1))).map(String::trim).toList();
		}

		String sellerId() {
			return this.partner.partnerId();
		}

	}

	@FunctionalInterface
	public interface Handler {

		Reply handle(Call call);

	}

}
