package dev.adsgraph.access;

import java.util.List;

import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import dev.adsgraph.access.AccessViews.AccountUserView;
import dev.adsgraph.access.AccessViews.InvitationInput;
import dev.adsgraph.access.AccessViews.InvitationStatusEvent;
import dev.adsgraph.access.AccessViews.InvitationUpdatePayload;
import dev.adsgraph.access.AccessViews.InvitationView;
import dev.adsgraph.access.AccessViews.InviteUsersPayload;
import dev.adsgraph.accounts.AdsAccountView;
import dev.adsgraph.graphql.ArgumentRules;
import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.graphql.Ids;
import dev.adsgraph.graphql.NotFoundException;
import dev.adsgraph.graphql.SubscriptionErrors;
import dev.adsgraph.idempotency.IdempotencyExecutor;
import dev.adsgraph.idempotency.IfOutcomeUnknown;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.watch.StatusWatcher;
import dev.adsgraph.watch.WatchKey;

/**
 * {@code AdsAccount.users}, {@code AdsAccount.invitations}, {@code userInvitation}, the
 * invitation mutations and the {@code invitationStatus} subscription. Each account's
 * users and invitations take Amazon calls of their own (Amazon has no batch read of
 * them), so they resolve per account and fail per account.
 */
@Controller
class UserAccessController implements ArgumentRules.Configurer {

	private final AccessService access;

	private final IdempotencyExecutor idempotency;

	private final StatusWatcher watcher;

	UserAccessController(AccessService access, IdempotencyExecutor idempotency, StatusWatcher watcher) {
		this.access = access;
		this.idempotency = idempotency;
		this.watcher = watcher;
	}

	@Override
	public void configure(ArgumentRules rules) {
		rules.add("Query", "userInvitation", "id", (value) -> requireInvitationId((String) value, "id"));
		for (String mutation : List.of("inviteUsers", "resendInvitations", "revokeInvitations")) {
			rules.add("Mutation", mutation, "adsAccountId", (value) -> Ids.accountId((String) value, "adsAccountId"))
				.add("Mutation", mutation, IdempotencyExecutor.ARGUMENT, IdempotencyExecutor::requireKey);
		}
	}

	@SchemaMapping(typeName = "AdsAccount", field = "users")
	Mono<List<AccountUserView>> users(AdsAccountView account,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.access.users(tenant, account.id());
	}

	@SchemaMapping(typeName = "AdsAccount", field = "invitations")
	Mono<List<InvitationView>> invitations(AdsAccountView account,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.access.pendingInvitations(tenant, account.id());
	}

	@QueryMapping
	Mono<InvitationView> userInvitation(@Argument String id,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.access.invitation(tenant, requireInvitationId(id, "id"));
	}

	/**
	 * A repeat could send a second e-mail (or be refused as a duplicate), so an unknown
	 * outcome keeps the key.
	 */
	@MutationMapping
	Mono<InviteUsersPayload> inviteUsers(@Argument String adsAccountId, @Argument List<InvitationInput> invitations,
			@Argument Boolean notifyInvitedUsers, @ContextValue(TenantContextInterceptor.TENANT) Tenant tenant,
			DataFetchingEnvironment env) {
		return this.idempotency.execute(tenant.id(), env, InviteUsersPayload.class, IfOutcomeUnknown.KEEP_KEY,
				() -> this.access.invite(tenant, adsAccountId, invitations,
						notifyInvitedUsers == null || notifyInvitedUsers));
	}

	/**
	 * Resending again only restarts the two weeks again: an unknown outcome frees the
	 * key.
	 */
	@MutationMapping
	Mono<InvitationUpdatePayload> resendInvitations(@Argument String adsAccountId, @Argument List<String> invitationIds,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return this.idempotency.execute(tenant.id(), env, InvitationUpdatePayload.class, IfOutcomeUnknown.RELEASE_KEY,
				() -> this.access.update(tenant, adsAccountId, invitationIds, "RESENT"));
	}

	/** Revoking is final and harmless to repeat: an unknown outcome frees the key. */
	@MutationMapping
	Mono<InvitationUpdatePayload> revokeInvitations(@Argument String adsAccountId, @Argument List<String> invitationIds,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return this.idempotency.execute(tenant.id(), env, InvitationUpdatePayload.class, IfOutcomeUnknown.RELEASE_KEY,
				() -> this.access.update(tenant, adsAccountId, invitationIds, "REVOKED"));
	}

	/**
	 * The invitation's current status, then each change, until it is no longer pending;
	 * through one poller per tenant and invitation that all its subscribers share.
	 */
	@SubscriptionMapping
	Flux<InvitationStatusEvent> invitationStatus(@Argument String invitationId,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return SubscriptionErrors.tagged(Flux.defer(() -> {
			String id = requireInvitationId(invitationId, "invitationId");
			// GetUserInvitation, as userInvitation(id) reads it.
			Mono<InvitationView> poll = Mono.defer(() -> this.access.invitation(tenant, id))
				.switchIfEmpty(Mono.error(() -> new NotFoundException("No invitation " + id + " is known to Amazon.")));
			return this.watcher
				.poll(new WatchKey(tenant.id(), "userInvitation", id), InvitationView.class, poll,
						InvitationView::status, (invitation) -> invitation.status().isFinal())
				.map((invitation) -> new InvitationStatusEvent(id, invitation.status(), invitation,
						invitation.status().isFinal()));
		}), env);
	}

	/**
	 * Invitation ids are opaque (the sandbox's are UUIDs); what goes into a URL path must
	 * not carry separators.
	 */
	static String requireInvitationId(String value, String argument) {
		if (value == null || !value.matches("[A-Za-z0-9._:-]{1,200}")) {
			throw new BadUserInputException(
					argument + " must be an invitation id of letters, digits, '.', '_', ':' and '-'; got "
							+ ((value == null) ? "null" : "\"" + value + "\"") + ".");
		}
		return value;
	}

}
