package dev.adsgraph.graphql;

/**
 * Where automatic persisted queries are registered: a query document under the SHA-256 of
 * its text (lowercase hex, as Apollo's link sends it). The in-memory
 * {@link CaffeinePersistedQueryStore} is the default; a store shared by the replicas (for
 * example Redis) implements the same two methods, so that a document registered on one
 * replica is found by the next request on another. A store may forget a document at any
 * time: the client then gets {@code PersistedQueryNotFound} and sends it again.
 */
public interface PersistedQueryStore {

	/** The document registered under this hash, or {@code null}. */
	String get(String sha256);

	/** Registers a document whose hash was checked. */
	void put(String sha256, String document);

}
