package dev.adsgraph.accounts;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.adsgraph.accounts.TermsTokenController.TermsTokenView;
import dev.adsgraph.graphql.Ids;
import dev.adsgraph.graphql.NotFoundException;
import dev.adsgraph.graphql.SubscriptionErrors;
import dev.adsgraph.registrations.RegistrationKind;
import dev.adsgraph.registrations.RegistrationStore;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.AdvertiserAccount;
import dev.adsgraph.watch.StatusWatcher;
import dev.adsgraph.watch.WatchKey;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * Subscriptions to the accounts graph's asynchronous states. Each reads the same upstream
 * operation as its query, through one poller per tenant and id that all its subscribers
 * share. Input is checked inside the stream, so a refusal ends the subscription with an
 * error that carries the correlation id, like every other error of a subscription.
 */
@Controller
class AccountStatusController {

	private final AdsApiClient ads;

	private final StatusWatcher watcher;

	private final RegistrationStore registrations;

	AccountStatusController(AdsApiClient ads, StatusWatcher watcher, RegistrationStore registrations) {
		this.ads = ads;
		this.watcher = watcher;
		this.registrations = registrations;
	}

	@SubscriptionMapping
	Flux<AdsAccountStatusEvent> adsAccountStatus(@Argument String adsAccountId,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return SubscriptionErrors.tagged(Flux.defer(() -> adsAccount(adsAccountId, tenant)), env);
	}

	@SubscriptionMapping
	Flux<AdvertiserAccountStatusEvent> advertiserAccountStatus(@Argument String advertiserAccountId,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return SubscriptionErrors.tagged(Flux.defer(() -> advertiserAccount(advertiserAccountId, tenant)), env);
	}

	@SubscriptionMapping
	Flux<TermsTokenStatusEvent> termsTokenStatus(@Argument String termsToken,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return SubscriptionErrors.tagged(Flux.defer(() -> termsToken(termsToken, tenant)), env);
	}

	/**
	 * Follows a registration whose last recorded status is not final, through the same
	 * shared poller a subscription to it uses (a watcher resumed after a restart).
	 */
	Flux<?> follow(Tenant tenant, RegistrationKind kind, String amazonId) {
		return Flux.<Object>defer(() -> switch (kind) {
			case TERMS_TOKEN -> termsToken(amazonId, tenant).cast(Object.class);
			case ADS_ACCOUNT -> adsAccount(amazonId, tenant).cast(Object.class);
			case ADVERTISER_ACCOUNT -> advertiserAccount(amazonId, tenant).cast(Object.class);
		});
	}

	/** Records the status a poll read when it changed. */
	private <T> Mono<T> recorded(Mono<T> poll, Tenant tenant, RegistrationKind kind, String id,
			Function<T, String> status) {
		return poll.flatMap((value) -> this.registrations
			.observed(tenant.id(), kind, RegistrationStore.Source.POLL, id, status.apply(value))
			.thenReturn(value));
	}

	private Flux<AdsAccountStatusEvent> adsAccount(String adsAccountId, Tenant tenant) {
		String id = Ids.accountId(adsAccountId, "adsAccountId");
		// GetAccount, as adsAccount(id) reads it.
		Mono<AdsAccountView> poll = Mono.defer(() -> this.ads.getAdsAccount(tenant.ads(), tenant.homeRegion(), id))
			.map(AdsAccountView::of)
			.switchIfEmpty(Mono
				.error(() -> new NotFoundException("No ads account with id " + id + " is visible to this API key.")));
		return this.watcher
			.poll(new WatchKey(tenant.id(), "adsAccount", id), AdsAccountView.class,
					recorded(poll, tenant, RegistrationKind.ADS_ACCOUNT, id, AdsAccountView::status),
					AdsAccountView::status, AccountStatusController::isFinal)
			.map((account) -> new AdsAccountStatusEvent(id, account.status(), account, isFinal(account)));
	}

	private Flux<AdvertiserAccountStatusEvent> advertiserAccount(String advertiserAccountId, Tenant tenant) {
		String id = Ids.accountId(advertiserAccountId, "advertiserAccountId");
		// QueryAdvertiserAccount filtered to the one id, as advertiserAccounts(filter:
		// {ids}) reads it.
		Mono<AdvertiserAccountView> poll = Mono
			.defer(() -> this.ads.queryAdvertiserAccounts(tenant.ads(), tenant.homeRegion(),
					new AdvertiserAccount.Query(List.of(id), null, null, null)))
			.flatMap((page) -> Mono.justOrEmpty((page.advertiserAccounts() != null)
					? page.advertiserAccounts().stream().filter((a) -> id.equals(a.advertiserAccountId())).findFirst()
					: Optional.<AdvertiserAccount>empty()))
			.map(AdvertiserAccountView::of)
			.switchIfEmpty(Mono.error(() -> new NotFoundException(
					"No advertiser account with id " + id + " is visible to this API key.")));
		RegistrationKind kind = RegistrationKind.ADVERTISER_ACCOUNT;
		return this.watcher
			.poll(new WatchKey(tenant.id(), "advertiserAccount", id), AdvertiserAccountView.class,
					recorded(poll, tenant, kind, id, (a) -> a.status().code()), (a) -> a.status().code(),
					(a) -> kind.isTerminal(a.status().code()))
			.map((account) -> new AdvertiserAccountStatusEvent(id, account.status().code(), account,
					kind.isTerminal(account.status().code())));
	}

	private Flux<TermsTokenStatusEvent> termsToken(String termsToken, Tenant tenant) {
		TermsTokenController.requireWellFormed(termsToken, "termsToken");
		// GetTermsToken, as termsToken(token) reads it; Amazon answers an unknown token
		// with 400.
		Mono<TermsTokenView> poll = Mono
			.defer(() -> this.ads.getTermsToken(tenant.ads(), tenant.homeRegion(), termsToken))
			.map((status) -> new TermsTokenView(termsToken, status.termsTokenStatus(), status.termsType(), null))
			.onErrorMap(
					(ex) -> ex instanceof UpstreamException up && (up.httpStatus() == 400 || up.httpStatus() == 404),
					(ex) -> new NotFoundException("No terms token " + termsToken + " is known for this API key."));
		RegistrationKind kind = RegistrationKind.TERMS_TOKEN;
		return this.watcher
			.poll(new WatchKey(tenant.id(), "termsToken", termsToken), TermsTokenView.class,
					recorded(poll, tenant, kind, termsToken, TermsTokenView::status), TermsTokenView::status,
					(t) -> kind.isTerminal(t.status()))
			.map((t) -> new TermsTokenStatusEvent(termsToken, t.status(), t.termsType(), kind.isTerminal(t.status())));
	}

	private static boolean isFinal(AdsAccountView account) {
		return RegistrationKind.ADS_ACCOUNT.isTerminal(account.status());
	}

	/** The schema's {@code AdsAccountStatusEvent}. */
	record AdsAccountStatusEvent(String adsAccountId, String status, AdsAccountView adsAccount, boolean terminal) {
	}

	/** The schema's {@code AdvertiserAccountStatusEvent}. */
	record AdvertiserAccountStatusEvent(String advertiserAccountId, String status,
			AdvertiserAccountView advertiserAccount, boolean terminal) {
	}

	/** The schema's {@code TermsTokenStatusEvent}. */
	record TermsTokenStatusEvent(String termsToken, String status, String termsType, boolean terminal) {
	}

}
