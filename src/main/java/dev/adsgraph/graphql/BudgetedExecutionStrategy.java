package dev.adsgraph.graphql;

import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.schema.GraphQLObjectType;

/**
 * graphql-java's strategy for queries, started only once the operation's complexity fits
 * in the {@link ComplexityBudget}; the budget is given back when the result is complete.
 * {@link QueryLimitsInstrumentation} leaves the complexity in the GraphQL context (under
 * {@link #COMPLEXITY}) before the operation executes. Objects made only of plain
 * properties are completed by {@link PlainSubtrees}.
 */
class BudgetedExecutionStrategy extends AsyncExecutionStrategy {

	/**
	 * The GraphQL context key of the executed operation's complexity (a {@code Long}).
	 */
	static final String COMPLEXITY = BudgetedExecutionStrategy.class.getName() + ".complexity";

	private final ComplexityBudget budget;

	private final PlainSubtrees plainSubtrees = new PlainSubtrees();

	BudgetedExecutionStrategy(DataFetcherExceptionHandler exceptionHandler, ComplexityBudget budget) {
		super(exceptionHandler);
		this.budget = budget;
	}

	@Override
	public CompletableFuture<ExecutionResult> execute(ExecutionContext context,
			ExecutionStrategyParameters parameters) {
		Long complexity = context.getGraphQLContext().get(COMPLEXITY);
		long weight = this.budget.weight((complexity != null) ? complexity : 1);
		return this.budget.acquire(weight).thenCompose((granted) -> {
			CompletableFuture<ExecutionResult> result;
			try {
				result = super.execute(context, parameters);
			}
			catch (RuntimeException | Error ex) {
				this.budget.release(weight);
				throw ex;
			}
			return result.whenComplete((done, failure) -> this.budget.release(weight));
		});
	}

	/**
	 * A plain object ({@link PlainSubtrees}) in one walk, any other as graphql-java does.
	 */
	@Override
	protected Object completeValueForObject(ExecutionContext context, ExecutionStrategyParameters parameters,
			GraphQLObjectType type, Object value) {
		Object completed = this.plainSubtrees.complete(context, parameters, type, value);
		return (completed != PlainSubtrees.NOT_PLAIN) ? completed
				: super.completeValueForObject(context, parameters, type, value);
	}

}
