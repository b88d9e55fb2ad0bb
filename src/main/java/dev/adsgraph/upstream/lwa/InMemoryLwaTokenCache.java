package dev.adsgraph.upstream.lwa;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * The single-replica {@link LwaTokenCache}. One entry per credential, replaced on every
 * refresh, so it grows only with the number of credentials in use.
 */
public final class InMemoryLwaTokenCache implements LwaTokenCache {

	private final Map<String, LwaAccessToken> tokens = new ConcurrentHashMap<>();

	@Override
	public Mono<LwaAccessToken> get(String key) {
		return Mono.fromSupplier(() -> this.tokens.get(key));
	}

	@Override
	public Mono<Void> put(String key, LwaAccessToken token) {
		return Mono.fromRunnable(() -> this.tokens.put(key, token));
	}

	@Override
	public Mono<Void> evict(String key) {
		return Mono.fromRunnable(() -> this.tokens.remove(key));
	}

}
