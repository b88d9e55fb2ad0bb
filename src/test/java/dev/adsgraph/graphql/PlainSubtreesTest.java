package dev.adsgraph.graphql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.ExecutionStrategy;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.ValueUnboxer;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PlainSubtrees}, through the query strategy that uses it, against graphql-java's
 * own strategy on the same schema, values and queries: the same answers and errors
 * (paths, messages, nulls bubbling up), whether the walk completes an object or gives it
 * back; and the walk is taken where it can be (counted by the instrumentation hook
 * graphql-java calls for every field it completes itself).
 */
class PlainSubtreesTest {

	private static final String SDL = """
			type Query { shelf: Shelf items: [Item] item: Item strict: [Strict] loaded: [Item] }
			type Shelf { name: String items: [Item!]! }
			type Item { name: String! size: Int price: Money kind: Kind ranks: [Rank!] tags: [String]
			  maybe: String other: Item }
			type Rank { title: String rank: Int! }
			type Money { amount: Float currencyCode: String }
			type Strict { name: String! }
			enum Kind { SMALL LARGE }
			""";

	public record Money(BigDecimal amount, String currencyCode) {
	}

	public record Rank(String title, Integer rank) {
	}

	public enum Kind {

		SMALL, LARGE

	}

	public record Item(String name, Integer size, Money price, Object kind, List<Rank> ranks, Object tags,
			Optional<String> maybe, Item other) {

		public String broken() {
			throw new IllegalStateException("broken getter");
		}

	}

	public record Shelf(String name, List<Item> items) {
	}

	public record Strict(String name) {
	}

	private static Item item(int i) {
		return new Item("item" + i, i, new Money(new BigDecimal(i + ".25"), "USD"), (i % 2 == 0) ? Kind.SMALL : "LARGE",
				List.of(new Rank("Toys", i), new Rank("Games", i * 10)), List.of("a" + i, "b"),
				(i % 3 == 0) ? Optional.empty() : Optional.of("m" + i), (i % 4 == 0) ? item(i + 1) : null);
	}

	private static final List<Item> ITEMS = List.of(item(1), item(2), item(3), item(4), item(5));

	private static GraphQLSchema schema(List<?> strict, List<Item> items) {
		return new SchemaGenerator()
			.makeExecutableSchema(new SchemaParser().parse(SDL), RuntimeWiring.newRuntimeWiring()
				.type("Query", (type) -> type.dataFetcher("shelf", (DataFetcher<?>) (env) -> new Shelf("top", items))
					.dataFetcher("items", (DataFetcher<?>) (env) -> items)
					.dataFetcher("item", (DataFetcher<?>) (env) -> items.get(0))
					.dataFetcher("strict", (DataFetcher<?>) (env) -> strict)
					.dataFetcher("loaded", (DataFetcher<?>) (env) -> CompletableFuture.supplyAsync(() -> items)))
				.build());
	}

	private static final String QUERY = """
			query($big: Boolean!) {
			  shelf { name items { ...ItemParts alias: size } }
			  items { __typename name size price { amount currencyCode } kind ranks { title rank }
			    tags maybe other { name other { name } } extra: price @include(if: $big) { amount } }
			  item { ...ItemParts }
			  loaded { name ranks { rank } }
			}
			fragment ItemParts on Item { name kind price { currencyCode } ranks @skip(if: $big) { title } }
			""";

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void plainObjectsAnswerAsGraphqlJavaDoesAndTakeTheWalk(boolean big) {
		CountingFetches counting = new CountingFetches();
		ExecutionResult walked = run(budgeted(), counting, schema(List.of(), ITEMS), QUERY, Map.of("big", big));
		CountingFetches plain = new CountingFetches();
		ExecutionResult expected = run(new AsyncExecutionStrategy(), plain, schema(List.of(), ITEMS), QUERY,
				Map.of("big", big));

		assertThat(expected.getErrors()).isEmpty();
		assertThat(walked.toSpecification()).isEqualTo(expected.toSpecification());
		// graphql-java completes the root fields and asks the hook once per plain
		// selection, not once per field of every item.
		assertThat(counting.fields.get()).isLessThan(plain.fields.get() / 3);
	}

	@Test
	void anObjectTheWalkCannotCompleteIsGraphqlJavasWithItsErrors() {
		List<Item> odd = new ArrayList<>(ITEMS);
		// A null in a non-null field, a value that does not serialize (an enum value
		// that is not one), a list that is not one.
		odd.set(1, new Item(null, 2, null, "MEDIUM", List.of(), "not a list", Optional.empty(), null));
		odd.set(3, new Item("item4", 4, null, Kind.LARGE, null, 42, Optional.of("x"), item(9)));
		List<Strict> strict = new ArrayList<>();
		strict.add(new Strict("fine"));
		strict.add(new Strict(null));
		String query = """
				{ items { name kind tags other { name } } shelf { items { name size } } strict { name }
				  item { name ranks { rank } } }""";
		ExecutionResult walked = run(budgeted(), new CountingFetches(), schema(strict, odd), query, Map.of());
		ExecutionResult expected = run(new AsyncExecutionStrategy(), new CountingFetches(), schema(strict, odd), query,
				Map.of());

		assertThat(expected.getErrors()).hasSizeGreaterThanOrEqualTo(3);
		assertThat(walked.toSpecification()).isEqualTo(expected.toSpecification());
	}

	@Test
	void aRankOfNullInANonNullFieldBubblesAsGraphqlJavaMakesIt() {
		List<Item> odd = List
			.of(new Item("x", 1, null, Kind.SMALL, List.of(new Rank("Toys", null)), List.of(), Optional.empty(), null));
		String query = "{ items { name ranks { title rank } } item { ranks { rank } } }";
		ExecutionResult walked = run(budgeted(), new CountingFetches(), schema(List.of(), odd), query, Map.of());
		ExecutionResult expected = run(new AsyncExecutionStrategy(), new CountingFetches(), schema(List.of(), odd),
				query, Map.of());

		assertThat(expected.getErrors()).isNotEmpty();
		assertThat(walked.toSpecification()).isEqualTo(expected.toSpecification());
	}

	@Test
	void aPerFieldHookKeepsGraphqlJavasWay() {
		AtomicInteger executions = new AtomicInteger();
		Instrumentation perField = new SimplePerformantInstrumentation() {
			@Override
			public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters,
					InstrumentationState state) {
				executions.incrementAndGet();
				return null;
			}
		};
		ExecutionResult walked = run(budgeted(), perField, schema(List.of(), ITEMS), QUERY, Map.of("big", true));
		int perFieldWithWalk = executions.getAndSet(0);
		run(new AsyncExecutionStrategy(), perField, schema(List.of(), ITEMS), QUERY, Map.of("big", true));

		assertThat(walked.getErrors()).isEmpty();
		assertThat(perFieldWithWalk).isEqualTo(executions.get());
	}

	@Test
	void aSelectionWithAFieldOfItsOwnFetcherIsGraphqlJavas() {
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL),
				RuntimeWiring.newRuntimeWiring()
					.type("Query", (type) -> type.dataFetcher("items", (DataFetcher<?>) (env) -> ITEMS))
					.type("Item", (type) -> type.dataFetcher("maybe", (DataFetcher<?>) (env) -> "computed"))
					.build());
		String query = "{ items { name maybe price { amount } } }";
		CountingFetches counting = new CountingFetches();
		ExecutionResult walked = run(budgeted(), counting, schema, query, Map.of());
		CountingFetches plain = new CountingFetches();
		ExecutionResult expected = run(new AsyncExecutionStrategy(), plain, schema, query, Map.of());

		assertThat(walked.toSpecification()).isEqualTo(expected.toSpecification());
		// Items are graphql-java's (their own fetcher), their prices are walked.
		assertThat(counting.fields.get()).isLessThan(plain.fields.get()).isGreaterThan(ITEMS.size() * 2);
	}

	@Test
	void anUnboxerOfTheApplicationsSeesEveryValueAsGraphqlJavaShowsItThem() {
		// graphql-java unboxes a fetched value once when fetched and once when completed,
		// the walk once: the same for an unboxer that, like its own, unwraps to a value
		// it
		// leaves as it is.
		ValueUnboxer shouting = (value) -> {
			Object unboxed = ValueUnboxer.DEFAULT.unbox(value);
			return (unboxed instanceof String text) ? text.toUpperCase(Locale.ROOT) : unboxed;
		};
		String query = "{ items { name size tags price { amount currencyCode } ranks { title rank } maybe } }";
		CountingFetches counting = new CountingFetches();
		ExecutionResult walked = run(budgeted(), counting, schema(List.of(), ITEMS), query, Map.of(), shouting);
		ExecutionResult expected = run(new AsyncExecutionStrategy(), new CountingFetches(), schema(List.of(), ITEMS),
				query, Map.of(), shouting);

		assertThat(expected.getErrors()).isEmpty();
		assertThat(walked.toSpecification()).isEqualTo(expected.toSpecification());
		assertThat(walked.toSpecification().toString()).contains("ITEM1", "USD", "TOYS");
		assertThat(counting.fields.get()).as("the walk was taken").isLessThan(ITEMS.size() * 3);
	}

	/** A bean with getters, {@code is} for its boolean. */
	public static final class Bean {

		public String getName() {
			return "bean";
		}

		public Integer getSize() {
			return 2;
		}

		public boolean isActive() {
			return true;
		}

	}

	/** Public fields and no getters: graphql-java reads the fields. */
	public static final class Fields {

		public final String name = "fields";

		public final Integer size = 3;

		public final Boolean active = false;

	}

	public record Thing(String name, Integer size, Boolean active) {
	}

	@Test
	void propertiesOfMapsGettersFieldsAndRecordsAnswerAsGraphqlJavaReadsThem() {
		Map<String, Object> map = new HashMap<>();
		map.put("name", "map");
		map.put("size", 1);
		map.put("active", null);
		List<Object> things = List.of(map, new Bean(), new Fields(), new Thing("record", 4, true), new Bean(),
				new Thing("again", null, false), new Fields());
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
				new SchemaParser()
					.parse("type Query { things: [Thing] } type Thing { name: String size: Int active: Boolean }"),
				RuntimeWiring.newRuntimeWiring()
					.type("Query", (type) -> type.dataFetcher("things", (DataFetcher<?>) (env) -> things))
					.build());
		String query = "{ things { name size active } }";
		CountingFetches counting = new CountingFetches();
		ExecutionResult walked = run(budgeted(), counting, schema, query, Map.of());
		ExecutionResult expected = run(new AsyncExecutionStrategy(), new CountingFetches(), schema, query, Map.of());

		assertThat(expected.getErrors()).isEmpty();
		assertThat(walked.toSpecification()).isEqualTo(expected.toSpecification());
		assertThat(walked.toSpecification().toString()).contains("bean", "fields", "record", "again", "map");
		assertThat(counting.fields.get()).as("the walk was taken").isLessThan(things.size());
	}

	private static ExecutionStrategy budgeted() {
		return new BudgetedExecutionStrategy(new SimpleDataFetcherExceptionHandler(), new ComplexityBudget(1_000));
	}

	private static ExecutionResult run(ExecutionStrategy strategy, Instrumentation instrumentation,
			GraphQLSchema schema, String query, Map<String, Object> variables) {
		return run(strategy, instrumentation, schema, query, variables, ValueUnboxer.DEFAULT);
	}

	private static ExecutionResult run(ExecutionStrategy strategy, Instrumentation instrumentation,
			GraphQLSchema schema, String query, Map<String, Object> variables, ValueUnboxer unboxer) {
		DataLoaderRegistry loaders = DataLoaderRegistry.newRegistry()
			.register("unused", DataLoaderFactory.newDataLoader((keys) -> CompletableFuture.completedFuture(keys)))
			.build();
		return GraphQL.newGraphQL(schema)
			.queryExecutionStrategy(strategy)
			.instrumentation(instrumentation)
			.valueUnboxer(unboxer)
			.build()
			.execute(ExecutionInput.newExecutionInput(query).variables(variables).dataLoaderRegistry(loaders));
	}

	/** Counts graphql-java's per-field fetcher instrumentation calls. */
	private static final class CountingFetches extends SimplePerformantInstrumentation {

		final AtomicInteger fields = new AtomicInteger();

		@Override
		public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher,
				InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
			this.fields.incrementAndGet();
			return fetcher;
		}

	}

}
