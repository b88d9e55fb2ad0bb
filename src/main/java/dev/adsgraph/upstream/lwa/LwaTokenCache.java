package dev.adsgraph.upstream.lwa;

import java.util.function.Predicate;

import reactor.core.publisher.Mono;

/**
 * Where access tokens wait between refreshes. In memory by default; replicas in Redis
 * mode share one ({@link RedisLwaTokenCache}), hence the reactive signatures. Keys are
 * built by {@link LwaTokenService} from the client id and a SHA-256 of the refresh token,
 * so an implementation never sees a raw secret in a key.
 */
public interface LwaTokenCache {

	/** The stored token, expired or not; empty when there is none. */
	Mono<LwaAccessToken> get(String key);

	Mono<Void> put(String key, LwaAccessToken token);

	Mono<Void> evict(String key);

	/**
	 * Runs {@code request} for a new token of this credential and keeps its answer. The
	 * caller has found no usable token here and runs one refresh per key at a time; a
	 * cache shared by replicas also makes sure that only one of them runs it, the others
	 * taking its result.
	 * @param usable whether a token found meanwhile is good enough (not expiring soon)
	 */
	default Mono<LwaAccessToken> refresh(String key, LwaCredentials credentials, Predicate<LwaAccessToken> usable,
			Mono<LwaAccessToken> request) {
		return request.flatMap((token) -> put(key, token).thenReturn(token));
	}

}
