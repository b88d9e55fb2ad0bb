package dev.adsgraph.graphql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.MergedField;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.Field;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;

import org.springframework.stereotype.Component;

/**
 * Checks the arguments of a query or mutation before the field fans out over the items of
 * the lists above it, with the {@link ArgumentRules} the features declare. The checks run
 * once per field of graphql-java's normalized operation, where one normalized field
 * stands for the field in every item of the lists above it, for every fragment that
 * selects it under the same response key, with variables and defaults applied. A refused
 * argument is one {@code BAD_USER_INPUT} error naming it in {@code extensions.argument}
 * (one per refused argument), at the path of the first item that reaches the field; the
 * field answers null in every item with no further error, and its resolver, with its
 * upstream calls, never runs. A refused field that no item reaches (an empty list above
 * it) is still reported, without a path. Two aliases of a field are two response fields,
 * each checked and reported on its own. Subscriptions check their arguments when they
 * start, as they always did: a subscription has one root field and no siblings.
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
		return new State();
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext context = parameters.getExecutionContext();
		if (state instanceof State s && !context.isSubscriptionOperation()) {
			s.context = context;
		}
		return super.beginExecuteOperation(parameters, state);
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		if (!(state instanceof State s) || s.context == null) {
			return fetcher;
		}
		ExecutionStepInfo step = parameters.getExecutionStepInfo();
		if (!this.rules.covers(FieldCoordinates.coordinates(step.getObjectType(), step.getFieldDefinition()))) {
			return fetcher;
		}
		ExecutableNormalizedField field = s.context.getNormalizedQueryTree()
			.get()
			.getNormalizedField(step.getField(), step.getObjectType(), step.getPath());
		List<Refusal> refused = s.refusals(this.rules).get(field);
		if (refused == null) {
			return fetcher;
		}
		return (env) -> refusedAnswer(refused, env);
	}

	private static Object refusedAnswer(List<Refusal> refused, DataFetchingEnvironment env) {
		List<GraphQLError> errors = new ArrayList<>();
		for (Refusal refusal : refused) {
			if (refusal.reported().compareAndSet(false, true)) {
				errors
					.add(error(refusal, correlationId(env.getGraphQlContext().get(CorrelationInterceptor.CONTEXT_KEY)),
							GraphqlErrorBuilder.newError(env)));
			}
		}
		return errors.isEmpty() ? null : DataFetcherResult.newResult().data(null).errors(errors).build();
	}

	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		if (!(state instanceof State s) || s.context == null || !result.isDataPresent()) {
			return CompletableFuture.completedFuture(result);
		}
		ExecutableNormalizedOperation operation = s.context.getNormalizedQueryTree().get();
		String correlationId = correlationId(s.context.getGraphQLContext().get(CorrelationInterceptor.CONTEXT_KEY));
		List<GraphQLError> unreached = new ArrayList<>();
		s.refusals(this.rules).forEach((field, refused) -> {
			for (Refusal refusal : refused) {
				if (refusal.reported().compareAndSet(false, true)) {
					MergedField merged = operation.getMergedField(field);
					GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError();
					if (merged != null) {
						builder.locations(merged.getFields().stream().map(Field::getSourceLocation).toList());
					}
					unreached.add(error(refusal, correlationId, builder));
				}
			}
		});
		if (unreached.isEmpty()) {
			return CompletableFuture.completedFuture(result);
		}
		return CompletableFuture.completedFuture(result.transform((builder) -> builder.addErrors(unreached)));
	}

	private static GraphQLError error(Refusal refusal, String correlationId, GraphqlErrorBuilder<?> builder) {
		GraphQlErrors.Described described = GraphQlErrors.describe(refusal.exception(), correlationId,
				refusal.argument());
		Map<String, Object> extensions = new LinkedHashMap<>(described.extensions());
		extensions.put("argument", refusal.argument());
		return builder.errorType(described.type()).message(described.message()).extensions(extensions).build();
	}

	private static String correlationId(Object value) {
		return (value != null) ? value.toString() : "none";
	}

	/** A refused argument of a normalized field, reported once. */
	private record Refusal(String argument, BadUserInputException exception, AtomicBoolean reported) {
	}

	private static final class State implements InstrumentationState {

		/** The operation's context; null for a subscription or before execution. */
		private volatile ExecutionContext context;

		private Map<ExecutableNormalizedField, List<Refusal>> refusals;

		/** Every refused argument of the operation, checked on first use. */
		synchronized Map<ExecutableNormalizedField, List<Refusal>> refusals(ArgumentRules rules) {
			if (this.refusals == null) {
				this.refusals = check(this.context.getNormalizedQueryTree().get(), rules);
			}
			return this.refusals;
		}

		private static Map<ExecutableNormalizedField, List<Refusal>> check(ExecutableNormalizedOperation operation,
				ArgumentRules rules) {
			Map<ExecutableNormalizedField, List<Refusal>> refused = new LinkedHashMap<>();
			Set<ExecutableNormalizedField> checked = new HashSet<>();
			rules.byField().forEach((coordinates, checks) -> {
				for (ExecutableNormalizedField field : operation.getCoordinatesToNormalizedFields().get(coordinates)) {
					if (!checked.add(field)) {
						// a field of an abstract type, listed under each of its object
						// types
						continue;
					}
					Map<String, Object> arguments = field.getResolvedArguments();
					checks.forEach((argument, check) -> {
						try {
							check.check(arguments.get(argument));
						}
						catch (BadUserInputException ex) {
							refused.computeIfAbsent(field, (key) -> new ArrayList<>())
								.add(new Refusal(argument, ex, new AtomicBoolean()));
						}
					});
				}
			});
			return refused;
		}

	}

}
