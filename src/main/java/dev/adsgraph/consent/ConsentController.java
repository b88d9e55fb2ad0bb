package dev.adsgraph.consent;

import java.net.URL;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.Region;

/**
 * {@code connectAmazonAds}, {@code connectSellerCentral} and
 * {@code connectVendorCentral}: the first step of the consent flows, for the workspace
 * whose API key the request carries. Every refusal is a user error, and nothing is stored
 * for it.
 */
@Controller
class ConsentController {

	private final ConsentService consents;

	ConsentController(ConsentService consents) {
		this.consents = consents;
	}

	@MutationMapping
	Mono<ConnectPayload> connectAmazonAds(@Argument ConnectInput input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.consents.startAds(tenant.id(), input.region(), text(input.returnUrl())).map(ConnectPayload::of);
	}

	@MutationMapping
	Mono<ConnectPayload> connectSellerCentral(@Argument ConnectInput input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.consents.startSellerCentral(tenant.id(), input.region(), text(input.returnUrl()))
			.map(ConnectPayload::of);
	}

	@MutationMapping
	Mono<ConnectPayload> connectVendorCentral(@Argument ConnectInput input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.consents.startVendorCentral(tenant.id(), input.region(), text(input.returnUrl()))
			.map(ConnectPayload::of);
	}

	private static String text(Object url) {
		return (url != null) ? url.toString() : null;
	}

	/** Input of the mutations; the schema's Url scalar arrives as a {@link URL}. */
	record ConnectInput(Region region, URL returnUrl) {
	}

	/**
	 * {@code ConnectAmazonAdsPayload}, {@code ConnectSellerCentralPayload} and
	 * {@code ConnectVendorCentralPayload}.
	 */
	record ConnectPayload(String authorizationUrl, OffsetDateTime expiresAt, List<UserError> userErrors) {

		static ConnectPayload of(ConsentService.Started started) {
			return new ConnectPayload(started.authorizationUrl(),
					(started.expiresAt() != null) ? started.expiresAt().atOffset(ZoneOffset.UTC) : null,
					started.userErrors());
		}

	}

}
