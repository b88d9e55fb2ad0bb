package dev.adsgraph.readiness;

/** The schema's {@code ReadinessState}. */
enum ReadinessState {

	READY_TO_ADVERTISE, ACTION_NEEDED, WAITING

}
