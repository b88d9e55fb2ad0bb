package dev.adsgraph.caching;

import java.time.Duration;

import tools.jackson.core.type.TypeReference;

/**
 * Makes a replica's own cache one that several replicas share. Without it (the default,
 * one replica) each cache stays in memory; in Redis mode each becomes a second level in
 * Redis under the replica's memory (docs/scale-out.md), so what one replica read from
 * Amazon the others do not read again.
 */
public interface SharedKeyedCaches {

	/**
	 * The shared form of {@code local}.
	 * @param name the cache's name (part of its keys in the shared store)
	 * @param ttl how long an entry is used, as in {@code local}
	 * @param type the values' type, for storing them (as JSON) outside the JVM; the keys'
	 * {@code toString()} names them, so keys are records of identifiers
	 */
	<K, V> KeyedCache<K, V> share(String name, KeyedCache<K, V> local, Duration ttl, TypeReference<V> type);

	/** One replica: every cache stays as it is. */
	SharedKeyedCaches NONE = new SharedKeyedCaches() {

		@Override
		public <K, V> KeyedCache<K, V> share(String name, KeyedCache<K, V> local, Duration ttl, TypeReference<V> type) {
			return local;
		}

	};

}
