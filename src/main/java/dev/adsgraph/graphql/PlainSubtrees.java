package dev.adsgraph.graphql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import graphql.Scalars;
import graphql.TrivialDataFetcher;
import graphql.execution.DataFetcherResult;
import graphql.execution.DataLoaderDispatchStrategy;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldCollector;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.execution.ResultNodesInfo;
import graphql.execution.ValueUnboxer;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.dataloader.PerLevelDataLoaderDispatchStrategy;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.introspection.Introspection;
import graphql.language.Field;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.SingletonPropertyDataFetcher;
import graphql.schema.fetching.LambdaFetchingSupport;
import graphql.util.FpKit;

/**
 * Completes an object whose selected fields are all plain properties of the value (each
 * read by graphql-java's own trivial property fetcher) and whose selected objects are the
 * same, all the way down: a product's catalog with its sales ranks, its figures with
 * their amounts. graphql-java completes each such field as it completes any other (a
 * fetch, an execution step, instrumentation hooks, a completion, futures to combine),
 * which is most of a large answer's CPU; here the values are read and serialized in one
 * walk, into the same maps and lists, counting the same result nodes (an attempt given
 * back has counted its nodes once more; only a result node limit reads the count, and
 * none is set where the walk is taken).
 * <p>
 * What is plain is decided once per execution for each selection (by its object type and
 * its AST fields, so one fragment merged differently in two places is two selections):
 * every field's fetcher is trivial and takes the value's property, every instrumentation
 * leaves that fetcher as it is, no selected type is abstract. Anything else at the moment
 * of completion gives the object back to graphql-java, which then completes it as always,
 * with its own errors: a null in a non-null field, a value that does not serialize, a
 * fetcher that throws or needs the data fetching environment, a future, a
 * {@link DataFetcherResult}, a value that is not a list where one is declared. Nothing is
 * kept from the attempt: reading a property has no effect.
 * <p>
 * Used only where that changes nothing else graphql-java tracks: no per-field or
 * per-object instrumentation hook is implemented ({@link LeanInstrumentationChain}), no
 * {@code @defer}, no profiler, no result node limit, and the data loader dispatch is
 * graphql-java's per-level strategy (which balances, per level, the objects started
 * against the objects completed; a plain object is neither, and loads nothing) or none.
 */
final class PlainSubtrees {

	/** Returned by {@link #complete} when graphql-java must complete the object. */
	static final Object NOT_PLAIN = new Object();

	private static final String PLANS = PlainSubtrees.class.getName() + ".plans";

	private final FieldCollector collector = new FieldCollector();

	/**
	 * The object's completed map, or {@link #NOT_PLAIN}.
	 * @param context the execution
	 * @param parameters the field whose value the object is
	 * @param type the object's type
	 * @param value the object (not null, unboxed)
	 * @return the map, or {@link #NOT_PLAIN}
	 */
	Object complete(ExecutionContext context, ExecutionStrategyParameters parameters, GraphQLObjectType type,
			Object value) {
		Map<Selection, Object> plans = plans(context);
		if (plans == null) {
			return NOT_PLAIN;
		}
		Plan plan = plan(plans, context, parameters, type, parameters.getField());
		if (plan == null) {
			return NOT_PLAIN;
		}
		try {
			return plan.complete(context, value);
		}
		catch (NotPlain ex) {
			return NOT_PLAIN;
		}
	}

	private static boolean applies(ExecutionContext context) {
		DataLoaderDispatchStrategy dispatch = context.getDataLoaderDispatcherStrategy();
		return !context.hasIncrementalSupport() && !context.isSubscriptionOperation()
				&& context.getProfiler() == graphql.Profiler.NO_OP
				&& context.getGraphQLContext().get(ResultNodesInfo.MAX_RESULT_NODES) == null
				&& (dispatch == DataLoaderDispatchStrategy.NO_OP
						|| dispatch instanceof PerLevelDataLoaderDispatchStrategy)
				&& LeanInstrumentationChain.noPerFieldHooks(context.getInstrumentation());
	}

	/**
	 * The execution's plans by selection; null when the walk does not apply to the
	 * execution (decided when it first completes an object).
	 */
	private static Map<Selection, Object> plans(ExecutionContext context) {
		Plans plans = context.getGraphQLContext().computeIfAbsent(PLANS, (key) -> new Plans(applies(context)));
		return plans.applies() ? plans.bySelection() : null;
	}

	private record Plans(boolean applies, Map<Selection, Object> bySelection) {

		Plans(boolean applies) {
			this(applies, new ConcurrentHashMap<>());
		}

	}

	/** The execution's plan of this selection, null when it is not plain. */
	private Plan plan(Map<Selection, Object> plans, ExecutionContext context, ExecutionStrategyParameters parameters,
			GraphQLObjectType type, MergedField field) {
		Selection selection = new Selection(type, field.getFields());
		Object plan = plans.get(selection);
		if (plan == null) {
			Plan made = build(plans, context, parameters, type, field);
			plan = (made != null) ? made : NOT_PLAIN;
			plans.put(selection, plan);
		}
		return (plan instanceof Plan found) ? found : null;
	}

	private Plan build(Map<Selection, Object> plans, ExecutionContext context, ExecutionStrategyParameters parameters,
			GraphQLObjectType type, MergedField field) {
		GraphQLSchema schema = context.getGraphQLSchema();
		FieldCollectorParameters collecting = FieldCollectorParameters.newParameters()
			.schema(schema)
			.objectType(type)
			.fragments(context.getFragmentsByName())
			.variables(context.getCoercedVariables().toMap())
			.graphQLContext(context.getGraphQLContext())
			.build();
		MergedSelectionSet selected = this.collector.collectFields(collecting, field, false);
		List<String> keys = selected.getKeys();
		Entry[] entries = new Entry[keys.size()];
		for (int i = 0; i < entries.length; i++) {
			MergedField sub = selected.getSubField(keys.get(i));
			String name = sub.getName();
			if (Introspection.TypeNameMetaFieldDef.getName().equals(name)) {
				entries[i] = new Entry(null, null, null, new Leaf(Scalars.GraphQLString), type.getName());
				continue;
			}
			if (name.startsWith("__")) {
				return null;
			}
			GraphQLFieldDefinition definition = Introspection.getFieldDefinition(schema, type, name);
			DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(type, definition);
			if (!(fetcher instanceof TrivialDataFetcher<?>) || !(fetcher instanceof LightDataFetcher<?> light)
					|| !leftAsItIs(context, parameters, fetcher)) {
				return null;
			}
			Shape shape = shape(plans, context, parameters, definition.getType(), sub);
			if (shape == null) {
				return null;
			}
			entries[i] = new Entry(definition, light, Entry.propertyOf(definition, light), shape, null);
		}
		return new Plan(keys, entries);
	}

	/** Whether every instrumentation hands back a trivial fetcher unchanged. */
	private static boolean leftAsItIs(ExecutionContext context, ExecutionStrategyParameters parameters,
			DataFetcher<?> fetcher) {
		Instrumentation instrumentation = context.getInstrumentation();
		try {
			InstrumentationFieldFetchParameters fetching = new InstrumentationFieldFetchParameters(context,
					PlainSubtrees::noEnvironment, parameters, true);
			return instrumentation.instrumentDataFetcher(fetcher, fetching,
					context.getInstrumentationState()) == fetcher;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private Shape shape(Map<Selection, Object> plans, ExecutionContext context, ExecutionStrategyParameters parameters,
			GraphQLOutputType type, MergedField field) {
		if (type instanceof GraphQLNonNull nonNull) {
			Shape inner = shape(plans, context, parameters, (GraphQLOutputType) nonNull.getWrappedType(), field);
			return (inner != null) ? new Required(inner) : null;
		}
		if (type instanceof GraphQLList list) {
			Shape item = shape(plans, context, parameters, (GraphQLOutputType) list.getWrappedType(), field);
			return (item != null) ? new ListOf(item) : null;
		}
		if (type instanceof GraphQLScalarType || type instanceof GraphQLEnumType) {
			return new Leaf(type);
		}
		if (type instanceof GraphQLObjectType object) {
			Plan plan = plan(plans, context, parameters, object, field);
			return (plan != null) ? new Nested(plan) : null;
		}
		return null;
	}

	private static DataFetchingEnvironment noEnvironment() {
		throw new NotPlain();
	}

	/** A selection: an object type and the AST fields whose selections are merged. */
	private record Selection(GraphQLObjectType type, List<Field> fields) {

		@Override
		public boolean equals(Object other) {
			if (!(other instanceof Selection that) || this.type != that.type
					|| this.fields.size() != that.fields.size()) {
				return false;
			}
			for (int i = 0; i < this.fields.size(); i++) {
				if (this.fields.get(i) != that.fields.get(i)) {
					return false;
				}
			}
			return true;
		}

		@Override
		public int hashCode() {
			int hash = System.identityHashCode(this.type);
			for (Field field : this.fields) {
				hash = 31 * hash + System.identityHashCode(field);
			}
			return hash;
		}

	}

	/** Thrown inside a completion that graphql-java must do instead. */
	private static final class NotPlain extends RuntimeException {

		NotPlain() {
			super(null, null, false, false);
		}

	}

	/**
	 * A selected field: its definition and fetcher (both null for {@code __typename},
	 * whose value is the constant).
	 */
	private static final class Entry {

		private final GraphQLFieldDefinition definition;

		private final LightDataFetcher<?> fetcher;

		private final String property;

		private final Shape shape;

		private final Object constant;

		/**
		 * The getter for the class of the values last read: the values of one selection
		 * are of one class, mostly. Read and written without a lock, as one reference to
		 * an immutable pair.
		 */
		private Known known;

		Entry(GraphQLFieldDefinition definition, LightDataFetcher<?> fetcher, String property, Shape shape,
				Object constant) {
			this.definition = definition;
			this.fetcher = fetcher;
			this.property = property;
			this.shape = shape;
			this.constant = constant;
		}

		Shape shape() {
			return this.shape;
		}

		Object read(Object source) {
			if (this.fetcher == null) {
				return this.constant;
			}
			try {
				if (this.property != null && !(source instanceof Map)) {
					Class<?> type = source.getClass();
					Known known = this.known;
					if (known == null || known.type() != type) {
						known = new Known(type, Getters.of(type, this.property));
						this.known = known;
					}
					if (known.getter() != null) {
						return known.getter().apply(source);
					}
				}
				return this.fetcher.get(this.definition, source, PlainSubtrees::noEnvironment);
			}
			catch (Exception ex) {
				throw new NotPlain();
			}
		}

		/** A class and its getter for the property, null when graphql-java makes none. */
		private record Known(Class<?> type, Function<Object, Object> getter) {
		}

		/**
		 * The property one of graphql-java's own property fetchers reads: the field's
		 * name for the one it gives a field without a fetcher of its own, the name a
		 * {@code PropertyDataFetcher} was made with; null for any other fetcher.
		 */
		static String propertyOf(GraphQLFieldDefinition definition, LightDataFetcher<?> fetcher) {
			if (fetcher.getClass() == SingletonPropertyDataFetcher.class) {
				return definition.getName();
			}
			return (fetcher.getClass() == PropertyDataFetcher.class)
					? ((PropertyDataFetcher<?>) fetcher).getPropertyName() : null;
		}

	}

	/**
	 * The getter graphql-java's property fetching reads a class's property with when it
	 * makes one ({@link LambdaFetchingSupport#createGetter}, its first choice for any
	 * value that is not a map, kept by class and property as graphql-java keeps it),
	 * found once per class and property, and kept by each selected field for the class it
	 * last read. graphql-java finds its own by a key it builds for every read (the
	 * class's loader and name, the property): 5.6 % of the event loops' samples on
	 * 50-product answers, in a flight recording. Where it makes none (it reads a method
	 * or a field by reflection then), the fetcher reads the value as always.
	 */
	private static final class Getters {

		private static final Function<Object, Object> NONE = (source) -> null;

		private static final Map<Class<?>, Map<String, Function<Object, Object>>> BY_CLASS = new ConcurrentHashMap<>();

		private Getters() {
		}

		/** The getter, null when graphql-java makes none. */
		static Function<Object, Object> of(Class<?> type, String property) {
			Map<String, Function<Object, Object>> getters = BY_CLASS.computeIfAbsent(type,
					(key) -> new ConcurrentHashMap<>());
			Function<Object, Object> getter = getters.get(property);
			if (getter == null) {
				getter = getters.computeIfAbsent(property,
						(name) -> LambdaFetchingSupport.createGetter(type, name).orElse(NONE));
			}
			return (getter != NONE) ? getter : null;
		}

	}

	private record Plan(List<String> keys, Entry[] entries) {

		Map<String, Object> complete(ExecutionContext context, Object source) {
			ResultNodesInfo nodes = context.getResultNodesInfo();
			List<Object> values = new ArrayList<>(this.entries.length);
			for (Entry entry : this.entries) {
				nodes.incrementAndGetResultNodesCount();
				values.add(Shape.complete(entry.shape(), context, entry.read(source)));
			}
			return context.getResponseMapFactory().createInsertionOrdered(this.keys, values);
		}

	}

	/**
	 * What a value completes to, by its declared type. {@link #complete} tells the four
	 * kinds apart by class instead of calling a method of the interface from one call
	 * site over four classes; it also tells apart by class the values results are mostly
	 * made of ({@code String}, the boxed numbers, {@code Boolean}, {@code BigDecimal}),
	 * which are neither a promise nor an {@code Optional} and skip those checks.
	 */
	private sealed interface Shape permits Required, ListOf, Leaf, Nested {

		/** The completed value; the raw value may be null or boxed. */
		static Object complete(Shape shape, ExecutionContext context, Object raw) {
			if (shape instanceof Required required) {
				Object value = complete(required.inner(), context, raw);
				if (value == null) {
					throw new NotPlain();
				}
				return value;
			}
			Object value = unboxed(context, raw);
			if (value == null) {
				return null;
			}
			if (shape instanceof Leaf leaf) {
				return leaf.complete(context, value);
			}
			if (shape instanceof Nested nested) {
				return nested.plan().complete(context, value);
			}
			return ((ListOf) shape).complete(context, value);
		}

		private static Object unboxed(ExecutionContext context, Object raw) {
			if (raw == null) {
				return context.getValueUnboxer().unbox(null);
			}
			Class<?> type = raw.getClass();
			if ((type == String.class || type == Integer.class || type == Double.class || type == Long.class
					|| type == Boolean.class || type == BigDecimal.class)
					&& context.getValueUnboxer() == ValueUnboxer.DEFAULT) {
				return raw;
			}
			if (raw instanceof DataFetcherResult<?> || raw instanceof CompletionStage<?>
					|| raw instanceof org.reactivestreams.Publisher<?>
					|| raw instanceof java.util.concurrent.Flow.Publisher<?>) {
				throw new NotPlain();
			}
			return context.getValueUnboxer().unbox(raw);
		}

	}

	/** A value that must not be null: a null one leaves the object to graphql-java. */
	private record Required(Shape inner) implements Shape {
	}

	private record ListOf(Shape item) implements Shape {

		Object complete(ExecutionContext context, Object value) {
			if (!FpKit.isIterable(value)) {
				throw new NotPlain();
			}
			ResultNodesInfo nodes = context.getResultNodesInfo();
			List<Object> items = new ArrayList<>();
			for (Object item : FpKit.toIterable(value)) {
				nodes.incrementAndGetResultNodesCount();
				items.add(Shape.complete(this.item, context, item));
			}
			return items;
		}

	}

	private record Leaf(GraphQLOutputType type) implements Shape {

		Object complete(ExecutionContext context, Object value) {
			try {
				if (this.type instanceof GraphQLScalarType scalar) {
					return scalar.getCoercing().serialize(value, context.getGraphQLContext(), context.getLocale());
				}
				return ((GraphQLEnumType) this.type).serialize(value, context.getGraphQLContext(), context.getLocale());
			}
			catch (RuntimeException ex) {
				throw new NotPlain();
			}
		}

	}

	private record Nested(Plan plan) implements Shape {
	}

}
