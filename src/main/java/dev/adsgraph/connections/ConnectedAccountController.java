package dev.adsgraph.connections;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import dev.adsgraph.connections.WorkspaceConnections.Account;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.Region;

/**
 * {@code connectedAccounts}, {@code Profile.connectedAccount} and
 * {@code disconnectAccount}: the workspace's connections as the schema shows them
 * (schema/connections.graphqls). Only the API key's workspace is ever read or changed.
 */
@Controller
class ConnectedAccountController {

	private final WorkspaceConnections connections;

	ConnectedAccountController(WorkspaceConnections connections) {
		this.connections = connections;
	}

	@QueryMapping
	Mono<List<ConnectedAccountView>> connectedAccounts(@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.connections.accounts(tenant).map((all) -> all.stream().map(ConnectedAccountView::of).toList());
	}

	/** One read of the workspace's connections for every profile of a response. */
	@BatchMapping(typeName = "Profile")
	Mono<Map<ProfileView, ConnectedAccountView>> connectedAccount(List<ProfileView> profiles,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.connections.accounts(tenant).map((all) -> {
			Map<String, Account> byId = all.stream()
				.collect(Collectors.toMap(Account::id, Function.identity(), (a, b) -> a));
			Map<ProfileView, ConnectedAccountView> result = new LinkedHashMap<>();
			for (ProfileView profile : profiles) {
				Account account = byId.get(profile.connectionId());
				if (account != null) {
					result.put(profile, ConnectedAccountView.of(account));
				}
			}
			return result;
		});
	}

	@MutationMapping
	Mono<DisconnectAccountPayload> disconnectAccount(@Argument DisconnectAccountInput input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		String id = (input.id() != null) ? input.id().strip() : "";
		if (id.startsWith("config:")) {
			return Mono.just(DisconnectAccountPayload.refused("CONFIGURED_ACCOUNT",
					"The account " + id + " is part of the gateway's configuration (adsgraph.tenants[...]); remove or "
							+ "replace its credentials there and restart the gateway."));
		}
		UUID uuid = WorkspaceConnections.uuid(id);
		if (uuid == null) {
			return Mono.just(notFound(id));
		}
		return this.connections.disconnect(tenant, uuid)
			.map((account) -> new DisconnectAccountPayload(ConnectedAccountView.of(account), List.of()))
			.defaultIfEmpty(notFound(id));
	}

	/** The same answer for an id that does not exist and for another workspace's. */
	private static DisconnectAccountPayload notFound(String id) {
		String shown = (id.length() > 64) ? id.substring(0, 64) + "…" : id;
		return DisconnectAccountPayload.refused("CONNECTED_ACCOUNT_NOT_FOUND",
				"This workspace has no connected account with id \"" + shown + "\"; connectedAccounts lists them.");
	}

	/** The schema's {@code DisconnectAccountInput}. */
	record DisconnectAccountInput(String id) {
	}

	/** The schema's {@code DisconnectAccountPayload}. */
	record DisconnectAccountPayload(ConnectedAccountView connectedAccount, List<UserErrorView> userErrors) {

		static DisconnectAccountPayload refused(String code, String message) {
			return new DisconnectAccountPayload(null,
					List.of(new UserErrorView(code, message, List.of("input", "id"))));
		}

	}

	/** The schema's {@code UserError}. */
	record UserErrorView(String code, String message, List<String> field) {
	}

	/** The schema's {@code ConnectedAccount}. */
	record ConnectedAccountView(String id, String kind, String status, String statusReason, String source,
			String amazonId, String name, List<Region> regions, List<String> scopes, OffsetDateTime connectedAt,
			OffsetDateTime statusChangedAt, OffsetDateTime lastUsedAt) {

		static ConnectedAccountView of(Account account) {
			return new ConnectedAccountView(account.id(),
					(account.kind() == ConnectionKind.ADS) ? "AMAZON_ADS" : "SELLING_PARTNER", account.status().name(),
					account.statusReason(), account.configured() ? "CONFIGURATION" : "CONSENT", account.amazonId(),
					account.name(), account.regions(), account.scopes(), utc(account.connectedAt()),
					utc(account.statusChangedAt()), utc(account.lastUsedAt()));
		}

		private static OffsetDateTime utc(Instant instant) {
			return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
		}

	}

}
