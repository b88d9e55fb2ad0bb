package dev.adsgraph.sandbox.control;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.adsgraph.sandbox.ads.ErrorFamily;
import dev.adsgraph.sandbox.ads.UserAccessHandler;
import dev.adsgraph.sandbox.ads.UserInvitations;
import dev.adsgraph.sandbox.core.Reply;

/**
 * Control endpoints for user invitations, standing in for what happens outside the API:
 * the invitee following the e-mail and accepting ({@code redeem}), and time passing
 * beyond the invitation's two weeks ({@code expire}).
 */
public final class UserInvitationControl {

	private final UserInvitations invitations;

	public UserInvitationControl(UserInvitations invitations) {
		this.invitations = invitations;
	}

	/**
	 * {@code POST /sandbox/userInvitations/{invitationId}/redeem}: the invitee accepts;
	 * the invitation becomes REDEEMED and the invitee a user of the account. 404 for an
	 * unknown invitation, 409 for one that is no longer pending.
	 */
	public Mono<ServerResponse> redeem(ServerRequest request) {
		String id = request.pathVariable("invitationId");
		UserInvitations.Invitation invitation = this.invitations.find(id).orElse(null);
		if (invitation == null) {
			return notFound(id);
		}
		String refusal = this.invitations.redeem(id, UserAccessHandler.amazonUserId(invitation.email()));
		if (refusal != null) {
			return Reply
				.json(409, ErrorFamily.ordered("code", "CONFLICT", "details",
						"The invitation is " + refusal + " and cannot be redeemed."))
				.toResponse();
		}
		return Reply.json(200, ErrorFamily.ordered("invitationId", id, "state", UserInvitations.REDEEMED)).toResponse();
	}

	/**
	 * {@code POST /sandbox/userInvitations/{invitationId}/expire}: a pending invitation
	 * expires now; any other keeps its state.
	 */
	public Mono<ServerResponse> expire(ServerRequest request) {
		String id = request.pathVariable("invitationId");
		return this.invitations.expire(id)
			.map((invitation) -> Reply.json(200, ErrorFamily.ordered("invitationId", id, "state", invitation.state()))
				.toResponse())
			.orElseGet(() -> notFound(id));
	}

	private static Mono<ServerResponse> notFound(String id) {
		return Reply
			.json(404, ErrorFamily.ordered("code", "NOT_FOUND", "details", "Invitation " + id + " does not exist."))
			.toResponse();
	}

}
