package dev.adsgraph.graphql;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionResult;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * Refuses, before any resolver runs, requests whose document is too long, defines too
 * many operations or aliases, or whose executed operation is too deep, too complex or
 * names too many ASINs. The document size is checked before parsing; the rest after
 * validation, with variables coerced, so {@code first: $n} counts with its value.
 * Introspection ({@code __schema}, {@code __type}) is exempt from depth and complexity:
 * graphql-java's good-faith introspection check bounds it, and GraphiQL's own
 * introspection query is deeper than the depth limit.
 * <p>
 * What the checks read from a document is kept with the parsed document (the document
 * cache hands the same instance for the same text, and the entry goes with it): its
 * operation and alias counts, and each operation's cost per variable values, so a
 * dashboard repeating a request does not walk its document again.
 */
public class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

	private final LimitsProperties limits;

	private final QueryComplexity complexity;

	private final Cache<Document, DocumentFacts> facts = Caffeine.newBuilder().weakKeys().maximumSize(1_000).build();

	public QueryLimitsInstrumentation(LimitsProperties limits) {
		this.limits = limits;
		this.complexity = new QueryComplexity(limits.defaultListWeight());
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
			InstrumentationState state) {
		String query = parameters.getQuery();
		if (query != null && query.length() > this.limits.maxDocumentChars()) {
			throw tooComplex("maxDocumentChars", this.limits.maxDocumentChars(),
					"The query document has " + query.length() + " characters; the limit (maxDocumentChars) is "
							+ this.limits.maxDocumentChars() + ".",
					correlationId(parameters.getExecutionInput()
						.getGraphQLContext()
						.get(CorrelationInterceptor.CONTEXT_KEY)));
		}
		return super.beginExecution(parameters, state);
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext context = parameters.getExecutionContext();
		String correlationId = correlationId(context.getGraphQLContext().get(CorrelationInterceptor.CONTEXT_KEY));
		Document document = context.getDocument();

		DocumentFacts facts = this.facts.get(document, DocumentFacts::new);
		int operations = facts.operations;
		if (operations > this.limits.maxOperations()) {
			throw tooComplex(
					"maxOperations", this.limits.maxOperations(), "The document defines " + operations
							+ " operations; the limit (maxOperations) is " + this.limits.maxOperations() + ".",
					correlationId);
		}

		int aliases = facts.aliases;
		if (aliases > this.limits.maxAliases()) {
			throw tooComplex("maxAliases", this.limits.maxAliases(), "The document uses " + aliases
					+ " aliases; the limit (maxAliases) is " + this.limits.maxAliases() + ".", correlationId);
		}

		Cost cost = facts.cost(
				new CostKey(context.getOperationDefinition().getName(), context.getCoercedVariables().toMap()),
				() -> cost(context));
		if (cost.depth > this.limits.maxDepth()) {
			throw tooComplex("maxDepth", this.limits.maxDepth(), "The operation is " + cost.depth
					+ " fields deep; the limit (maxDepth) is " + this.limits.maxDepth() + ".", correlationId);
		}
		if (cost.complexity > this.limits.maxComplexity()) {
			String shown = (cost.complexity >= QueryComplexity.CAP) ? "far more than " + this.limits.maxComplexity()
					: String.valueOf(cost.complexity);
			throw tooComplex("maxComplexity", this.limits.maxComplexity(),
					"The operation's complexity is " + shown + "; the limit (maxComplexity) is "
							+ this.limits.maxComplexity()
							+ ". Ask for fewer items (first, asins) or fewer fields, or split the query.",
					correlationId);
		}
		// One products field alone is bounded by its resolver
		// (adsgraph.products.max-asins), which
		// answers with the field's path; this limit is about several fields adding up.
		if (cost.productsFields > 1 && cost.asins > this.limits.maxAsins()) {
			throw new QueryLimitException(QueryLimitException.BAD_USER_INPUT, "maxAsins", this.limits.maxAsins(),
					"The operation's products fields name " + cost.asins + " ASINs together; the limit (maxAsins) is "
							+ this.limits.maxAsins() + " per request.",
					correlationId);
		}
		context.getGraphQLContext().put(BudgetedExecutionStrategy.COMPLEXITY, cost.complexity);
		return super.beginExecuteOperation(parameters, state);
	}

	static int countAliases(Document document) {
		AtomicInteger aliases = new AtomicInteger();
		new NodeTraverser().preOrder(new NodeVisitorStub() {
			@Override
			public TraversalControl visitField(Field node, TraverserContext<Node> context) {
				if (node.getAlias() != null) {
					aliases.incrementAndGet();
				}
				return TraversalControl.CONTINUE;
			}
		}, document);
		return aliases.get();
	}

	/**
	 * Depth, complexity and ASINs of the operation to execute, in one post-order walk.
	 */
	Cost cost(ExecutionContext context) {
		QueryTraverser traverser = QueryTraverser.newQueryTraverser()
			.schema(context.getGraphQLSchema())
			.document(context.getDocument())
			.operationName(context.getOperationDefinition().getName())
			.coercedVariables(context.getCoercedVariables())
			.build();
		return cost(traverser);
	}

	Cost cost(QueryTraverser traverser) {
		Cost cost = new Cost();
		// Children are visited before their parent: their summed cost waits here for it.
		Map<QueryVisitorFieldEnvironment, Long> childCosts = new HashMap<>();
		traverser.visitPostOrder(new QueryVisitorStub() {
			@Override
			public void visitField(QueryVisitorFieldEnvironment env) {
				int depth = 0;
				for (QueryVisitorFieldEnvironment e = env; e != null; e = e.getParentEnvironment()) {
					if (isIntrospection(e)) {
						return;
					}
					depth++;
				}
				cost.depth = Math.max(cost.depth, depth);
				if ("products".equals(env.getField().getName())
						&& env.getArguments().get("asins") instanceof Collection<?> asins) {
					cost.asins += asins.size();
					cost.productsFields++;
				}
				QueryVisitorFieldEnvironment parent = env.getParentEnvironment();
				long own = QueryLimitsInstrumentation.this.complexity.fieldCost(env.getFieldDefinition(),
						QueryComplexity.paged(env.getFieldDefinition(), env.getArguments()), (parent != null)
								? QueryComplexity.paged(parent.getFieldDefinition(), parent.getArguments()) : Map.of(),
						childCosts.getOrDefault(env, 0L));
				childCosts.remove(env);
				if (parent != null) {
					childCosts.merge(parent, own, (a, b) -> Math.min(QueryComplexity.CAP, a + b));
				}
				else {
					cost.complexity = Math.min(QueryComplexity.CAP, cost.complexity + own);
				}
			}
		});
		return cost;
	}

	private static boolean isIntrospection(QueryVisitorFieldEnvironment env) {
		String name = env.getField().getName();
		return "__schema".equals(name) || "__type".equals(name);
	}

	private static String correlationId(Object value) {
		return (value != null) ? value.toString() : null;
	}

	private static QueryLimitException tooComplex(String limit, long max, String message, String correlationId) {
		return new QueryLimitException(QueryLimitException.TOO_COMPLEX, limit, max, message, correlationId);
	}

	/**
	 * A document's counts, and its operations' costs by operation name and variable
	 * values: at most {@value #MAX_COSTS} of them, forgotten all at once when more come
	 * (a document asked with ever new values gains nothing from keeping them).
	 */
	static final class DocumentFacts {

		static final int MAX_COSTS = 128;

		final int operations;

		final int aliases;

		private final Map<CostKey, Cost> costs = new ConcurrentHashMap<>();

		DocumentFacts(Document document) {
			this.operations = document.getDefinitionsOfType(OperationDefinition.class).size();
			this.aliases = countAliases(document);
		}

		Cost cost(CostKey key, Supplier<Cost> compute) {
			Cost known = this.costs.get(key);
			if (known != null) {
				return known;
			}
			Cost cost = compute.get();
			if (this.costs.size() >= MAX_COSTS) {
				this.costs.clear();
			}
			this.costs.put(key, cost);
			return cost;
		}

	}

	/** An operation of a document, with the values of its variables. */
	record CostKey(String operationName, Map<String, Object> variables) {
	}

	static final class Cost {

		int depth;

		long complexity;

		long asins;

		int productsFields;

	}

}
