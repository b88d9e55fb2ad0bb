package dev.adsgraph.readiness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.adsgraph.tenancy.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Runs the registration step itself and every {@link ReadinessCheck} bean by kind, all
 * steps of an account concurrently, and sums them up with {@link ReadinessRules}.
 */
@Service
class ReadinessService {

	private static final Logger logger = LoggerFactory.getLogger(ReadinessService.class);

	private final Map<ReadinessStepKind, List<ReadinessCheck>> checks = new EnumMap<>(ReadinessStepKind.class);

	ReadinessService(ObjectProvider<ReadinessCheck> checks) {
		for (ReadinessStepKind kind : ReadinessStepKind.values()) {
			this.checks.put(kind, new ArrayList<>());
		}
		checks.orderedStream().forEach((check) -> this.checks.get(check.kind()).add(check));
	}

	/**
	 * The readiness of one account for the tenant.
	 * @param account the account the checks look at
	 * @param countryErrors why Amazon did not create the account in some countries, in
	 * words ("MX: CODE (message)")
	 */
	Mono<AccountReadiness> readiness(Tenant tenant, ReadinessSubject account, List<String> countryErrors) {
		ReadinessStep registration = ReadinessRules.registration(account.status(), countryErrors);
		boolean checkable = registration.done() || "PARTIALLY_CREATED".equals(account.status());
		List<Mono<ReadinessStep>> steps = new ArrayList<>();
		steps.add(Mono.just(registration));
		for (ReadinessStepKind kind : ReadinessStepKind.values()) {
			if (kind == ReadinessStepKind.REGISTRATION) {
				continue;
			}
			List<ReadinessCheck> ofKind = this.checks.get(kind);
			if (!checkable) {
				// Nothing to check (or to do) before Amazon creates the account.
				steps.add(Mono.just(ReadinessRules.blockedByRegistration(kind, registration.waiting())));
			}
			else if (ofKind.isEmpty()) {
				steps.add(Mono.just(ReadinessRules.notChecked(kind)));
			}
			else {
				steps.add(step(kind, ofKind, account));
			}
		}
		return Flux.mergeSequential(steps)
			.collectList()
			.map(ReadinessRules::summarise)
			.contextWrite(Context.of(Tenant.class, tenant));
	}

	/** The checks of one kind, concurrently, combined with AND. */
	private Mono<ReadinessStep> step(ReadinessStepKind kind, List<ReadinessCheck> checks, ReadinessSubject account) {
		return Flux
			.mergeSequential(checks.stream()
				.map((check) -> Mono.defer(() -> check.check(account))
					.switchIfEmpty(Mono
						.error(() -> new IllegalStateException(check.getClass().getName() + " answered nothing"))))
				.toList())
			.collectList()
			.map((states) -> ReadinessRules.combine(kind, states))
			.onErrorResume((ex) -> {
				logger.warn("The {} check of ads account {} failed: {}", kind, account.adsAccountId(), ex.toString());
				return Mono.just(ReadinessRules.unknown(kind, reason(ex)));
			});
	}

	boolean checks(ReadinessStepKind kind) {
		return !this.checks.get(kind).isEmpty();
	}

	private static String reason(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

}
