package dev.adsgraph.readiness;

import dev.adsgraph.tenancy.Tenant;
import reactor.core.publisher.Mono;

/**
 * One family's part of an ads account's readiness, as a Spring bean. Readiness runs every
 * check of a step's kind for an account and combines them with AND, so a family can add a
 * condition to a step (ACCESS: a manager link, and no pending invitation) without knowing
 * the others.
 * <p>
 * Readiness calls {@link #check} with the calling tenant in the Reactor context: read it
 * with {@link #tenant()} ({@code ReadinessCheck.tenant().flatMap((tenant) -> ...)}), then
 * call the family's service as its own fields do. Checks of one GraphQL response run
 * concurrently, so a family that can answer many accounts with one upstream call batches
 * them itself (a cached list, or a short-lived in-flight map keyed by tenant).
 */
public interface ReadinessCheck {

	/** The step this check is a condition of. */
	ReadinessStepKind kind();

	/**
	 * Whether the account passes this check, read for the calling tenant as the family's
	 * other fields read it.
	 */
	Mono<StepState> check(ReadinessSubject account);

	/**
	 * The tenant readiness runs the check for, from the Reactor context; an error when
	 * called outside a check.
	 */
	static Mono<Tenant> tenant() {
		return Mono.deferContextual((context) -> context.<Tenant>getOrEmpty(Tenant.class)
			.map(Mono::just)
			.orElseGet(() -> Mono.error(new IllegalStateException("ReadinessCheck.tenant() outside a check"))));
	}

}
