package dev.adsgraph.accounts;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.adsgraph.accounts.TermsTokenController.TermsTokenView;
import dev.adsgraph.graphql.Ids;
import dev.adsgraph.graphql.NotFoundException;
import dev.adsgraph.graphql.SubscriptionErrors;
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

	private static final Set<String> ADVERTISER_FINAL = Set.of("APPROVED", "REJECTED", "ARCHIVED");

	private static final Set<String> TERMS_ACCEPTED = Set.of("ACCEPTED", "REDEEMED");

	private final AdsApiClient ads;

	private final StatusWatcher watcher;

	AccountStatusController(AdsApiClient ads, StatusWatcher watcher) {
		this.ads = ads;
		this.watcher = watcher;
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

	private Flux<AdsAccountStatusEvent> adsAccount(String adsAccountId, Tenant tenant) {
		String id = Ids.accountId(adsAccountId, "adsAccountId");
		// GetAccount, as adsAccount(id) reads it.
		Mono<AdsAccountView> poll = Mono.defer(() -> this.ads.getAdsAccount(tenant.ads(), tenant.homeRegion(), id))
			.map(AdsAccountView::of)
			.switchIfEmpty(Mono
				.error(() -> new NotFoundException("No ads account with id " + id + " is visible to this API key.")));
		return this.watcher
			.poll(new WatchKey(tenant.id(), "adsAccount", id), poll, AdsAccountView::status,
					AccountStatusController::isFinal)
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
		return this.watcher
			.poll(new WatchKey(tenant.id(), "advertiserAccount", id), poll, (a) -> a.status().code(),
					(a) -> ADVERTISER_FINAL.contains(a.status().code()))
			.map((account) -> new AdvertiserAccountStatusEvent(id, account.status().code(), account,
					ADVERTISER_FINAL.contains(account.status().code())));
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
		return this.watcher
			.poll(new WatchKey(tenant.id(), "termsToken", termsToken), poll, TermsTokenView::status,
					(t) -> TERMS_ACCEPTED.contains(t.status()))
			.map((t) -> new TermsTokenStatusEvent(termsToken, t.status(), t.termsType(),
					TERMS_ACCEPTED.contains(t.status())));
	}

	private static boolean isFinal(AdsAccountView account) {
		return !"PENDING".equals(account.status());
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
