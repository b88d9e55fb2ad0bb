package dev.adsgraph.upstream.lwa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.upstream.TransportErrors;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.resilience.UpstreamCall;
import dev.adsgraph.upstream.resilience.UpstreamGuard;

import org.springframework.core.codec.CodecException;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Login with Amazon access tokens for a refresh token (shared/reference/amazon-apis.md
 * section 2). A token is reused until {@code refresh-skew} before it expires; concurrent
 * callers of one credential share a single refresh, so a burst of resolvers on a cold
 * cache costs one LWA call. Secrets never leave this class except in the form body sent
 * to LWA.
 */
public class LwaTokenService {

	static final String UPSTREAM = "lwa";

	private static final String OPERATION = LwaOperation.TOKEN.id();

	private static final Logger logger = LoggerFactory.getLogger(LwaTokenService.class);

	/**
	 * Amazon documents a one hour lifetime; used only if an answer leaves expires_in out.
	 */
	private static final long DOCUMENTED_LIFETIME_SECONDS = 3600;

	private final WebClient webClient;

	private final UpstreamProperties.Lwa properties;

	private final LwaTokenCache cache;

	private final Clock clock;

	/**
	 * The refresh under way per credential key. Only this replica's callers can join one,
	 * which is what keeps a cold cache at one request per credential and replica; a
	 * shared cache ({@link LwaTokenCache#refresh}) makes it one across replicas.
	 */
	private final ConcurrentMap<String, Mono<LwaAccessToken>> refreshes = new ConcurrentHashMap<>();

	private final UpstreamGuard guard;

	private final List<LwaTokenListener> listeners = new CopyOnWriteArrayList<>();

	/** Without retries, breakers or bounds ({@link UpstreamGuard#passthrough(Clock)}). */
	public LwaTokenService(WebClient.Builder webClientBuilder, UpstreamProperties.Lwa properties, LwaTokenCache cache,
			Clock clock) {
		this(webClientBuilder, properties, cache, clock, UpstreamGuard.passthrough(clock));
	}

	public LwaTokenService(WebClient.Builder webClientBuilder, UpstreamProperties.Lwa properties, LwaTokenCache cache,
			Clock clock, UpstreamGuard guard) {
		this.properties = Objects.requireNonNull(properties, "properties");
		this.cache = Objects.requireNonNull(cache, "cache");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.guard = Objects.requireNonNull(guard, "guard");
		this.webClient = webClientBuilder.clone()
			.clientConnector(connector(properties.timeout()))
			.filter(guard.wireFilter(UPSTREAM))
			.build();
	}

	private static ReactorClientHttpConnector connector(Duration timeout) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))
			.responseTimeout(timeout);
		return new ReactorClientHttpConnector(httpClient);
	}

	/** Adds a listener told about every token request to LWA. */
	public void addListener(LwaTokenListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Whether LWA refused the refresh token itself ({@code invalid_grant}): revoked,
	 * expired or unknown. Retrying does not help; the user or seller must consent again.
	 */
	public static boolean isInvalidGrant(Throwable ex) {
		return ex instanceof UpstreamException upstream && UPSTREAM.equals(upstream.upstream())
				&& "invalid_grant".equals(upstream.code());
	}

	/**
	 * A valid access token for these credentials, from the cache or from one shared
	 * refresh.
	 */
	public Mono<String> accessToken(LwaCredentials credentials) {
		return Mono.defer(() -> {
			String key = cacheKey(credentials);
			return fresh(key).switchIfEmpty(Mono.defer(() -> sharedRefresh(key, credentials)));
		}).map(LwaAccessToken::value);
	}

	/**
	 * Forget the cached token, for when Amazon rejected a token we thought valid; the
	 * next call refreshes.
	 */
	public Mono<Void> invalidate(LwaCredentials credentials) {
		return Mono.defer(() -> this.cache.evict(cacheKey(credentials)));
	}

	/**
	 * Like {@link #invalidate(LwaCredentials)}, but only while the cache still holds the
	 * token that was rejected: when many calls made with one token come back 401
	 * together, the token the first of them caused to be fetched survives the others.
	 */
	public Mono<Void> invalidate(LwaCredentials credentials, String rejectedAccessToken) {
		return Mono.defer(() -> {
			String key = cacheKey(credentials);
			return this.cache.get(key)
				.filter((token) -> token.value().equals(rejectedAccessToken))
				.flatMap((token) -> this.cache.evict(key));
		});
	}

	private Mono<LwaAccessToken> fresh(String key) {
		return this.cache.get(key).filter(this::isFresh);
	}

	private boolean isFresh(LwaAccessToken token) {
		return this.clock.instant().isBefore(token.expiresAt().minus(this.properties.refreshSkew()));
	}

	private Mono<LwaAccessToken> sharedRefresh(String key, LwaCredentials credentials) {
		return this.refreshes.computeIfAbsent(key, (k) -> startRefresh(k, credentials));
	}

	private Mono<LwaAccessToken> startRefresh(String key, LwaCredentials credentials) {
		AtomicReference<Mono<LwaAccessToken>> self = new AtomicReference<>();
		Runnable leave = () -> this.refreshes.remove(key, self.get());
		Mono<LwaAccessToken> refresh = fresh(key)
			// Checked again: a refresh may have finished between our cache read and this
			// point,
			// and a second token request would then be wasted.
			.switchIfEmpty(Mono.defer(() -> this.cache.refresh(key, credentials, this::isFresh,
					Mono.defer(() -> requestToken(credentials)))))
			// Leave the map before any caller sees the outcome, so one who comes straight
			// back
			// starts afresh: a failed refresh is not kept, and an invalidated token is
			// not
			// handed out again by a refresh that already finished.
			.doOnSuccess((token) -> leave.run())
			.doOnError((ex) -> leave.run())
			.doOnCancel(leave)
			.cache();
		self.set(refresh);
		return refresh;
	}

	private Mono<LwaAccessToken> requestToken(LwaCredentials credentials) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "refresh_token");
		form.add("refresh_token", credentials.refreshToken());
		form.add("client_id", credentials.clientId());
		form.add("client_secret", credentials.clientSecret());
		Mono<LwaAccessToken> attempt = this.webClient.method(LwaOperation.TOKEN.method())
			.uri(this.properties.tokenUrl())
			.attribute(UpstreamGuard.OPERATION, LwaOperation.TOKEN)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromFormData(form))
			.exchangeToMono((response) -> readToken(response, credentials))
			.onErrorMap(TransportErrors::isNoAnswer, (ex) -> TransportErrors.noAnswer(UPSTREAM, OPERATION, ex));
		return this.guard.call(new UpstreamCall(LwaOperation.TOKEN, "global", null), attempt)
			.doOnNext((token) -> logger.debug("Refreshed LWA access token for client {}, valid until {}",
					credentials.clientId(), token.expiresAt()))
			.doOnSuccess((token) -> {
				this.guard.metrics().lwaRefresh("success");
				this.listeners.forEach((listener) -> listener.obtained(credentials));
			})
			.doOnError((ex) -> {
				this.guard.metrics().lwaRefresh("failure");
				if (isInvalidGrant(ex)) {
					this.listeners.forEach((listener) -> listener.refused(credentials, (UpstreamException) ex));
				}
			});
	}

	private Mono<LwaAccessToken> readToken(ClientResponse response, LwaCredentials credentials) {
		int status = response.statusCode().value();
		String requestId = response.headers().asHttpHeaders().getFirst("x-amzn-RequestId");
		if (!response.statusCode().is2xxSuccessful()) {
			return response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.flatMap((body) -> Mono.error(decodeError(status, requestId, body, credentials)));
		}
		return response.bodyToMono(TokenResponse.class)
			.onErrorMap(CodecException.class,
					(ex) -> invalidAnswer(status, requestId, "token response is not the expected JSON"))
			.filter((body) -> body.accessToken() != null && !body.accessToken().isBlank())
			.switchIfEmpty(Mono.error(() -> invalidAnswer(status, requestId, "token response has no access_token")))
			.map((body) -> {
				long lifetime = (body.expiresIn() != null) ? body.expiresIn() : DOCUMENTED_LIFETIME_SECONDS;
				Instant now = this.clock.instant();
				return new LwaAccessToken(body.accessToken(), now.plusSeconds(lifetime));
			});
	}

	/**
	 * LWA errors are {@code {error, error_description}} (LWAClient.java in Amazon's SDK).
	 */
	private static UpstreamException decodeError(int status, String requestId, String body,
			LwaCredentials credentials) {
		return decodeError(OPERATION, status, requestId, body, credentials.clientSecret(), credentials.refreshToken());
	}

	/**
	 * An LWA error answer of any grant as an {@link UpstreamException}, retryable as
	 * above, with {@code secrets} scrubbed from Amazon's description.
	 */
	static UpstreamException decodeError(String operation, int status, String requestId, String body,
			String... secrets) {
		String code = null;
		String description = null;
		try {
			JsonNode json = JsonMapper.shared().readTree(body);
			code = text(json, "error");
			description = text(json, "error_description");
		}
		catch (JacksonException ex) {
			// An HTML error page or an empty body: nothing but the status to go on.
		}
		boolean retryable = status == 429 || status >= 500 || "server_error".equals(code)
				|| "temporarily_unavailable".equals(code);
		String message = (description != null) ? scrub(description, secrets) : "HTTP " + status;
		return new UpstreamException(UPSTREAM, operation, status, code, message, requestId, retryable, null);
	}

	private static String text(JsonNode json, String field) {
		JsonNode value = (json != null) ? json.get(field) : null;
		return (value != null && value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

	/**
	 * LWA has not been seen echoing secrets, but an error text goes to logs, so make
	 * sure.
	 */
	private static String scrub(String text, String... secrets) {
		String scrubbed = text;
		for (String secret : secrets) {
			if (secret != null && !secret.isEmpty()) {
				scrubbed = scrubbed.replace(secret, "***");
			}
		}
		return scrubbed;
	}

	/** A 2xx we cannot use is LWA's fault, and another try may well work. */
	private static UpstreamException invalidAnswer(int status, String requestId, String message) {
		return new UpstreamException(UPSTREAM, OPERATION, status, "invalid_response", message, requestId, true, null);
	}

	/**
	 * Client id plus a SHA-256 of the refresh token: the raw secret is never a map key.
	 */
	static String cacheKey(LwaCredentials credentials) {
		return Objects.requireNonNull(credentials, "credentials").fingerprint();
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
			@JsonProperty("expires_in") Long expiresIn) {

		@Override
		public String toString() {
			return "TokenResponse[accessToken=***, tokenType=" + this.tokenType + ", expiresIn=" + this.expiresIn + "]";
		}

	}

}
