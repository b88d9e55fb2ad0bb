package dev.adsgraph.readiness;

/**
 * The schema's {@code ReadinessStep}, plus whether an open step waits on Amazon rather
 * than on the user (which decides between WAITING and ACTION_NEEDED).
 */
record ReadinessStep(ReadinessStepKind kind, boolean done, String status, String nextAction, String link,
		boolean waiting) {

	/** Open, and nothing the user can do about it. */
	boolean waitsOnAmazon() {
		return !this.done && this.waiting;
	}

	/** Open, and the user has something to do (or to find out) about it. */
	boolean needsAction() {
		return !this.done && !this.waiting;
	}

}
