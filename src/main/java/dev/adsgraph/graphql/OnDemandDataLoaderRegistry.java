package dev.adsgraph.graphql;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import graphql.GraphQLContext;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.instrumentation.DataLoaderInstrumentation;

/**
 * One request's {@link DataLoaderRegistry} whose loaders are built on first use, by an
 * {@link OnDemandBatchLoaderRegistry}. What graphql-java dispatches at each level
 * ({@link #getDataLoaders()}, {@link #dispatchAll()}) is the loaders built so far, so a
 * request whose fields use no loader dispatches none. Safe for the fields of one request
 * resolved on several threads at once: each loader is built once.
 */
public final class OnDemandDataLoaderRegistry extends DataLoaderRegistry {

	/** What to build from; shared with the instrumented copy. */
	private final Source source;

	public OnDemandDataLoaderRegistry() {
		super(Map.of(), null);
		this.source = new Source();
	}

	private OnDemandDataLoaderRegistry(OnDemandDataLoaderRegistry registry, DataLoaderInstrumentation instrumentation) {
		super(registry.dataLoaders, instrumentation);
		this.source = registry.source;
	}

	/** Called by the batch loader registry for the request: what to build from. */
	void buildFrom(OnDemandBatchLoaderRegistry registrations, GraphQLContext context) {
		this.source.context = context;
		this.source.registrations = registrations;
	}

	/**
	 * The same registry, its loaders (those built and those to build) instrumented as
	 * {@link DataLoaderRegistry.Builder#instrumentation} would instrument them.
	 */
	public OnDemandDataLoaderRegistry instrumentedWith(DataLoaderInstrumentation instrumentation) {
		return new OnDemandDataLoaderRegistry(this, instrumentation);
	}

	@Override
	public <K, V> DataLoader<K, V> getDataLoader(String key) {
		DataLoader<K, V> built = super.getDataLoader(key);
		OnDemandBatchLoaderRegistry registrations = this.source.registrations;
		if (built != null || registrations == null || !registrations.names().contains(key)) {
			return built;
		}
		GraphQLContext context = this.source.context;
		return computeIfAbsent(key, (name) -> registrations.build(name, context));
	}

	/** Every name a field may ask for, built or not. */
	@Override
	public Set<String> getKeys() {
		Set<String> keys = new HashSet<>(super.getKeys());
		OnDemandBatchLoaderRegistry registrations = this.source.registrations;
		if (registrations != null) {
			keys.addAll(registrations.names());
		}
		return keys;
	}

	private static final class Source {

		private volatile OnDemandBatchLoaderRegistry registrations;

		private volatile GraphQLContext context;

	}

}
