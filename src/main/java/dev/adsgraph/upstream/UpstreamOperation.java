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

	/**
	 * What the catalogue entry declares: the one field each catalogue's constants hold.
	 */
	Endpoint endpoint();

	/** {@code ads}, {@code sp} or {@code lwa}. */
	default String upstream() {
		return endpoint().upstream();
	}

	/**
	 * The spec's operationId: the operation's name in metrics, logs, errors and
	 * configuration keys.
	 */
	default String id() {
		return endpoint().id();
	}

	default HttpMethod method() {
		return endpoint().method();
	}

	/** The path template as the spec writes it, below the host. */
	default String path() {
		return endpoint().path();
	}

	/**
	 * The contract file that specifies this operation, relative to
	 * {@code src/test/resources/contracts/} (for example
	 * {@code sp-api/fbaInventory.json}); null when Amazon publishes none (LWA).
	 */
	default String specFile() {
		return endpoint().specFile();
	}

	/** Whether the call may be repeated when its outcome is unknown. */
	default Repeat repeat() {
		return endpoint().repeat();
	}

	default boolean safeToRepeat() {
		return repeat() == Repeat.SAFE;
	}

	/**
	 * One operation's declaration.
	 *
	 * @param upstream {@code ads}, {@code sp} or {@code lwa}
	 * @param id the spec's operationId
	 * @param method the HTTP method
	 * @param path the path template as the spec writes it, below the host
	 * @param specFile the contract file below {@code src/test/resources/contracts/}, or
	 * null when Amazon publishes none
	 * @param repeat whether a call whose outcome is unknown may be repeated
	 */
	record Endpoint(String upstream, String id, HttpMethod method, String path, String specFile, Repeat repeat) {

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
