package dev.adsgraph.managers;

import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Mono;

import dev.adsgraph.readiness.ReadinessCheck;
import dev.adsgraph.readiness.ReadinessStepKind;
import dev.adsgraph.readiness.ReadinessSubject;
import dev.adsgraph.readiness.StepState;

import org.springframework.stereotype.Component;

/**
 * ACCESS, the manager-account part: the account is linked, in at least one of its
 * countries, to one of the user's manager accounts. Every account of a response is
 * answered from the one cached list.
 */
@Component
class ManagerLinkReadinessCheck implements ReadinessCheck {

	static final String NEXT_ACTION = "Link the account to a manager account";

	private final ManagerAccountService managers;

	ManagerLinkReadinessCheck(ManagerAccountService managers) {
		this.managers = managers;
	}

	@Override
	public ReadinessStepKind kind() {
		return ReadinessStepKind.ACCESS;
	}

	@Override
	public Mono<StepState> check(ReadinessSubject account) {
		List<String> entityIds = account.countries()
			.stream()
			.map(ReadinessSubject.Country::entityId)
			.filter(Objects::nonNull)
			.toList();
		List<String> profileIds = account.countries()
			.stream()
			.map(ReadinessSubject.Country::profileId)
			.filter(Objects::nonNull)
			.toList();
		return ReadinessCheck.tenant()
			.flatMap((tenant) -> this.managers.linkedManagerName(tenant, entityIds, profileIds))
			.map((linked) -> linked
				.map((name) -> new StepState(true, "Linked to manager account " + name + ".", null, null))
				.orElseGet(() -> new StepState(false, "Not linked to a manager account.", NEXT_ACTION, null)));
	}

}
