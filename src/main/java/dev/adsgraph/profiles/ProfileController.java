package dev.adsgraph.profiles;

import java.util.List;
import java.util.Map;

import dev.adsgraph.graphql.ArgumentRules;
import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.graphql.NotFoundException;
import dev.adsgraph.graphql.Ids;
import dev.adsgraph.graphql.PartialErrors;
import dev.adsgraph.connections.ConnectionErrors;
import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class ProfileController implements ArgumentRules.Configurer {

	private final ProfileService profiles;

	ProfileController(ProfileService profiles) {
		this.profiles = profiles;
	}

	@Override
	public void configure(ArgumentRules rules) {
		rules.add("Query", "profile", "id", (value) -> Ids.profileId((String) value, "id"))
			.add("Query", "profiles", "filter", (value) -> {
				if (value instanceof Map<?, ?> filter) {
					requireMarketplaceIds((List<?>) filter.get("marketplaceIds"));
				}
			});
	}

	private static void requireMarketplaceIds(List<?> marketplaceIds) {
		if (marketplaceIds != null && marketplaceIds.stream().anyMatch((id) -> ((String) id).isBlank())) {
			throw new BadUserInputException("filter.marketplaceIds must not contain an empty id.");
		}
	}

	/**
	 * The union over the workspace's Ads connections. A connection that failed is one
	 * error naming it ({@code extensions.connectionId}) next to the others' profiles.
	 * When every connection failed the field is null with their errors; a workspace with
	 * a single connection that failed gets that failure as the field's error, as before
	 * it had several. A workspace without any Ads connection (created through the admin
	 * API, not connected yet) has none: the union over no connection.
	 */
	@QueryMapping
	Mono<DataFetcherResult<List<ProfileView>>> profiles(@Argument ProfileFilterInput filter,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		ProfileQuery query = (filter != null) ? filter.toQuery() : ProfileQuery.ALL;
		return this.profiles.list(tenant, query).flatMap((listed) -> {
			List<ProfileService.Failure> failures = listed.failures();
			boolean allFailed = failures.size() == tenant.adsConnections().size()
					+ tenant.unusableConnections().stream().filter((c) -> c.ads()).count();
			if (!failures.isEmpty() && allFailed && failures.size() == 1) {
				return Mono.error(failures.get(0).error());
			}
			List<GraphQLError> errors = failures.stream()
				.map((failure) -> PartialErrors.of(failure.error(), env,
						Map.of(ConnectionErrors.CONNECTION_ID, failure.connectionId())))
				.toList();
			List<ProfileView> data = (!failures.isEmpty() && allFailed) ? null : listed.profiles();
			return Mono.just(DataFetcherResult.<List<ProfileView>>newResult().data(data).errors(errors).build());
		});
	}

	@QueryMapping
	Mono<ProfileView> profile(@Argument String id, @ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		long profileId = Ids.profileId(id, "id");
		return this.profiles.byId(tenant, profileId)
			.map((found) -> found
				.orElseThrow(() -> new NotFoundException("No profile with id " + id + " is visible to this API key.")));
	}

	/**
	 * The schema's {@code ProfileFilter} input; enums and country codes arrive already
	 * coerced.
	 */
	record ProfileFilterInput(List<dev.adsgraph.upstream.Region> regions, List<String> countryCodes, List<String> types,
			List<String> marketplaceIds, Boolean validPaymentMethod, String apiProgram, String accessLevel) {

		ProfileQuery toQuery() {
			requireMarketplaceIds(this.marketplaceIds);
			return new ProfileQuery(this.regions, this.countryCodes, this.types, this.marketplaceIds,
					this.validPaymentMethod, this.apiProgram, this.accessLevel);
		}

	}

}
