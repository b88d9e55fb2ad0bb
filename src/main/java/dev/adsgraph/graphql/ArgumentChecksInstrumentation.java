package dev.adsgraph.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;

import org.springframework.stereotype.Component;

/**
 * Checks the arguments of a field of a query or mutation once, before it fans out over
 * the items of the lists above it, with the {@link ArgumentRules} the features declare.
 * The first item that reaches the field checks them; every other item of the request
 * reaching the same field takes that verdict. "The same field" is what graphql-java's
 * normalized operation calls one field: the same response keys from the root with the
 * list indexes left out, on the same object type. So every fragment selecting it under
 * that key is the same field, two aliases are two fields, and variables and defaults are
 * applied (the arguments of all items are the same by GraphQL's field merging rules). A
 * refused argument is one {@code BAD_USER_INPUT} error naming it in
 * {@code extensions.argument} (one per refused argument), at the path of the first item;
 * the field answers null in every item with no further error, and its resolver, with its
 * upstream calls, never runs. Subscriptions check their arguments when they start, as
 * they always did: a subscription has one root field and no siblings.
 */
@Component
class ArgumentChecksInstrumentation extends SimplePerformantInstrumentation {

	private final ArgumentRules rules = new ArgumentRules();

	ArgumentChecksInstrumentation(List<ArgumentRules.Configurer> configurers) {
		configurers.forEach((configurer) -> configurer.configure(this.rules));
	}

	/** The rules, as the features declared them. */
	ArgumentRules rules() {
		return this.rules;
	}

	@Override
	public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
		return new Verdicts();
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		// A trivial fetcher (a property of the value above) has no rules: every checked
		// field
		// is a controller's (ArgumentChecksSliceTest checks). Asking a trivial field for
		// its
		// step info would make graphql-java build a DataFetchingEnvironment it otherwise
		// skips, for each of the thousands of fields of a large answer.
		if (parameters.isTrivialDataFetcher() || !(state instanceof Verdicts verdicts)
				|| parameters.getExecutionContext().isSubscriptionOperation()) {
			return fetcher;
		}
		ExecutionStepInfo step = parameters.getExecutionStepInfo();
		Map<String, ArgumentRules.Check> checks = this.rules.byField()
			.get(FieldCoordinates.coordinates(step.getObjectType(), step.getFieldDefinition()));
		if (checks == null) {
			return fetcher;
		}
		List<Refusal> refused = verdicts.of(new Field(step.getObjectType().getName(), step.getPath().getKeysOnly()),
				() -> check(checks, step.getArguments()));
		if (refused.isEmpty()) {
			return fetcher;
		}
		return (env) -> refusedAnswer(refused, env);
	}

	private static List<Refusal> check(Map<String, ArgumentRules.Check> checks, Map<String, Object> arguments) {
		List<Refusal> refused = new ArrayList<>();
		checks.forEach((argument, check) -> {
			try {
				check.check(arguments.get(argument), arguments);
			}
			catch (BadUserInputException ex) {
				refused.add(new Refusal(argument, ex, new AtomicBoolean()));
			}
		});
		return List.copyOf(refused);
	}

	/** One error per refused argument for the first item, null for the others. */
	private static Object refusedAnswer(List<Refusal> refused, DataFetchingEnvironment env) {
		List<GraphQLError> errors = new ArrayList<>();
		for (Refusal refusal : refused) {
			if (refusal.reported().compareAndSet(false, true)) {
				Object correlationId = env.getGraphQlContext().get(CorrelationInterceptor.CONTEXT_KEY);
				GraphQlErrors.Described described = GraphQlErrors.describe(refusal.exception(),
						(correlationId != null) ? correlationId.toString() : "none", refusal.argument());
				Map<String, Object> extensions = new LinkedHashMap<>(described.extensions());
				extensions.put("argument", refusal.argument());
				errors.add(GraphqlErrorBuilder.newError(env)
					.errorType(described.type())
					.message(described.message())
					.extensions(extensions)
					.build());
			}
		}
		return errors.isEmpty() ? null : DataFetcherResult.newResult().data(null).errors(errors).build();
	}

	/**
	 * A field of the request: its object type and response keys, list indexes left out.
	 */
	private record Field(String objectType, List<String> keys) {
	}

	/** A refused argument of a field, reported once. */
	private record Refusal(String argument, BadUserInputException exception, AtomicBoolean reported) {
	}

	/** The request's verdicts, one per checked field. */
	private static final class Verdicts implements InstrumentationState {

		private final Map<Field, List<Refusal>> byField = new ConcurrentHashMap<>();

		List<Refusal> of(Field field, Supplier<List<Refusal>> check) {
			return this.byField.computeIfAbsent(field, (key) -> check.get());
		}

	}

}
