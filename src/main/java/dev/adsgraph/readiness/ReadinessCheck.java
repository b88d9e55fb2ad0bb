package dev.adsgraph.readiness;

import reactor.core.publisher.Mono;

/**
 * One family's part of an ads account's readiness, as a Spring bean. Readiness runs every
 * check of a step's kind for an account and combines them with AND, so a family can add a
 * condition to a step (ACCESS: a manager link, and no pending invitation) without knowing
 * the others.
 */
public interface ReadinessCheck {

	/** The step this check is a condition of. */
	ReadinessStepKind kind();

	/**
	 * Whether the account passes this check, read for the calling tenant as the family's
	 * other fields read it.
	 */
	Mono<StepState> check(ReadinessSubject account);

}
