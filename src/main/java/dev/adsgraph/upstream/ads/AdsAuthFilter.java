package dev.adsgraph.upstream.ads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The one place Ads API requests are authenticated (shared/reference/amazon-apis.md
 * section 3): a bearer token from LWA and the client-id header under the name the
 * resource family expects. The scope header ({@code Amazon-Advertising-API-Scope}) is not
 * authentication but an argument of each reporting operation (which profile it acts for),
 * so those set it.
 */
final class AdsAuthFilter implements ExchangeFilterFunction {

	/** Request attribute carrying the {@link LwaCredentials} a call is made with. */
	static final String CREDENTIALS = AdsAuthFilter.class.getName() + ".credentials";

	static final String CLIENT_ID = "Amazon-Advertising-API-ClientId";

	/**
	 * The only client-id header the v1 spec declares
	 * (AmazonAdsAPIALLMerged_prod_3p_ALL.json).
	 */
	static final String V1_CLIENT_ID = "Amazon-Ads-ClientId";

	private static final Logger logger = LoggerFactory.getLogger(AdsAuthFilter.class);

	private final LwaTokenService tokens;

	AdsAuthFilter(LwaTokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		LwaCredentials credentials = request.attribute(CREDENTIALS)
			.map(LwaCredentials.class::cast)
			.orElseThrow(() -> new IllegalStateException("Ads API request without credentials: " + request.url()));
		return this.tokens.accessToken(credentials)
			.flatMap((token) -> next.exchange(authorized(request, credentials, token))
				.flatMap((response) -> forgetRejected(response, credentials, token)));
	}

	private static ClientRequest authorized(ClientRequest request, LwaCredentials credentials, String token) {
		// The v1 prose still names the legacy header while its spec declares only the new
		// one;
		// Amazon ignores headers it does not expect, so v1 calls carry both.
		boolean v1 = request.url().getRawPath().contains("/adsApi/v1/");
		return ClientRequest.from(request).headers((headers) -> {
			headers.setBearerAuth(token);
			headers.set(CLIENT_ID, credentials.clientId());
			if (v1) {
				headers.set(V1_CLIENT_ID, credentials.clientId());
			}
		}).build();
	}

	/**
	 * A 401 to a token we still hold means Amazon no longer honours it (revoked, or
	 * clocks disagree): drop it so the next call refreshes. Retrying is the resilience
	 * layer's call.
	 */
	private Mono<ClientResponse> forgetRejected(ClientResponse response, LwaCredentials credentials, String token) {
		if (response.statusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
			return Mono.just(response);
		}
		return this.tokens.invalidate(credentials, token).onErrorResume((ex) -> {
			logger.warn("Could not drop a rejected LWA token for client {}: {}", credentials.clientId(), ex.toString());
			return Mono.empty();
		}).thenReturn(response);
	}

}
