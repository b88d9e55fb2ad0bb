package dev.adsgraph.managers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

import dev.adsgraph.accounts.AdsAccountView;
import dev.adsgraph.graphql.ArgumentRules;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.idempotency.IdempotencyExecutor;
import dev.adsgraph.idempotency.IfOutcomeUnknown;
import dev.adsgraph.managers.ManagerAccountView.LinkedAdsAccountView;
import dev.adsgraph.tenancy.Tenant;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code Query.managerAccounts}, {@code AdsAccount.managerAccounts},
 * {@code LinkedAdsAccount.adsAccount} and the three manager-account mutations.
 */
@Controller
class ManagerAccountController implements ArgumentRules.Configurer {

	private final ManagerAccountService managers;

	private final IdempotencyExecutor idempotency;

	ManagerAccountController(ManagerAccountService managers, IdempotencyExecutor idempotency) {
		this.managers = managers;
		this.idempotency = idempotency;
	}

	@Override
	public void configure(ArgumentRules rules) {
		for (String mutation : List.of("createManagerAccount", "linkAdsAccountsToManagerAccount",
				"unlinkAdsAccountsFromManagerAccount")) {
			rules.add("Mutation", mutation, IdempotencyExecutor.ARGUMENT, IdempotencyExecutor::requireKey);
		}
	}

	@QueryMapping
	Mono<List<ManagerAccountView>> managerAccounts(@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.managers.list(tenant);
	}

	/** Every account of a response answered from one (cached) list. */
	@BatchMapping(typeName = "AdsAccount", field = "managerAccounts")
	Mono<Map<AdsAccountView, List<ManagerAccountView>>> adsAccountManagers(List<AdsAccountView> accounts,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.managers.list(tenant).map((managers) -> {
			Map<AdsAccountView, List<ManagerAccountView>> result = new LinkedHashMap<>();
			for (AdsAccountView account : accounts) {
				List<String> entityIds = ManagerAccountService.entityIds(account);
				List<String> profileIds = ManagerAccountService.profileIds(account);
				result.put(account, managers.stream().filter((m) -> m.links(entityIds, profileIds)).toList());
			}
			return result;
		});
	}

	/**
	 * Joined to the workspace's ads accounts by entity or profile id: one listing of them
	 * per response, whatever the number of linked accounts.
	 */
	@BatchMapping(typeName = "LinkedAdsAccount", field = "adsAccount")
	Mono<Map<LinkedAdsAccountView, AdsAccountView>> linkedAdsAccount(List<LinkedAdsAccountView> linked,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.managers.adsAccounts(tenant).map((accounts) -> {
			Map<LinkedAdsAccountView, AdsAccountView> result = new LinkedHashMap<>();
			for (LinkedAdsAccountView link : linked) {
				accounts.stream()
					.filter((account) -> ManagerAccountService.entityIds(account).contains(link.accountId())
							|| (link.profileId() != null
									&& ManagerAccountService.profileIds(account).contains(link.profileId())))
					.findFirst()
					.ifPresent((account) -> result.put(link, account));
			}
			return result;
		});
	}

	/**
	 * A repeat would create a second manager account, so an unknown outcome keeps the
	 * key.
	 */
	@MutationMapping
	Mono<ManagerAccountService.CreatePayload> createManagerAccount(@Argument CreateInput input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return this.idempotency.execute(tenant.id(), env, ManagerAccountService.CreatePayload.class,
				IfOutcomeUnknown.KEEP_KEY, () -> this.managers.create(tenant, input.name(), input.type()));
	}

	/**
	 * Linking what is linked changes nothing, so an unknown outcome frees the key for a
	 * retry.
	 */
	@MutationMapping
	Mono<ManagerAccountService.LinkPayload> linkAdsAccountsToManagerAccount(@Argument String managerAccountId,
			@Argument List<String> accounts, @ContextValue(TenantContextInterceptor.TENANT) Tenant tenant,
			DataFetchingEnvironment env) {
		return this.idempotency.execute(tenant.id(), env, ManagerAccountService.LinkPayload.class,
				IfOutcomeUnknown.RELEASE_KEY,
				() -> this.managers.update(tenant, managerAccountId, new ArrayList<>(accounts), true));
	}

	@MutationMapping
	Mono<ManagerAccountService.LinkPayload> unlinkAdsAccountsFromManagerAccount(@Argument String managerAccountId,
			@Argument List<String> accounts, @ContextValue(TenantContextInterceptor.TENANT) Tenant tenant,
			DataFetchingEnvironment env) {
		return this.idempotency.execute(tenant.id(), env, ManagerAccountService.LinkPayload.class,
				IfOutcomeUnknown.RELEASE_KEY,
				() -> this.managers.update(tenant, managerAccountId, new ArrayList<>(accounts), false));
	}

	record CreateInput(String name, String type) {
	}

}
