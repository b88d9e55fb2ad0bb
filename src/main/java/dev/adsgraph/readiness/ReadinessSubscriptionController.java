package dev.adsgraph.readiness;

import dev.adsgraph.accounts.AdsAccountView;
import dev.adsgraph.graphql.Ids;
import dev.adsgraph.graphql.NotFoundException;
import dev.adsgraph.graphql.SubscriptionErrors;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.ads.AdsApiClient;
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
 * {@code adsAccountReadiness}: the account (GetAccount, as {@code adsAccount(id)} reads
 * it) and its checks, polled through one shared poller per tenant and account until it is
 * ready to advertise.
 */
@Controller
class ReadinessSubscriptionController {

	private final AdsApiClient ads;

	private final ReadinessService readiness;

	private final StatusWatcher watcher;

	ReadinessSubscriptionController(AdsApiClient ads, ReadinessService readiness, StatusWatcher watcher) {
		this.ads = ads;
		this.readiness = readiness;
		this.watcher = watcher;
	}

	@SubscriptionMapping
	Flux<ReadinessEvent> adsAccountReadiness(@Argument String adsAccountId,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return SubscriptionErrors.tagged(Flux.defer(() -> follow(adsAccountId, tenant)), env);
	}

	private Flux<ReadinessEvent> follow(String adsAccountId, Tenant tenant) {
		String id = Ids.accountId(adsAccountId, "adsAccountId");
		Mono<AccountReadiness> poll = Mono.defer(() -> this.ads.getAdsAccount(tenant.ads(), tenant.homeRegion(), id))
			.map(AdsAccountView::of)
			.switchIfEmpty(Mono
				.error(() -> new NotFoundException("No ads account with id " + id + " is visible to this API key.")))
			.flatMap((account) -> this.readiness.readiness(tenant, ReadinessController.subject(account),
					ReadinessController.countryErrors(account)));
		return this.watcher
			.poll(new WatchKey(tenant.id(), "adsAccountReadiness", id), AccountReadiness.class, poll, (r) -> r,
					AccountReadiness::ready)
			.map((r) -> new ReadinessEvent(id, r, r.ready()));
	}

	/** The schema's {@code AdsAccountReadinessEvent}. */
	record ReadinessEvent(String adsAccountId, AccountReadiness readiness, boolean terminal) {
	}

}
