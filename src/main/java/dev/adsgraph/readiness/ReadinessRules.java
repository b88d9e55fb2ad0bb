package dev.adsgraph.readiness;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the steps of an account are decided and summed up. Pure functions: the checks'
 * answers in, the schema's values out.
 */
final class ReadinessRules {

	static final String READY = "Ready to advertise";

	static final String WAIT_FOR_AMAZON = "Wait for Amazon to create the account";

	private ReadinessRules() {
	}

	/**
	 * The REGISTRATION step from the account's status, with the countries' errors (as
	 * "MX: CODE (message)") when Amazon did not create it everywhere.
	 */
	static ReadinessStep registration(String status, List<String> countryErrors) {
		String errors = String.join("; ", countryErrors);
		return switch (status) {
			case "CREATED" -> new ReadinessStep(ReadinessStepKind.REGISTRATION, true, "Created", null, null, false);
			case "PENDING" -> new ReadinessStep(ReadinessStepKind.REGISTRATION, false,
					"Pending: Amazon is reviewing the registration", WAIT_FOR_AMAZON, null, true);
			case "PARTIALLY_CREATED" -> new ReadinessStep(ReadinessStepKind.REGISTRATION, false,
					"Partially created" + (errors.isEmpty() ? "" : ": " + errors),
					"Resolve what Amazon reported for the countries it did not create"
							+ (errors.isEmpty() ? "" : " (" + errors + ")"),
					null, false);
			case "DISABLED" -> new ReadinessStep(ReadinessStepKind.REGISTRATION, false,
					"Disabled" + (errors.isEmpty() ? "" : ": " + errors), "Resolve what Amazon reported"
							+ (errors.isEmpty() ? "" : " (" + errors + ")") + ", or register the account again",
					null, false);
			default -> new ReadinessStep(ReadinessStepKind.REGISTRATION, false, "Unknown status " + status,
					"Look the account up in the Amazon Ads console", null, false);
		};
	}

	/**
	 * A step that readiness does not check for this account yet: until the registration
	 * settles (waiting), or while it cannot advertise at all.
	 */
	static ReadinessStep blockedByRegistration(ReadinessStepKind kind, boolean registrationPending) {
		return registrationPending
				? new ReadinessStep(kind, false, "Waits for the account to be created", null, null, true)
				: new ReadinessStep(kind, false, "Not possible until the registration is resolved", null, null, false);
	}

	/** A step no {@link ReadinessCheck} answers in this gateway: never done. */
	static ReadinessStep notChecked(ReadinessStepKind kind) {
		return new ReadinessStep(kind, false, "Not checked: this gateway has no " + words(kind) + " check", null, null,
				false);
	}

	/**
	 * A step whose check failed: not done, and nothing the user can do but ask again
	 * later.
	 */
	static ReadinessStep unknown(ReadinessStepKind kind, String reason) {
		return new ReadinessStep(kind, false, "Could not be checked: " + reason, "Try again later", null, true);
	}

	/**
	 * Several checks of one kind combine with AND: the step is done when every check is;
	 * else it shows the open checks' states, and the first open check's action and link.
	 * No check at all is {@link #notChecked}.
	 */
	static ReadinessStep combine(ReadinessStepKind kind, List<StepState> states) {
		if (states.isEmpty()) {
			return notChecked(kind);
		}
		List<StepState> open = states.stream().filter((s) -> !s.done()).toList();
		if (open.isEmpty()) {
			return new ReadinessStep(kind, true, statuses(states), null, null, false);
		}
		StepState first = open.stream().filter((s) -> s.nextAction() != null).findFirst().orElse(open.get(0));
		return new ReadinessStep(kind, false, statuses(open), first.nextAction(), first.link(), false);
	}

	/**
	 * The account's state from its steps: ready when all are done, WAITING when every
	 * open step waits on Amazon, else ACTION_NEEDED; the next step is the first one the
	 * user can act on, else the first open one.
	 */
	static AccountReadiness summarise(List<ReadinessStep> steps) {
		ReadinessStep next = steps.stream()
			.filter(ReadinessStep::needsAction)
			.findFirst()
			.or(() -> steps.stream().filter((s) -> !s.done()).findFirst())
			.orElse(null);
		if (next == null) {
			return new AccountReadiness(ReadinessState.READY_TO_ADVERTISE, READY, null, steps);
		}
		ReadinessState state = steps.stream().anyMatch(ReadinessStep::needsAction) ? ReadinessState.ACTION_NEEDED
				: ReadinessState.WAITING;
		String summary = (next.nextAction() != null) ? next.nextAction() : capitalised(words(next.kind())) + ": "
				+ next.status().substring(0, 1).toLowerCase(java.util.Locale.ROOT) + next.status().substring(1);
		return new AccountReadiness(state, summary, next, steps);
	}

	static String words(ReadinessStepKind kind) {
		return switch (kind) {
			case REGISTRATION -> "registration";
			case BILLING -> "billing";
			case ACCESS -> "access";
		};
	}

	private static String capitalised(String words) {
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private static String statuses(List<StepState> states) {
		Set<String> distinct = states.stream()
			.map(StepState::status)
			.filter((s) -> s != null && !s.isBlank())
			.collect(Collectors.toCollection(LinkedHashSet::new));
		if (distinct.isEmpty()) {
			return states.stream().allMatch(StepState::done) ? "Done" : "Not done";
		}
		// Sentences follow one another; phrases are listed.
		return String.join(distinct.stream().allMatch((s) -> s.endsWith(".")) ? " " : "; ", distinct);
	}

}
