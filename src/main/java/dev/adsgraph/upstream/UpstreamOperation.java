package dev.adsgraph.upstream;

import org.springframework.http.HttpMethod;

/**
 * One operation of an upstream API, declared once in its API's catalogue
 * ({@link dev.adsgraph.upstream.ads.AdsOperation},
 * {@link dev.adsgraph.upstream.sp.SpOperation},
 * {@link dev.adsgraph.upstream.lwa.LwaOperation}). The client builds the request from it,
 * the resilience guard reads whether it may be repeated, the SP-API rate limiter its
 * usage plan, and the metrics and logs its id; so a call cannot be made with an operation
 * that one of them does not know. {@code CatalogueContractTest} walks every catalogue
 * against the contract files in {@code src/test/resources/contracts/}.
 */
public interface UpstreamOperation {

	/** {@code ads}, {@code sp} or {@code lwa}. */
	String upstream();

	/**
	 * The spec's operationId: the operation's name in metrics, logs, errors and
	 * configuration keys.
	 */
	String id();

	HttpMethod method();

	/** The path template as the spec writes it, below the host. */
	String path();

	/**
	 * The contract file that specifies this operation, relative to
	 * {@code src/test/resources/contracts/} (for example
	 * {@code sp-api/fbaInventory.json}); null when Amazon publishes none (LWA).
	 */
	String specFile();

	/** Whether the call may be repeated when its outcome is unknown. */
	Repeat repeat();

	default boolean safeToRepeat() {
		return repeat() == Repeat.SAFE;
	}

	/**
	 * Whether repeating a call whose outcome is unknown can change anything at Amazon.
	 */
	enum Repeat {

		/**
		 * Reads, queries sent as POST, token requests, and requests whose repetition
		 * Amazon recognises or that only cost a little quota.
		 */
		SAFE,

		/**
		 * Amazon may have acted on it: a repeat could create or change something twice,
		 * so only the caller decides, with an idempotency key.
		 */
		UNSAFE

	}

}
