package dev.adsgraph.graphql;

import reactor.core.publisher.Mono;

/**
 * Where automatic persisted queries are registered: a query document under the SHA-256 of
 * its text (lowercase hex, as Apollo's link sends it). The in-memory
 * {@link CaffeinePersistedQueryStore} is the default; a store shared by the replicas
 * ({@link RedisPersistedQueryStore}) implements the same two methods, so that a document
 * registered on one replica is found by the next request on another. Both are called on
 * the request path and never wait on the network there: {@link #get} answers later, and
 * {@link #put} returns at once. A store may forget a document at any time: the client
 * then gets {@code PersistedQueryNotFound} and sends it again.
 */
public interface PersistedQueryStore {

	/**
	 * The document registered under this hash; empty when none is (or the store cannot
	 * tell now: it never fails).
	 */
	Mono<String> get(String sha256);

	/**
	 * Registers a document whose hash was checked; returns at once, and a store that
	 * cannot keep it drops it.
	 */
	void put(String sha256, String document);

}
