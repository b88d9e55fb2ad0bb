package dev.adsgraph.access;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.adsgraph.readiness.ReadinessCheck;
import dev.adsgraph.readiness.ReadinessStepKind;
import dev.adsgraph.readiness.ReadinessSubject;
import dev.adsgraph.readiness.StepState;

/**
 * The ACCESS step's user access condition: no invitation of the account is pending
 * (Amazon's ListUserInvitations lists only pending ones). The manager-account link is
 * another check of the same kind, combined with this one by AND.
 */
@Component
class AccessReadinessCheck implements ReadinessCheck {

	private final AccessService access;

	AccessReadinessCheck(AccessService access) {
		this.access = access;
	}

	@Override
	public ReadinessStepKind kind() {
		return ReadinessStepKind.ACCESS;
	}

	@Override
	public Mono<StepState> check(ReadinessSubject account) {
		return ReadinessCheck.tenant()
			.flatMap((tenant) -> this.access.pendingInvitationsForReadiness(tenant, account.adsAccountId()))
			.map((pending) -> pending.isEmpty() ? new StepState(true, "No pending invitation.", null, null)
					: new StepState(false,
							pending.size() + ((pending.size() == 1) ? " invitation is" : " invitations are")
									+ " pending.",
							"Wait for the invited users to accept, or revoke the invitations they will not use.",
							null));
	}

}
