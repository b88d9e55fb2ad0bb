package dev.adsgraph.accounts;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.adsgraph.graphql.ArgumentRules;
import dev.adsgraph.graphql.Connections;
import dev.adsgraph.graphql.Connections.Connection;
import dev.adsgraph.graphql.Ids;
import dev.adsgraph.graphql.NotFoundException;
import dev.adsgraph.idempotency.IdempotencyExecutor;
import dev.adsgraph.idempotency.IfOutcomeUnknown;
import dev.adsgraph.profiles.ProfileService;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.registrations.RegistrationKind;
import dev.adsgraph.registrations.RegistrationStore;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.Countries;
import dev.adsgraph.upstream.Region;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class AdsAccountController implements ArgumentRules.Configurer {

	/**
	 * Amazon's largest page; asking for it keeps upstream calls per GraphQL page at one.
	 */
	private static final int UPSTREAM_PAGE = 100;

	private final AdsAccountReads reads;

	private final ProfileService profiles;

	private final AdsAccountRegistration registration;

	private final IdempotencyExecutor idempotency;

	private final RegistrationStore registrations;

	AdsAccountController(AdsAccountReads reads, ProfileService profiles, AdsAccountRegistration registration,
			IdempotencyExecutor idempotency, RegistrationStore registrations) {
		this.reads = reads;
		this.profiles = profiles;
		this.registration = registration;
		this.idempotency = idempotency;
		this.registrations = registrations;
	}

	@Override
	public void configure(ArgumentRules rules) {
		rules.add("Query", "adsAccount", "id", (value) -> Ids.accountId((String) value, "id"))
			.add("Query", "adsAccounts", "first", (value) -> Connections.requireFirst((Integer) value, 20))
			.add("Query", "adsAccounts", "after", Connections::requireAfter)
			.add("Mutation", "registerAdsAccount", "idempotencyKey", IdempotencyExecutor::requireKey);
	}

	@QueryMapping
	Mono<AdsAccountView> adsAccount(@Argument String id, @ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		String accountId = Ids.accountId(id, "id");
		// The statuses were recorded when the account was read from Amazon
		// (AdsAccountReads).
		return this.reads.account(tenant, accountId)
			.map((read) -> AdsAccountView.of(read.value(), read.asOf()))
			.switchIfEmpty(Mono.error(() -> new NotFoundException(
					"No ads account with id " + accountId + " is visible to this API key.")));
	}

	@QueryMapping
	Mono<Connection<AdsAccountView>> adsAccounts(@Argument Integer first, @Argument String after,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return Connections.page(first, after,
				(token) -> this.reads.page(tenant, UPSTREAM_PAGE, token)
					.map((read) -> new Connections.UpstreamPage<>((read.value().adsAccounts() != null) ? read.value()
						.adsAccounts()
						.stream()
						.map((account) -> AdsAccountView.of(account, read.asOf()))
						.toList() : List.of(), read.value().nextToken())));
	}

	/**
	 * A repeat could register a second account (for a business), so an unknown outcome
	 * keeps the key.
	 */
	@MutationMapping
	Mono<AdsAccountRegistration.Payload> registerAdsAccount(@Argument AdsAccountRegistration.Input input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		String fingerprint = IdempotencyExecutor.fingerprint(env);
		return this.idempotency.execute(tenant.id(), env, AdsAccountRegistration.Payload.class,
				IfOutcomeUnknown.KEEP_KEY, () -> this.registration.register(tenant, input)
					// Whatever came of it, the list may have one more account: no query
					// answers from before.
					.doFinally((signal) -> this.reads.changed(tenant))
					.flatMap((payload) -> {
						if (payload.adsAccount() == null) {
							return Mono.just(payload);
						}
						return this.registrations
							.written(tenant.id(), RegistrationKind.ADS_ACCOUNT, "registerAdsAccount", fingerprint,
									List.of(new RegistrationStore.Write(payload.adsAccount().id(), null,
											payload.adsAccount().status())))
							.thenReturn(payload);
					}));
	}

	/**
	 * All accounts of one GraphQL response resolve their profiles in one batch: the ids
	 * are looked up in the cached profile list of each region involved, so 50 accounts
	 * cost at most one upstream profile call per region, not 50.
	 */
	@BatchMapping(typeName = "AdsAccount")
	Mono<Map<AdsAccountView, List<ProfileView>>> profiles(List<AdsAccountView> accounts,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		List<Long> ids = new ArrayList<>();
		Set<Region> regions = EnumSet.noneOf(Region.class);
		for (AdsAccountView account : accounts) {
			ids.addAll(account.profileIds());
			account.alternateIds()
				.stream()
				.filter((a) -> a.profileId() != null)
				// A country we cannot place: search every region of the tenant rather
				// than miss a profile.
				.forEach((a) -> Countries.regionOf(a.countryCode())
					.ifPresentOrElse(regions::add, () -> regions.addAll(tenant.adsRegions())));
		}
		return this.profiles.byIds(tenant, ids, regions).map((found) -> {
			Map<AdsAccountView, List<ProfileView>> result = new LinkedHashMap<>();
			for (AdsAccountView account : accounts) {
				result.put(account, account.profileIds().stream().map(found::get).filter((p) -> p != null).toList());
			}
			return result;
		});
	}

}
