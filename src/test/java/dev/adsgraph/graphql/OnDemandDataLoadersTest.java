package dev.adsgraph.graphql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Data loaders built when a field first asks for one
 * ({@link OnDemandBatchLoaderRegistry}, {@link OnDemandDataLoaderRegistry}), alone and
 * under graphql-java with Spring's data loader observation.
 */
class OnDemandDataLoadersTest {

	private final List<Set<String>> detailBatches = new CopyOnWriteArrayList<>();

	private final OnDemandBatchLoaderRegistry registrations = registrations();

	private OnDemandBatchLoaderRegistry registrations() {
		OnDemandBatchLoaderRegistry registry = new OnDemandBatchLoaderRegistry();
		registry.<String, String>forName("details").registerMappedBatchLoader((names, env) -> {
			this.detailBatches.add(Set.copyOf(names));
			return Mono.just(names.stream().collect(Collectors.toMap(Function.identity(), (name) -> name + "!")));
		});
		registry.forTypePair(String.class, Integer.class)
			.registerBatchLoader((keys, env) -> Flux.fromIterable(keys).map(String::length));
		return registry;
	}

	@Test
	void aRequestsRegistryBuildsEachLoaderWhenFirstAskedAndOnlyOnce() {
		OnDemandDataLoaderRegistry request = new OnDemandDataLoaderRegistry();
		this.registrations.registerDataLoaders(request, GraphQLContext.getDefault());

		assertThat(request.getDataLoaders()).isEmpty();
		assertThat(request.getKeys()).containsExactlyInAnyOrder("details", Integer.class.getName());
		assertThat(request.getDataLoader("unknown")).isNull();
		assertThat(request.getDataLoaders()).isEmpty();

		DataLoader<String, Integer> lengths = request.getDataLoader(Integer.class.getName());
		assertThat(lengths).isNotNull();
		assertThat(request.<String, Integer>getDataLoader(Integer.class.getName())).isSameAs(lengths);
		assertThat(request.getDataLoaders()).containsExactly(lengths);
		var length = lengths.load("four");
		request.dispatchAll();
		assertThat(length.join()).isEqualTo(4);
	}

	@Test
	void fieldsOnSeveralThreadsGetOneLoader() {
		OnDemandDataLoaderRegistry request = new OnDemandDataLoaderRegistry();
		this.registrations.registerDataLoaders(request, GraphQLContext.getDefault());
		Set<DataLoader<?, ?>> seen = Collections
			.synchronizedSet(Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
		IntStream.range(0, 200).parallel().forEach((i) -> seen.add(request.getDataLoader("details")));
		assertThat(seen).hasSize(1);
		assertThat(request.getDataLoaders()).hasSize(1);
	}

	@Test
	void anyOtherRegistryGetsEveryLoaderAtOnce() {
		DataLoaderRegistry plain = new DataLoaderRegistry();
		this.registrations.registerDataLoaders(plain, GraphQLContext.getDefault());
		assertThat(plain.getKeys()).containsExactlyInAnyOrder("details", Integer.class.getName());
	}

	@Test
	void twoLoadersOfOneNameAreRefusedAsSpringRefusesThem() {
		OnDemandBatchLoaderRegistry registry = new OnDemandBatchLoaderRegistry();
		registry.forName("same").registerBatchLoader((keys, env) -> Flux.empty());
		registry.forTypePair(String.class, String.class)
			.withName("same")
			.registerBatchLoader((keys, env) -> Flux.empty());
		assertThat(registry.hasRegistrations()).isTrue();
		assertThatIllegalStateException()
			.isThrownBy(
					() -> registry.registerDataLoaders(new OnDemandDataLoaderRegistry(), GraphQLContext.getDefault()))
			.withMessage("More than one DataLoader named 'same'");
	}

	@Test
	void underGraphQlJavaOnlyTheLoadersFieldsUseAreBuiltAndTheyAreObserved() {
		List<String> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				observed.add(context.getName());
			}

		});
		List<DataLoaderRegistry> used = new ArrayList<>();
		DataFetcher<Object> detail = (env) -> {
			used.add(env.getDataLoaderRegistry());
			return env.<String, String>getDataLoader("details")
				.load(((Map<?, ?>) env.getSource()).get("name").toString());
		};
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
				new SchemaParser()
					.parse("type Query { plain: String items: [Item] } type Item { name: String detail: String }"),
				RuntimeWiring.newRuntimeWiring().type("Query", (type) -> type.dataFetcher("plain", (env) -> {
					used.add(env.getDataLoaderRegistry());
					return "plain";
				}).dataFetcher("items", (env) -> List.of(Map.of("name", "a"), Map.of("name", "b"))))
					.type("Item", (type) -> type.dataFetcher("detail", detail))
					.build());
		GraphQL graphQl = GraphQL.newGraphQL(schema)
			.instrumentation(new OnDemandDataLoaders.OnDemandObservationInstrumentation(observations, null, null, null))
			.build();

		ExecutionResult plain = graphQl.execute(input("{ plain }"));
		assertThat(plain.getErrors()).isEmpty();
		assertThat(used).singleElement().satisfies((registry) -> {
			assertThat(registry).isInstanceOf(OnDemandDataLoaderRegistry.class);
			assertThat(registry.getDataLoaders()).isEmpty();
		});
		assertThat(observed).doesNotContain("graphql.dataloader");

		used.clear();
		ExecutionResult items = graphQl.execute(input("{ items { name detail } }"));
		assertThat(items.getErrors()).isEmpty();
		assertThat(items.<Map<String, Object>>getData()).isEqualTo(
				Map.of("items", List.of(Map.of("name", "a", "detail", "a!"), Map.of("name", "b", "detail", "b!"))));
		assertThat(this.detailBatches).containsExactly(Set.of("a", "b"));
		assertThat(used).hasSize(2).allSatisfy((registry) -> assertThat(registry.getKeys()).contains("details"));
		assertThat(used.get(0).getDataLoaders()).singleElement()
			.satisfies((loader) -> assertThat(loader.getOptions().getInstrumentation()).isNotNull());
		assertThat(observed).contains("graphql.dataloader");
	}

	private ExecutionInput input(String query) {
		OnDemandDataLoaderRegistry registry = new OnDemandDataLoaderRegistry();
		ExecutionInput input = ExecutionInput.newExecutionInput(query).dataLoaderRegistry(registry).build();
		this.registrations.registerDataLoaders(registry, input.getGraphQLContext());
		return input;
	}

}
