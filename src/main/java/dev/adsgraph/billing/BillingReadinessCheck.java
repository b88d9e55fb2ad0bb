package dev.adsgraph.billing;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.adsgraph.readiness.ReadinessCheck;
import dev.adsgraph.readiness.ReadinessStepKind;
import dev.adsgraph.readiness.ReadinessSubject;
import dev.adsgraph.readiness.StepState;

/**
 * The BILLING step of readiness: done when billing is set up in every country of the
 * account; otherwise "Set up billing", linking to the setup page.
 */
@Component
class BillingReadinessCheck implements ReadinessCheck {

	static final String NEXT_ACTION = "Set up billing";

	private final BillingService billing;

	BillingReadinessCheck(BillingService billing) {
		this.billing = billing;
	}

	@Override
	public ReadinessStepKind kind() {
		return ReadinessStepKind.BILLING;
	}

	@Override
	public Mono<StepState> check(ReadinessSubject account) {
		List<String[]> pairs = new ArrayList<>();
		account.countries().forEach((country) -> pairs.add(new String[] { country.countryCode(), country.entityId() }));
		List<CountryRef> refs = CountryRef.of(pairs);
		return ReadinessCheck.tenant()
			.flatMap((tenant) -> this.billing.countries(tenant, refs))
			.map((found) -> state(this.billing.account(account.adsAccountId(), refs, found)));
	}

	/** The step's state from the account's billing. */
	static StepState state(AccountBilling billing) {
		if (billing.setUp()) {
			return new StepState(true, "Billing is set up in every country.", null, null);
		}
		if (billing.countries().isEmpty()) {
			return new StepState(false, "Billing can be set up once the account is created in a country.", NEXT_ACTION,
					billing.setupUrl());
		}
		List<String> missing = billing.countries()
			.stream()
			.filter((country) -> !country.setUp())
			.map(CountryBilling::countryCode)
			.toList();
		return new StepState(false, "Billing is not set up in " + String.join(", ", missing) + ".", NEXT_ACTION,
				billing.setupUrl());
	}

}
