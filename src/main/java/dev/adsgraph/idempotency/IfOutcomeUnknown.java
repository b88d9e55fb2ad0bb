package dev.adsgraph.idempotency;

/**
 * What a key does after an execution that may or may not have been carried out at Amazon
 * (a 5xx, no answer after the request was sent, a timeout): the mutation says which is
 * safe.
 */
public enum IfOutcomeUnknown {

	/**
	 * The mutation creates something, and a repeat could create a second one: the key
	 * keeps answering {@code IDEMPOTENCY_OUTCOME_UNKNOWN} until the retention ends, so
	 * the caller looks before sending again with a new key.
	 */
	KEEP_KEY,

	/**
	 * A repeat is harmless (a second terms token nobody uses, the same values written
	 * again): the key is released and the next call with it executes again.
	 */
	RELEASE_KEY

}
