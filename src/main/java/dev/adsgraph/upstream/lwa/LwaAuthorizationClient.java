package dev.adsgraph.upstream.lwa;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import dev.adsgraph.upstream.TransportErrors;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.resilience.UpstreamGuard;

/**
 * The two Login with Amazon calls that complete a consent
 * (shared/reference/amazon-apis.md section 2; docs/consent.md): the
 * {@code authorization_code} grant at the token URL, which turns the code Amazon sent to
 * the callback into a refresh token, and the customer profile
 * ({@code GET /user/profile}), which names the Amazon user who consented. Neither is
 * repeated: a code is good for one exchange, and a user waits on the other end. Errors
 * are decoded as {@link LwaTokenService} decodes them, with the code and the client
 * secret scrubbed from Amazon's description.
 */
public class LwaAuthorizationClient {

	static final String PROFILE_OPERATION = LwaOperation.USER_PROFILE.id();

	private final WebClient tokenClient;

	private final WebClient profileClient;

	private final UpstreamProperties.Lwa properties;

	public LwaAuthorizationClient(WebClient.Builder webClientBuilder, UpstreamProperties.Lwa properties,
			UpstreamGuard guard) {
		this.properties = Objects.requireNonNull(properties, "properties");
		ReactorClientHttpConnector connector = connector(properties.timeout());
		this.tokenClient = webClientBuilder.clone()
			.clientConnector(connector)
			.filter(guard.wireFilter(LwaTokenService.UPSTREAM))
			.build();
		this.profileClient = webClientBuilder.clone()
			.clientConnector(connector)
			.filter(guard.wireFilter(LwaTokenService.UPSTREAM))
			.build();
	}

	private static ReactorClientHttpConnector connector(Duration timeout) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))
			.responseTimeout(timeout);
		return new ReactorClientHttpConnector(httpClient);
	}

	/**
	 * {@code grant_type=authorization_code}: the code from the consent callback, with the
	 * same {@code redirect_uri} the authorization request carried, for the application it
	 * was issued to.
	 */
	public Mono<CodeGrant> exchangeCode(String clientId, String clientSecret, String code, URI redirectUri) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "authorization_code");
		form.add("code", code);
		form.add("redirect_uri", redirectUri.toString());
		form.add("client_id", clientId);
		form.add("client_secret", clientSecret);
		String operation = LwaOperation.TOKEN.id();
		return this.tokenClient.method(LwaOperation.TOKEN.method())
			.uri(this.properties.tokenUrl())
			.attribute(UpstreamGuard.OPERATION, LwaOperation.TOKEN)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromFormData(form))
			.exchangeToMono((response) -> readGrant(response, clientSecret, code))
			.onErrorMap(TransportErrors::isNoAnswer,
					(ex) -> TransportErrors.noAnswer(LwaTokenService.UPSTREAM, operation, ex));
	}

	private Mono<CodeGrant> readGrant(ClientResponse response, String clientSecret, String code) {
		int status = response.statusCode().value();
		String requestId = response.headers().asHttpHeaders().getFirst("x-amzn-RequestId");
		String operation = LwaOperation.TOKEN.id();
		if (!response.statusCode().is2xxSuccessful()) {
			return response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.flatMap((body) -> Mono
					.error(LwaTokenService.decodeError(operation, status, requestId, body, clientSecret, code)));
		}
		return response.bodyToMono(CodeGrant.class)
			.onErrorMap(CodecException.class,
					(ex) -> invalidAnswer(operation, status, requestId, "token response is not the expected JSON"))
			.filter((grant) -> present(grant.accessToken()) && present(grant.refreshToken()))
			.switchIfEmpty(Mono.error(() -> invalidAnswer(operation, status, requestId,
					"token response has no access_token or refresh_token")));
	}

	/**
	 * The customer profile for an access token with scope {@code profile} or
	 * {@code profile:user_id}: the user's {@code user_id}, and their name when the scope
	 * covers it.
	 */
	public Mono<UserProfile> userProfile(String accessToken) {
		return this.profileClient.method(LwaOperation.USER_PROFILE.method())
			.uri(this.properties.profileUrl())
			.attribute(UpstreamGuard.OPERATION, LwaOperation.USER_PROFILE)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> {
				int status = response.statusCode().value();
				String requestId = response.headers().asHttpHeaders().getFirst("x-amzn-RequestId");
				if (!response.statusCode().is2xxSuccessful()) {
					return response.bodyToMono(String.class)
						.defaultIfEmpty("")
						.flatMap((body) -> Mono.error(
								LwaTokenService.decodeError(PROFILE_OPERATION, status, requestId, body, accessToken)));
				}
				return response.bodyToMono(UserProfile.class)
					.onErrorMap(CodecException.class,
							(ex) -> invalidAnswer(PROFILE_OPERATION, status, requestId,
									"profile response is not the expected JSON"))
					.filter((profile) -> present(profile.userId()))
					.switchIfEmpty(Mono
						.error(() -> invalidAnswer(PROFILE_OPERATION, status, requestId, "profile has no user_id")));
			})
			.onErrorMap(TransportErrors::isNoAnswer,
					(ex) -> TransportErrors.noAnswer(LwaTokenService.UPSTREAM, PROFILE_OPERATION, ex));
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

	private static UpstreamException invalidAnswer(String operation, int status, String requestId, String message) {
		return new UpstreamException(LwaTokenService.UPSTREAM, operation, status, "invalid_response", message,
				requestId, true, null);
	}

	/**
	 * What an authorization code is exchanged for. {@link #toString()} never shows the
	 * tokens.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record CodeGrant(@JsonProperty("access_token") String accessToken,
			@JsonProperty("refresh_token") String refreshToken, @JsonProperty("token_type") String tokenType,
			@JsonProperty("expires_in") Long expiresIn) {

		@Override
		public String toString() {
			return "CodeGrant[accessToken=***, refreshToken=***, expiresIn=" + this.expiresIn + "]";
		}

	}

	/** An Amazon user as LWA's customer profile names them. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record UserProfile(@JsonProperty("user_id") String userId, @JsonProperty("name") String name) {

	}

}
