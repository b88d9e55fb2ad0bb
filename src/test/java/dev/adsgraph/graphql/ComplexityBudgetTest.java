package dev.adsgraph.graphql;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget on its own, then in graphql-java: an operation that does not fit waits (its
 * data fetchers not called) until enough complexity is given back.
 */
class ComplexityBudgetTest {

	@Test
	void whatFitsIsGrantedAtOnceTheRestInTurn() {
		ComplexityBudget budget = new ComplexityBudget(10);
		assertThat(budget.weight(0)).isEqualTo(1);
		assertThat(budget.weight(25)).isEqualTo(10);
		CompletableFuture<Void> six = budget.acquire(6);
		assertThat(six).isDone();
		CompletableFuture<Void> five = budget.acquire(5);
		// Behind a waiter, even what would fit waits: first come, first served.
		CompletableFuture<Void> one = budget.acquire(1);
		assertThat(five).isNotDone();
		assertThat(one).isNotDone();
		assertThat(budget.waiting()).isEqualTo(2);
		budget.release(6);
		assertThat(five).isDone();
		assertThat(one).isDone();
		assertThat(budget.inUse()).isEqualTo(6);
		CompletableFuture<Void> whole = budget.acquire(10);
		assertThat(whole).isNotDone();
		budget.release(5);
		assertThat(whole).isNotDone();
		budget.release(1);
		assertThat(whole).isDone();
		budget.release(10);
		assertThat(budget.inUse()).isZero();
		assertThat(budget.waiting()).isZero();
	}

	@Test
	void aSmallOperationThatFitsGoesAheadOfALargeOneWaiting() {
		ComplexityBudget budget = new ComplexityBudget(1000);
		assertThat(budget.acquire(900)).isDone();
		CompletableFuture<Void> large = budget.acquire(200);
		assertThat(large).isNotDone();
		// A hundredth of the budget or less, and it fits: no queueing.
		assertThat(budget.acquire(10)).isDone();
		// Over a hundredth: behind the large one, though it would fit.
		CompletableFuture<Void> medium = budget.acquire(11);
		assertThat(medium).isNotDone();
		budget.release(900);
		assertThat(large).isDone();
		assertThat(medium).isDone();
		assertThat(budget.inUse()).isEqualTo(221);
	}

	@Test
	void aQueryThatDoesNotFitStartsWhenTheOneBeforeItIsComplete() {
		Map<String, CompletableFuture<String>> answers = new ConcurrentHashMap<>();
		List<String> asked = new CopyOnWriteArrayList<>();
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
				new SchemaParser().parse("type Query { answer(name: String!): String }"),
				RuntimeWiring.newRuntimeWiring()
					.type("Query", (type) -> type.dataFetcher("answer", (DataFetcher<?>) (env) -> {
						String name = env.getArgument("name");
						asked.add(name);
						return answers.computeIfAbsent(name, (n) -> new CompletableFuture<>());
					}))
					.build());
		ComplexityBudget budget = new ComplexityBudget(5);
		GraphQL graphQl = GraphQL.newGraphQL(schema)
			.queryExecutionStrategy(new BudgetedExecutionStrategy(new SimpleDataFetcherExceptionHandler(), budget))
			.build();
		CompletableFuture<ExecutionResult> heavy = graphQl.executeAsync(input("heavy", 4));
		CompletableFuture<ExecutionResult> light = graphQl.executeAsync(input("light", 2));
		assertThat(asked).containsExactly("heavy");
		assertThat(budget.inUse()).isEqualTo(4);
		assertThat(budget.waiting()).isEqualTo(1);

		answers.get("heavy").complete("done");
		assertThat(heavy).isDone();
		assertThat(heavy.join().<Map<String, Object>>getData()).containsEntry("answer", "done");
		assertThat(asked).containsExactly("heavy", "light");
		assertThat(budget.inUse()).isEqualTo(2);
		answers.get("light").completeExceptionally(new IllegalStateException("no answer"));
		assertThat(light.join().getErrors()).hasSize(1);
		assertThat(budget.inUse()).isZero();
	}

	/**
	 * A query whose complexity the limits instrumentation would have left in the context.
	 */
	private static ExecutionInput input(String name, long complexity) {
		return ExecutionInput.newExecutionInput("{ answer(name: \"" + name + "\") }")
			.graphQLContext(Map.of(BudgetedExecutionStrategy.COMPLEXITY, complexity))
			.build();
	}

}
