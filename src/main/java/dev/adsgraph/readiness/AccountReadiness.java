package dev.adsgraph.readiness;

import java.util.List;

/** The schema's {@code AccountReadiness}. */
record AccountReadiness(ReadinessState state, String summary, ReadinessStep nextStep, List<ReadinessStep> steps) {

	boolean ready() {
		return this.state == ReadinessState.READY_TO_ADVERTISE;
	}

}
