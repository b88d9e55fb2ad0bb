package dev.adsgraph.billing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.adsgraph.readiness.ReadinessCheck;
import dev.adsgraph.readiness.ReadinessStepKind;
import dev.adsgraph.readiness.ReadinessSubject;
import dev.adsgraph.readiness.StepState;
import dev.adsgraph.tenancy.Tenant;

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
			.flatMap((tenant) -> this.billing.countries(tenant, refs)
				.flatMap((cached) -> recheckOpen(tenant, refs, cached)))
			.map((found) -> state(this.billing.account(account.adsAccountId(), refs, found)));
	}

	/**
	 * The cached answers, with the countries they show as not set up read from Amazon
	 * again: the user may have just completed Amazon's billing page, and readiness is
	 * what a dashboard polls to move on (a set-up country stays cached for
	 * {@code adsgraph.billing.status-ttl}: billing that is set up rarely goes away).
	 */
	private Mono<Map<CountryRef, CountryBilling>> recheckOpen(Tenant tenant, List<CountryRef> refs,
			Map<CountryRef, CountryBilling> cached) {
		List<CountryRef> open = refs.stream().filter((ref) -> {
			CountryBilling billing = cached.get(ref);
			return billing == null || !billing.setUp();
		}).toList();
		if (open.isEmpty()) {
			return Mono.just(cached);
		}
		return this.billing.fresh(tenant, open).map((fresh) -> {
			Map<CountryRef, CountryBilling> merged = new LinkedHashMap<>(cached);
			merged.putAll(fresh);
			return merged;
		});
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
