package dev.adsgraph.graphql;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LeanInstrumentationChain} over a small schema run by graphql-java: hooks nobody
 * implements answer nothing, a hook one instrumentation implements still reaches it, and
 * the operation-level hooks and answers are the plain chain's.
 */
class LeanInstrumentationChainTest {

	private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
			new SchemaParser().parse("type Query { items: [Item] } type Item { name: String size: Int }"),
			RuntimeWiring.newRuntimeWiring()
				.type("Query",
						(type) -> type.dataFetcher("items",
								(DataFetcher<?>) (env) -> List.of(Map.of("name", "a", "size", 1),
										Map.of("name", "b", "size", 2))))
				.build());

	@Test
	void hooksThatNoInstrumentationImplementsAnswerNothingAndTheRestStillRun() {
		CountingOperations operations = new CountingOperations();
		LeanInstrumentationChain chain = new LeanInstrumentationChain(
				List.of(operations, new SimplePerformantInstrumentation() {
				}));
		assertThat(chain.hooksTaken()).isEmpty();
		assertThat(chain.beginFieldCompletion(null, null)).isNull();
		assertThat(chain.beginFieldExecution(null, null)).isNull();
		assertThat(chain.beginFieldFetching(null, null)).isNull();
		assertThat(chain.beginFieldListCompletion(null, null)).isNull();
		assertThat(chain.beginExecuteObject(null, null)).isNull();

		ExecutionResult result = GraphQL.newGraphQL(SCHEMA)
			.instrumentation(chain)
			.build()
			.execute("{ items { name size } }");

		assertThat(result.getErrors()).isEmpty();
		assertThat(result.<Map<String, Object>>getData())
			.isEqualTo(Map.of("items", List.of(Map.of("name", "a", "size", 1), Map.of("name", "b", "size", 2))));
		assertThat(operations.count).hasValue(1);
	}

	@Test
	void aHookOneInstrumentationImplementsGoesThroughTheChain() {
		CountingCompletions completions = new CountingCompletions();
		LeanInstrumentationChain chain = new LeanInstrumentationChain(List.of(new CountingOperations(), completions));
		assertThat(chain.hooksTaken()).containsExactly("beginFieldCompletion");

		ExecutionResult result = GraphQL.newGraphQL(SCHEMA)
			.instrumentation(chain)
			.build()
			.execute("{ items { name size } }");

		assertThat(result.getErrors()).isEmpty();
		// items, then name and size of each of the two items
		assertThat(completions.count).hasValue(5);
	}

	@Test
	void anInstrumentationThatImplementsEveryHookTakesEveryOneThroughTheChain() {
		LeanInstrumentationChain chain = new LeanInstrumentationChain(List.of(new Instrumentation() {
			@Override
			public InstrumentationContext<Object> beginFieldExecution(
					graphql.execution.instrumentation.parameters.InstrumentationFieldParameters parameters,
					InstrumentationState state) {
				return SimpleInstrumentationContext.noOp();
			}
		}, new CountingCompletions()));
		assertThat(chain.hooksTaken()).containsExactly("beginFieldExecution", "beginFieldCompletion");
	}

	/** An operation-level instrumentation, as the application's are. */
	static class CountingOperations extends SimplePerformantInstrumentation {

		final AtomicInteger count = new AtomicInteger();

		@Override
		public InstrumentationContext<ExecutionResult> beginExecuteOperation(
				InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
			this.count.incrementAndGet();
			return null;
		}

	}

	/** One that looks at each field's completion. */
	static class CountingCompletions extends SimplePerformantInstrumentation {

		final AtomicInteger count = new AtomicInteger();

		@Override
		public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
				InstrumentationState state) {
			this.count.incrementAndGet();
			return null;
		}

	}

}
