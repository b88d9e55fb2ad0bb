package dev.adsgraph.watch;

import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;

/**
 * Where the pollers of several replicas meet (Redis mode): for each {@link WatchKey} one
 * replica polls and the others follow its events.
 */
interface WatchCluster {

	/**
	 * The events of {@code key}, polled by {@code source} on this replica when it holds
	 * the key's lease, or received from the replica that does. Subscribed once per key
	 * and replica at a time (the watcher's own sharing sees to that).
	 * @param state the part of a value whose change is worth telling; repeats are dropped
	 */
	<T> Flux<T> share(WatchKey key, Class<T> type, Function<T, ?> state, Supplier<Flux<T>> source);

	/** The keys this replica polls itself now. */
	Set<WatchKey> polling();

}
