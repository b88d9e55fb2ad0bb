package dev.adsgraph.consent;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.util.UriComponentsBuilder;

import dev.adsgraph.connections.Connection;
import dev.adsgraph.connections.ConnectionKind;
import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.connections.ConnectionsProperties;
import dev.adsgraph.connections.ConnectionsProperties.LwaClient;
import dev.adsgraph.connections.Grant;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.ProfileFilter;
import dev.adsgraph.upstream.lwa.LwaAuthorizationClient;
import dev.adsgraph.upstream.lwa.LwaCredentials;

/**
 * The consent flows (docs/consent.md): the authorization URL a workspace sends its user
 * to, and the callback that turns Amazon's answer into a connection and sends the user
 * back to the return URL.
 */
class ConsentService {

	/** What the Ads consent asks for: the Ads API, and who the user is. */
	static final List<String> ADS_SCOPES = List.of("advertising::campaign_management", "profile:user_id");

	/** The longest callback parameter taken. */
	static final int MAX_PARAMETER = 2048;

	private static final Pattern ERROR_CODE = Pattern.compile("^[a-z_]{1,64}$");

	private static final Pattern SELLING_PARTNER_ID = Pattern.compile("^[A-Za-z0-9._-]{1,128}$");

	private static final Logger log = LoggerFactory.getLogger(ConsentService.class);

	private final ConsentProperties properties;

	private final ConnectionsProperties applications;

	private final ConsentSite site;

	private final ConsentStates states;

	private final LwaAuthorizationClient lwa;

	private final AdsApiClient ads;

	private final ConnectionStore connections;

	ConsentService(ConsentProperties properties, ConnectionsProperties applications, ConsentSite site,
			ConsentStates states, LwaAuthorizationClient lwa, AdsApiClient ads, ConnectionStore connections) {
		this.properties = properties;
		this.applications = applications;
		this.site = site;
		this.states = states;
		this.lwa = lwa;
		this.ads = ads;
		this.connections = connections;
	}

	/** {@code connectAmazonAds}: the LWA authorization URL for the region. */
	Mono<Started> startAds(String workspaceId, Region region, String returnUrl) {
		LwaClient client = this.applications.adsApplication().client();
		if (client == null) {
			return Mono.just(Started.refused(UserError.of("CONSENT_NOT_CONFIGURED",
					"This gateway has no Amazon Ads application to connect to: set"
							+ " adsgraph.connections.ads-application.client-id and .client-secret.")));
		}
		return start(workspaceId, ConnectionKind.ADS, region, returnUrl, ConsentSite.ADS_CALLBACK,
				(redirectUri, state) -> UriComponentsBuilder.fromUri(this.properties.adsAuthorizationUrls().get(region))
					.queryParam("client_id", client.clientId())
					.queryParam("scope", String.join(" ", ADS_SCOPES))
					.queryParam("response_type", "code")
					.queryParam("redirect_uri", redirectUri)
					.queryParam("state", state));
	}

	/** {@code connectSellerCentral}: the Seller Central consent URL for the region. */
	Mono<Started> startSellerCentral(String workspaceId, Region region, String returnUrl) {
		return startSpApi(workspaceId, region, returnUrl, this.properties.sellerCentralConsentUrls());
	}

	/**
	 * {@code connectVendorCentral}: the Vendor Central consent URL for the region, the
	 * same SP-API application and parameters as on Seller Central; the callback is the
	 * same ({@link #completeSellerCentral}).
	 */
	Mono<Started> startVendorCentral(String workspaceId, Region region, String returnUrl) {
		return startSpApi(workspaceId, region, returnUrl, this.properties.vendorCentralConsentUrls());
	}

	/** The website authorization workflow on a Seller or Vendor Central consent page. */
	private Mono<Started> startSpApi(String workspaceId, Region region, String returnUrl,
			Map<Region, URI> consentUrls) {
		ConnectionsProperties.SpApplication application = this.applications.spApplication();
		if (application.client() == null || application.applicationId() == null
				|| application.applicationId().isBlank()) {
			return Mono.just(Started.refused(
					UserError.of("CONSENT_NOT_CONFIGURED", "This gateway has no SP-API application to connect to: set"
							+ " adsgraph.connections.sp-application.application-id, .client-id and .client-secret.")));
		}
		return start(workspaceId, ConnectionKind.SELLING_PARTNER, region, returnUrl, ConsentSite.SP_CALLBACK,
				(redirectUri, state) -> {
					UriComponentsBuilder url = UriComponentsBuilder.fromUri(consentUrls.get(region))
						.queryParam("application_id", application.applicationId())
						.queryParam("state", state);
					if (application.draft()) {
						url.queryParam("version", "beta");
					}
					return url.queryParam("redirect_uri", redirectUri);
				});
	}

	private Mono<Started> start(String workspaceId, ConnectionKind kind, Region region, String returnUrl,
			String callbackPath, UrlTemplate template) {
		if (region == null) {
			return Mono.just(Started.refused(UserError.of("INVALID_REGION", "region is required.", "input", "region")));
		}
		Optional<URI> redirectUri = this.site.redirectUri(callbackPath);
		if (redirectUri.isEmpty()) {
			return Mono.just(Started.refused(UserError.of("CONSENT_NOT_CONFIGURED",
					"This gateway has no public URL for Amazon to send users back to: set adsgraph.consent.public-url.")));
		}
		if (returnUrl == null) {
			return Mono.just(Started
				.refused(UserError.of("INVALID_RETURN_URL", "returnUrl is required.", "input", "returnUrl")));
		}
		Optional<String> refusal = this.site.returnUrls().refusal(returnUrl);
		if (refusal.isPresent()) {
			return Mono
				.just(Started.refused(UserError.of("RETURN_URL_NOT_ALLOWED", refusal.get(), "input", "returnUrl")));
		}
		return this.states
			.issue(workspaceId, kind, region, URI.create(returnUrl), redirectUri.get(), this.properties.stateLifetime())
			.map((issued) -> new Started(
					template.url(redirectUri.get().toString(), issued.state()).encode().build().toUriString(),
					issued.expiresAt(), List.of()));
	}

	/**
	 * The Ads callback: consumes the state (an
	 * {@link ConsentStates.InvalidStateException} when it cannot be used: the caller
	 * answers with an error page), then either Amazon's error or the code, exchanged, the
	 * user named and their regions listed, saved.
	 * @return where to send the user: the return URL with the outcome
	 */
	Mono<URI> completeAds(Parameters parameters) {
		return this.states.consume(parameters.state(), ConnectionKind.ADS).flatMap((state) -> {
			Optional<URI> denied = amazonError(parameters, state);
			if (denied.isPresent()) {
				return Mono.just(denied.get());
			}
			String code = parameters.value("code");
			if (code == null) {
				return Mono.just(failed(state, "invalid_request", "Amazon's answer has no authorization code."));
			}
			LwaClient client = this.applications.adsApplication().client();
			if (client == null) {
				return Mono.just(failed(state, "server_error",
						"This gateway no longer has an Amazon Ads application configured."));
			}
			List<String> scopes = Optional.ofNullable(parameters.value("scope"))
				.map((scope) -> List.of(scope.trim().split("\\s+")))
				.orElse(ADS_SCOPES);
			return this.lwa.exchangeCode(client.clientId(), client.clientSecret(), code, state.redirectUri())
				.flatMap((grant) -> this.lwa.userProfile(grant.accessToken())
					.flatMap((user) -> regions(
							new LwaCredentials(client.clientId(), client.clientSecret(), grant.refreshToken()))
						.flatMap((regions) -> this.connections
							.save(new Grant(state.workspaceId(), ConnectionKind.ADS, user.userId(), user.name(),
									regions, scopes, client.clientId(), grant.refreshToken())))))
				.map((connection) -> connected(state, connection))
				.onErrorResume(UpstreamException.class, (ex) -> Mono.just(upstreamFailed(state, ex)));
		});
	}

	/**
	 * The SP-API callback, as {@link #completeAds} for a selling partner: a seller from
	 * Seller Central or a vendor from Vendor Central alike.
	 */
	Mono<URI> completeSellerCentral(Parameters parameters) {
		return this.states.consume(parameters.state(), ConnectionKind.SELLING_PARTNER).flatMap((state) -> {
			Optional<URI> denied = amazonError(parameters, state);
			if (denied.isPresent()) {
				return Mono.just(denied.get());
			}
			String code = parameters.value("spapi_oauth_code");
			String partner = parameters.value("selling_partner_id");
			if (code == null || partner == null) {
				return Mono.just(failed(state, "invalid_request",
						"Amazon's answer lacks spapi_oauth_code or selling_partner_id."));
			}
			if (!SELLING_PARTNER_ID.matcher(partner).matches()) {
				return Mono.just(failed(state, "invalid_request", "selling_partner_id is not a selling partner id."));
			}
			LwaClient client = this.applications.spApplication().client();
			if (client == null) {
				return Mono.just(
						failed(state, "server_error", "This gateway no longer has an SP-API application configured."));
			}
			return this.lwa.exchangeCode(client.clientId(), client.clientSecret(), code, state.redirectUri())
				.flatMap((grant) -> this.connections.save(new Grant(state.workspaceId(), ConnectionKind.SELLING_PARTNER,
						partner, null, List.of(state.region()), List.of(), client.clientId(), grant.refreshToken())))
				.map((connection) -> connected(state, connection))
				.onErrorResume(UpstreamException.class, (ex) -> Mono.just(upstreamFailed(state, ex)));
		});
	}

	/** The regions where the user has profiles, in order. */
	private Mono<List<Region>> regions(LwaCredentials credentials) {
		return Flux.fromArray(Region.values())
			.concatMap((region) -> this.ads.listProfiles(credentials, region, ProfileFilter.NONE)
				.filter((profiles) -> !profiles.isEmpty())
				.map((profiles) -> region))
			.collectList();
	}

	/**
	 * Amazon's own error on the callback: {@code error=access_denied} when the user
	 * cancelled.
	 */
	private Optional<URI> amazonError(Parameters parameters, ConsentState state) {
		String error = parameters.value("error");
		if (error == null) {
			return Optional.empty();
		}
		if ("access_denied".equals(error)) {
			return Optional.of(failed(state, "access_denied",
					"The Amazon account holder declined to connect (access_denied); nothing was connected."));
		}
		String code = ERROR_CODE.matcher(error).matches() ? error : "server_error";
		return Optional.of(failed(state, code, "Amazon did not authorize the connection (" + code + ")."));
	}

	private URI upstreamFailed(ConsentState state, UpstreamException ex) {
		log.warn("Consent of kind {} for workspace {} failed at {} {}: {} {}", state.kind(), state.workspaceId(),
				ex.upstream(), ex.operation(), ex.httpStatus(), ex.code());
		if ("invalid_grant".equals(ex.code())) {
			return failed(state, "invalid_grant", "Amazon refused the authorization code (invalid_grant: "
					+ ex.upstreamMessage()
					+ "). It expires 5 minutes after the consent and is good once, and the redirect_uri must match;"
					+ " start the connection again.");
		}
		if (ex.retryable() || ex.httpStatus() == 0 || ex.httpStatus() >= 500) {
			return failed(state, "temporarily_unavailable", "Amazon did not complete the connection (" + ex.upstream()
					+ " " + ex.operation() + " failed); start the connection again in a moment.");
		}
		String code = (ex.code() != null && ERROR_CODE.matcher(ex.code()).matches()) ? ex.code() : "server_error";
		return failed(state, code,
				"Amazon refused to complete the connection (" + code + ": " + ex.upstreamMessage() + ").");
	}

	private static URI connected(ConsentState state, Connection connection) {
		Map<String, String> result = new LinkedHashMap<>();
		result.put("status", "connected");
		result.put("kind", accountKind(connection.kind()));
		result.put("connectedAccount", connection.id().toString());
		return back(state.returnUrl(), result);
	}

	private static URI failed(ConsentState state, String error, String description) {
		Map<String, String> result = new LinkedHashMap<>();
		result.put("status", "error");
		result.put("kind", accountKind(state.kind()));
		result.put("error", error);
		result.put("error_description", description);
		return back(state.returnUrl(), result);
	}

	/** The return URL with the outcome added to its query. */
	static URI back(URI returnUrl, Map<String, String> outcome) {
		StringBuilder url = new StringBuilder(returnUrl.toString());
		char separator = (returnUrl.getRawQuery() != null) ? '&' : '?';
		for (Map.Entry<String, String> parameter : outcome.entrySet()) {
			url.append(separator)
				.append(parameter.getKey())
				.append('=')
				.append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
			separator = '&';
		}
		return URI.create(url.toString());
	}

	/** What a mutation answers. */
	record Started(String authorizationUrl, Instant expiresAt, List<UserError> userErrors) {

		static Started refused(UserError error) {
			return new Started(null, null, List.of(error));
		}

	}

	/**
	 * A callback's query parameters, each present once and at most
	 * {@value ConsentService#MAX_PARAMETER} characters (checked by the handler).
	 */
	record Parameters(Map<String, String> values) {

		String state() {
			return this.values.get("state");
		}

		String value(String name) {
			String value = this.values.get(name);
			return (value != null && !value.isEmpty()) ? value : null;
		}

		@Override
		public String toString() {
			return "Parameters" + this.values.keySet();
		}

	}

	@FunctionalInterface
	interface UrlTemplate {

		UriComponentsBuilder url(String redirectUri, String state);

	}

	/**
	 * The kind as the schema's {@code ConnectedAccountKind} names it, so a return URL and
	 * {@code connectedAccounts} agree.
	 */
	private static String accountKind(ConnectionKind kind) {
		return (kind == ConnectionKind.ADS) ? "AMAZON_ADS" : "SELLING_PARTNER";
	}

}
