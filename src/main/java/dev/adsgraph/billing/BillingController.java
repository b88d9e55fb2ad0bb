package dev.adsgraph.billing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.adsgraph.accounts.AdsAccountView;
import dev.adsgraph.graphql.ArgumentRules;
import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.graphql.Connections;
import dev.adsgraph.graphql.Connections.Connection;
import dev.adsgraph.graphql.Ids;
import dev.adsgraph.graphql.NotFoundException;
import dev.adsgraph.graphql.SubscriptionErrors;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.Countries;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.AdsAccount;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.watch.StatusWatcher;
import dev.adsgraph.watch.WatchKey;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code AdsAccount.billing}, {@code AdsAccount.invoices}, {@code AdsAccount.invoice},
 * {@code AdsAccount.paymentMethods} and the {@code billingStatus} subscription.
 */
@Controller
class BillingController implements ArgumentRules.Configurer {

	/** The statuses getAdvertiserInvoices filters on (its invoiceStatuses enum). */
	static final Set<String> FILTERABLE = Set.of("ISSUED", "PAID_IN_PART", "PAID_IN_FULL", "WRITTEN_OFF");

	private final BillingService billing;

	private final AdsApiClient ads;

	private final StatusWatcher watcher;

	BillingController(BillingService billing, AdsApiClient ads, StatusWatcher watcher) {
		this.billing = billing;
		this.ads = ads;
		this.watcher = watcher;
	}

	@Override
	public void configure(ArgumentRules rules) {
		rules.add("AdsAccount", "invoices", "first", (value) -> Connections.requireFirst((Integer) value, 20))
			.add("AdsAccount", "invoices", "after", Connections::requireAfter)
			.add("AdsAccount", "invoices", "statuses", BillingController::requireFilterable);
	}

	static void requireFilterable(Object value) {
		if (value instanceof List<?> statuses) {
			for (Object status : statuses) {
				if (status != null && !FILTERABLE.contains(status.toString())) {
					throw new BadUserInputException("statuses: Amazon filters invoices on "
							+ FILTERABLE.stream().sorted().toList() + " only, not " + status + ".");
				}
			}
		}
	}

	/**
	 * Every account of one response in one batch: all their countries are asked at once
	 * (per region, 30 to a call), from the cache where it has them.
	 */
	@BatchMapping(typeName = "AdsAccount", field = "billing")
	Mono<Map<AdsAccountView, AccountBilling>> billing(List<AdsAccountView> accounts,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		Map<AdsAccountView, List<CountryRef>> refs = new LinkedHashMap<>();
		Set<CountryRef> all = new LinkedHashSet<>();
		for (AdsAccountView account : accounts) {
			List<CountryRef> countries = refs(account);
			refs.put(account, countries);
			all.addAll(countries);
		}
		return this.billing.countries(tenant, all).map((found) -> {
			Map<AdsAccountView, AccountBilling> result = new LinkedHashMap<>();
			refs.forEach(
					(account, countries) -> result.put(account, this.billing.account(account.id(), countries, found)));
			return result;
		});
	}

	/** Every account of one response in one batch, each from the cache where it is. */
	@BatchMapping(typeName = "AdsAccount", field = "paymentMethods")
	Mono<Map<AdsAccountView, List<BillingService.PaymentMethod>>> paymentMethods(List<AdsAccountView> accounts,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.billing.paymentMethods(tenant, accounts.stream().map(AdsAccountView::id).distinct().toList())
			.map((found) -> {
				Map<AdsAccountView, List<BillingService.PaymentMethod>> result = new LinkedHashMap<>();
				accounts.forEach((account) -> result.put(account, found.getOrDefault(account.id(), List.of())));
				return result;
			});
	}

	@SchemaMapping(typeName = "AdsAccount", field = "invoice")
	Mono<BillingService.Invoice> invoice(AdsAccountView account, @Argument String countryCode, @Argument String id,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		if (id == null || id.isBlank() || id.length() > 200) {
			return Mono.error(new BadUserInputException("id: an invoice id from `invoices` is required."));
		}
		return Mono.defer(() -> {
			Scope scope = scope(account, countryCode);
			return this.billing.invoice(tenant, scope.region(), scope.profileId(), id)
				.switchIfEmpty(Mono.error(() -> new NotFoundException("Ads account " + account.id() + " has no invoice "
						+ id + " in " + Countries.toIso(countryCode) + ".")));
		});
	}

	@SchemaMapping(typeName = "AdsAccount", field = "invoices")
	Mono<Connection<BillingService.Invoice>> invoices(AdsAccountView account, @Argument String countryCode,
			@Argument List<String> statuses, @Argument Integer first, @Argument String after,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return Mono.defer(() -> {
			Scope scope = scope(account, countryCode);
			return this.billing.invoices(tenant, scope.region(), scope.profileId(), statuses, first, after);
		});
	}

	/** The region and profile of the account's country: invoices live in a profile. */
	private static Scope scope(AdsAccountView account, String countryCode) {
		String iso = Countries.toIso(countryCode);
		String profileId = account.alternateIds()
			.stream()
			.filter((id) -> iso.equals(id.countryCode()) && id.profileId() != null)
			.map(AdsAccountView.AlternateIdView::profileId)
			.findFirst()
			.orElse(null);
		Region region = Countries.regionOf(iso).orElse(null);
		if (profileId == null || region == null) {
			throw new NotFoundException(
					"Ads account " + account.id() + " has no advertising profile in " + iso + " to read invoices of.");
		}
		return new Scope(region, Long.parseLong(profileId));
	}

	private record Scope(Region region, long profileId) {
	}

	@SubscriptionMapping
	Flux<BillingStatusEvent> billingStatus(@Argument String adsAccountId,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return SubscriptionErrors.tagged(Flux.defer(() -> follow(adsAccountId, tenant)), env);
	}

	private Flux<BillingStatusEvent> follow(String adsAccountId, Tenant tenant) {
		String id = Ids.accountId(adsAccountId, "adsAccountId");
		// GetAccount for the account's countries (they appear as its registration
		// completes), then their billing read past the cache.
		Mono<AccountBilling> poll = Mono.defer(() -> this.ads.getAdsAccount(tenant.ads(), tenant.homeRegion(), id))
			.switchIfEmpty(Mono
				.error(() -> new NotFoundException("No ads account with id " + id + " is visible to this API key.")))
			.flatMap((account) -> {
				List<CountryRef> countries = refs(account);
				return this.billing.fresh(tenant, countries).map((found) -> {
					AccountBilling billing = this.billing.account(id, countries, found);
					if (billing.setUp()) {
						// Setting billing up adds a payment method: read it afresh.
						this.billing.forgetPaymentMethods(tenant, id);
					}
					return billing;
				});
			});
		return this.watcher
			.poll(new WatchKey(tenant.id(), "billingStatus", id), AccountBilling.class, poll, AccountBilling::countries,
					AccountBilling::setUp)
			.map((account) -> new BillingStatusEvent(id, account.setUp(), account, account.setUp()));
	}

	static List<CountryRef> refs(AdsAccountView account) {
		List<String[]> pairs = new ArrayList<>();
		account.alternateIds().forEach((id) -> pairs.add(new String[] { id.countryCode(), id.entityId() }));
		return CountryRef.of(pairs);
	}

	static List<CountryRef> refs(AdsAccount account) {
		List<String[]> pairs = new ArrayList<>();
		if (account.alternateIds() != null) {
			account.alternateIds().forEach((id) -> pairs.add(new String[] { id.countryCode(), id.entityId() }));
		}
		return CountryRef.of(pairs);
	}

	/** The schema's {@code BillingStatusEvent}. */
	record BillingStatusEvent(String adsAccountId, boolean setUp, AccountBilling billing, boolean terminal) {
	}

}
