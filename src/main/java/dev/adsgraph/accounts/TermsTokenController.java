package dev.adsgraph.accounts;

import java.util.List;
import java.util.regex.Pattern;

import dev.adsgraph.graphql.ArgumentRules;
import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.graphql.NotFoundException;
import dev.adsgraph.idempotency.IdempotencyExecutor;
import dev.adsgraph.idempotency.IfOutcomeUnknown;
import dev.adsgraph.registrations.RegistrationKind;
import dev.adsgraph.registrations.RegistrationStore;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.ads.AdsApiClient;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class TermsTokenController implements ArgumentRules.Configurer {

	static final Pattern TERMS_TOKEN = Pattern.compile("^[A-Za-z0-9-]{8,128}$");

	private final AdsApiClient ads;

	private final IdempotencyExecutor idempotency;

	private final RegistrationStore registrations;

	TermsTokenController(AdsApiClient ads, IdempotencyExecutor idempotency, RegistrationStore registrations) {
		this.ads = ads;
		this.idempotency = idempotency;
		this.registrations = registrations;
	}

	@Override
	public void configure(ArgumentRules rules) {
		rules.add("Query", "termsToken", "token", (value) -> requireWellFormed((String) value, "token"))
			.add("Mutation", "createTermsToken", "idempotencyKey", IdempotencyExecutor::requireKey);
	}

	@QueryMapping
	Mono<TermsTokenView> termsToken(@Argument String token,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		requireWellFormed(token, "token");
		return this.ads.getTermsToken(tenant.ads(), tenant.homeRegion(), token)
			.map((status) -> new TermsTokenView(token, status.termsTokenStatus(), status.termsType(), null))
			.flatMap((view) -> this.registrations
				.observed(tenant.id(), RegistrationKind.TERMS_TOKEN, RegistrationStore.Source.QUERY, token,
						view.status())
				.thenReturn(view))
			// Amazon answers an unknown (or another user's) token with 400 rather than
			// 404.
			.onErrorMap(
					(ex) -> ex instanceof UpstreamException up && (up.httpStatus() == 400 || up.httpStatus() == 404),
					(ex) -> new NotFoundException("No terms token " + token + " is known for this API key."));
	}

	/**
	 * A second terms token is harmless (nobody accepts it), so an unknown outcome frees
	 * the key.
	 */
	@MutationMapping
	Mono<CreateTermsTokenPayload> createTermsToken(@Argument CreateTermsTokenInput input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		String fingerprint = IdempotencyExecutor.fingerprint(env);
		return this.idempotency.execute(tenant.id(), env, CreateTermsTokenPayload.class, IfOutcomeUnknown.RELEASE_KEY,
				() -> create(input, tenant).flatMap((payload) -> recorded(tenant, fingerprint, payload)));
	}

	/** A token Amazon made is recorded as a registration made through the gateway. */
	private Mono<CreateTermsTokenPayload> recorded(Tenant tenant, String fingerprint, CreateTermsTokenPayload payload) {
		if (payload.termsToken() == null) {
			return Mono.just(payload);
		}
		return this.registrations
			.written(tenant.id(), RegistrationKind.TERMS_TOKEN, "createTermsToken", fingerprint,
					List.of(new RegistrationStore.Write(payload.termsToken().token(), null,
							payload.termsToken().status())))
			.thenReturn(payload);
	}

	private Mono<CreateTermsTokenPayload> create(CreateTermsTokenInput input, Tenant tenant) {
		String termsType = (input != null && input.termsType() != null) ? input.termsType() : "ADVERTISING";
		return this.ads.createTermsToken(tenant.ads(), tenant.homeRegion(), termsType)
			.map((created) -> new CreateTermsTokenPayload(
					new TermsTokenView(created.termsToken(), "CREATED", termsType, created.termsUrl()), List.of()))
			.onErrorResume((ex) -> ex instanceof UpstreamException up && UserError.isAboutInput(up),
					(ex) -> Mono.just(new CreateTermsTokenPayload(null,
							List.of(UserError.fromUpstream((UpstreamException) ex, "terms token request")))));
	}

	static void requireWellFormed(String token, String argument) {
		if (token == null || !TERMS_TOKEN.matcher(token).matches()) {
			throw new BadUserInputException(argument
					+ " must be a terms token as createTermsToken returns it (letters, digits and '-', 8 to 128 characters).");
		}
	}

	record CreateTermsTokenInput(String termsType) {
	}

	record CreateTermsTokenPayload(TermsTokenView termsToken, List<UserError> userErrors) {
	}

	/** The schema's {@code TermsToken}. */
	record TermsTokenView(String token, String status, String termsType, String acceptanceUrl) {

		/** Amazon makes each token unique, so the token is its identity. */
		public String id() {
			return this.token;
		}

	}

}
