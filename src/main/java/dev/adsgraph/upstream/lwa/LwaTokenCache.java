package dev.adsgraph.upstream.lwa;

import reactor.core.publisher.Mono;

/**
 * Where access tokens wait between refreshes. In memory by default; several replicas will
 * later share one behind Redis, hence the reactive signatures. Keys are built by
 * {@link LwaTokenService} from the client id and a SHA-256 of the refresh token, so an
 * implementation never sees a raw secret in a key.
 */
public interface LwaTokenCache {

	/** The stored token, expired or not; empty when there is none. */
	Mono<LwaAccessToken> get(String key);

	Mono<Void> put(String key, LwaAccessToken token);

	Mono<Void> evict(String key);

}
