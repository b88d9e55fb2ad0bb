package dev.adsgraph.upstream.sp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The one place SP-API requests are authenticated (shared/reference/amazon-apis.md
 * section 3): the LWA access token as {@code x-amz-access-token} (never
 * {@code Authorization}), the mandatory {@code user-agent}, and {@code x-amz-date}, which
 * Amazon no longer checks since it stopped requiring signatures but which costs nothing
 * and keeps older gateways content.
 */
final class SpAuthFilter implements ExchangeFilterFunction {

	/** Request attribute carrying the {@link SpCredentials} a call is made with. */
	static final String CREDENTIALS = SpAuthFilter.class.getName() + ".credentials";

	static final String ACCESS_TOKEN = "x-amz-access-token";

	static final String DATE = "x-amz-date";

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final Logger logger = LoggerFactory.getLogger(SpAuthFilter.class);

	private final LwaTokenService tokens;

	private final String userAgent;

	private final Clock clock;

	SpAuthFilter(LwaTokenService tokens, String userAgent, Clock clock) {
		this.tokens = tokens;
		this.userAgent = userAgent;
		this.clock = clock;
	}

	static SpCredentials credentials(ClientRequest request) {
		return request.attribute(CREDENTIALS)
			.map(SpCredentials.class::cast)
			.orElseThrow(() -> new IllegalStateException(
					"SP-API request without credentials: " + request.method() + " " + request.url().getRawPath()));
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		SpCredentials credentials = credentials(request);
		return this.tokens.accessToken(credentials.lwa())
			.flatMap((token) -> next.exchange(authenticated(request, token))
				.map((response) -> forgetRejected(response, credentials, token)));
	}

	private ClientRequest authenticated(ClientRequest request, String token) {
		return ClientRequest.from(request).headers((headers) -> {
			headers.remove(HttpHeaders.AUTHORIZATION);
			headers.set(ACCESS_TOKEN, token);
			headers.set(HttpHeaders.USER_AGENT, this.userAgent);
			headers.set(DATE, AMZ_DATE.format(this.clock.instant()));
			if (headers.getAccept().isEmpty()) {
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
			}
		}).build();
	}

	/**
	 * When Amazon refused the token itself, drop it so that the next call refreshes; only
	 * this token is dropped, so a burst of refusals costs one refresh. The body is read
	 * here to tell an expired token from a missing role, and handed on unchanged.
	 * Retrying is the resilience layer's call.
	 */
	private ClientResponse forgetRejected(ClientResponse response, SpCredentials credentials, String token) {
		int status = response.statusCode().value();
		if (status != 401 && status != 403) {
			return response;
		}
		return response.mutate()
			.body((body) -> DataBufferUtils.join(body)
				.flatMap((buffer) -> dropIfRejected(status, readable(buffer), credentials, token).thenReturn(buffer))
				.switchIfEmpty(dropIfRejected(status, "", credentials, token).then(Mono.empty()))
				.flux())
			.build();
	}

	private static String readable(DataBuffer buffer) {
		return buffer.toString(buffer.readPosition(), buffer.readableByteCount(), StandardCharsets.UTF_8);
	}

	private Mono<Void> dropIfRejected(int status, String body, SpCredentials credentials, String token) {
		return Mono.defer(
				() -> SpErrorDecoder.rejectsAccessToken(status, body) ? invalidate(credentials, token) : Mono.empty());
	}

	private Mono<Void> invalidate(SpCredentials credentials, String token) {
		return this.tokens.invalidate(credentials.lwa(), token).onErrorResume((ex) -> {
			logger.warn("Could not drop a rejected LWA token for client {}: {}", credentials.lwa().clientId(),
					ex.toString());
			return Mono.empty();
		});
	}

}
