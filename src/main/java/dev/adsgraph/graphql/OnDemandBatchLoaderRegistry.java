package dev.adsgraph.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.GraphQLContext;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.DefaultBatchLoaderRegistry;

/**
 * Spring for GraphQL's {@link BatchLoaderRegistry}, but each request's
 * {@link org.dataloader.DataLoader}s are built when a field first asks for one, not all
 * of them for every request. Spring's {@link DefaultBatchLoaderRegistry} builds every
 * registered loader (19 here: each {@code @BatchMapping} and each loader registered by
 * name) for every request, and its observation instrumentation builds each once more to
 * instrument it, whether or not the request's fields use any: a status poll, which uses
 * none, built 38 loaders with their caches and options.
 * <p>
 * Each registration is kept in a {@link DefaultBatchLoaderRegistry} of its own, so the
 * loaders are built exactly as Spring builds them (options, Reactor context, the
 * request's {@link GraphQLContext}). Given an {@link OnDemandDataLoaderRegistry} (which
 * {@link OnDemandDataLoaders} puts into every web request), it only tells that registry
 * which loaders it can build; given any other registry it fills it at once, as Spring
 * does.
 */
public class OnDemandBatchLoaderRegistry implements BatchLoaderRegistry {

	private final List<DefaultBatchLoaderRegistry> registrations = new ArrayList<>();

	/** Each loader's name and the registration that builds it; read once, when needed. */
	private volatile Map<String, DefaultBatchLoaderRegistry> byName;

	@Override
	public <K, V> RegistrationSpec<K, V> forTypePair(Class<K> keyType, Class<V> valueType) {
		return added().forTypePair(keyType, valueType);
	}

	@Override
	public <K, V> RegistrationSpec<K, V> forName(String name) {
		return added().forName(name);
	}

	private synchronized DefaultBatchLoaderRegistry added() {
		DefaultBatchLoaderRegistry registration = new DefaultBatchLoaderRegistry();
		this.registrations.add(registration);
		this.byName = null;
		return registration;
	}

	@Override
	public synchronized boolean hasRegistrations() {
		return this.registrations.stream().anyMatch(DefaultBatchLoaderRegistry::hasRegistrations);
	}

	@Override
	public void registerDataLoaders(DataLoaderRegistry registry, GraphQLContext context) {
		// Read (once) here, so that two loaders of one name fail the first request, as
		// with Spring's registry.
		Map<String, DefaultBatchLoaderRegistry> names = byName();
		if (registry instanceof OnDemandDataLoaderRegistry onDemand) {
			onDemand.buildFrom(this, context);
			return;
		}
		for (DefaultBatchLoaderRegistry registration : names.values()) {
			registration.registerDataLoaders(registry, context);
		}
	}

	/** The names of the loaders this registry builds. */
	Set<String> names() {
		return byName().keySet();
	}

	/**
	 * A new loader for one request, as Spring builds it; {@code null} for a name nothing
	 * was registered under.
	 */
	DataLoader<?, ?> build(String name, GraphQLContext context) {
		DefaultBatchLoaderRegistry registration = byName().get(name);
		if (registration == null) {
			return null;
		}
		DataLoaderRegistry one = new DataLoaderRegistry();
		registration.registerDataLoaders(one, context);
		return one.getDataLoader(name);
	}

	private Map<String, DefaultBatchLoaderRegistry> byName() {
		Map<String, DefaultBatchLoaderRegistry> names = this.byName;
		if (names == null) {
			names = indexed();
		}
		return names;
	}

	/**
	 * Reads each registration's name by building its loader once: a registration's name
	 * may be set after it was begun ({@code withName}), and for a type pair it is the
	 * value type's, as Spring chooses it.
	 */
	private synchronized Map<String, DefaultBatchLoaderRegistry> indexed() {
		Map<String, DefaultBatchLoaderRegistry> names = this.byName;
		if (names != null) {
			return names;
		}
		names = new HashMap<>();
		for (DefaultBatchLoaderRegistry registration : this.registrations) {
			DataLoaderRegistry probe = new DataLoaderRegistry();
			registration.registerDataLoaders(probe, GraphQLContext.getDefault());
			for (String name : probe.getKeys()) {
				if (names.putIfAbsent(name, registration) != null) {
					throw new IllegalStateException("More than one DataLoader named '" + name + "'");
				}
			}
		}
		names = Map.copyOf(names);
		this.byName = names;
		return names;
	}

}
