package dev.adsgraph.graphql;

import java.util.ArrayList;
import java.util.List;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;

/**
 * graphql-java's {@link ChainedInstrumentation}, minus the per-field and per-object hooks
 * that none of the chained instrumentations implements. The chain asks every
 * instrumentation at each of these hooks and collects their contexts into fresh lists,
 * for every field of every answer (thousands in a page of products), even when each
 * answers "nothing" ({@code null}, as {@link SimplePerformantInstrumentation} does). Here
 * a hook that no instrumentation overrides answers {@code null} at once, which
 * graphql-java reads as "no context"; a hook that one of them overrides goes through the
 * chain as before. What is overridden is read once, from the instrumentations' classes.
 */
public class LeanInstrumentationChain extends ChainedInstrumentation {

	private final boolean fieldExecution;

	private final boolean fieldFetching;

	private final boolean fieldCompletion;

	private final boolean fieldListCompletion;

	private final boolean executeObject;

	private final boolean anyPerFieldHook;

	public LeanInstrumentationChain(List<Instrumentation> instrumentations) {
		super(instrumentations);
		this.fieldExecution = anyOverrides(instrumentations, "beginFieldExecution",
				InstrumentationFieldParameters.class);
		this.fieldFetching = anyOverrides(instrumentations, "beginFieldFetching",
				InstrumentationFieldFetchParameters.class)
				|| anyOverrides(instrumentations, "beginFieldFetch", InstrumentationFieldFetchParameters.class);
		this.fieldCompletion = anyOverrides(instrumentations, "beginFieldCompletion",
				InstrumentationFieldCompleteParameters.class);
		this.fieldListCompletion = anyOverrides(instrumentations, "beginFieldListCompletion",
				InstrumentationFieldCompleteParameters.class);
		this.executeObject = anyOverrides(instrumentations, "beginExecuteObject",
				InstrumentationExecutionStrategyParameters.class);
		this.anyPerFieldHook = this.fieldExecution || this.fieldFetching || this.fieldCompletion
				|| this.fieldListCompletion || this.executeObject;
	}

	/**
	 * Whether any of the instrumentations implements the hook itself, rather than taking
	 * the interface's or {@link SimplePerformantInstrumentation}'s "nothing".
	 */
	static boolean anyOverrides(List<Instrumentation> instrumentations, String hook, Class<?> parameters) {
		for (Instrumentation instrumentation : instrumentations) {
			if (overrides(instrumentation.getClass(), hook, parameters)) {
				return true;
			}
		}
		return false;
	}

	private static boolean overrides(Class<?> type, String hook, Class<?> parameters) {
		try {
			Class<?> declaring = type.getMethod(hook, parameters, InstrumentationState.class).getDeclaringClass();
			return declaring != Instrumentation.class && declaring != SimplePerformantInstrumentation.class;
		}
		catch (NoSuchMethodException ex) {
			// Not a hook of this graphql-java: take the chain's way, to be safe.
			return true;
		}
	}

	/**
	 * Whether no per-field or per-object hook of the instrumentation does anything: a
	 * lean chain none of whose instrumentations implements one, or a single
	 * instrumentation (not a chain) that implements none.
	 */
	static boolean noPerFieldHooks(Instrumentation instrumentation) {
		if (instrumentation instanceof LeanInstrumentationChain lean) {
			return !lean.anyPerFieldHook;
		}
		return !(instrumentation instanceof ChainedInstrumentation)
				&& WITHOUT_PER_FIELD_HOOKS.get(instrumentation.getClass());
	}

	private static final ClassValue<Boolean> WITHOUT_PER_FIELD_HOOKS = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			return !overrides(type, "beginFieldExecution", InstrumentationFieldParameters.class)
					&& !overrides(type, "beginFieldFetching", InstrumentationFieldFetchParameters.class)
					&& !overrides(type, "beginFieldFetch", InstrumentationFieldFetchParameters.class)
					&& !overrides(type, "beginFieldCompletion", InstrumentationFieldCompleteParameters.class)
					&& !overrides(type, "beginFieldListCompletion", InstrumentationFieldCompleteParameters.class)
					&& !overrides(type, "beginExecuteObject", InstrumentationExecutionStrategyParameters.class);
		}

	};

	/** The per-field and per-object hooks this chain takes through the chain. */
	List<String> hooksTaken() {
		List<String> taken = new ArrayList<>();
		if (this.fieldExecution) {
			taken.add("beginFieldExecution");
		}
		if (this.fieldFetching) {
			taken.add("beginFieldFetching");
		}
		if (this.fieldCompletion) {
			taken.add("beginFieldCompletion");
		}
		if (this.fieldListCompletion) {
			taken.add("beginFieldListCompletion");
		}
		if (this.executeObject) {
			taken.add("beginExecuteObject");
		}
		return taken;
	}

	@Override
	public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters,
			InstrumentationState state) {
		return this.fieldExecution ? super.beginFieldExecution(parameters, state) : null;
	}

	@Override
	public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		return this.fieldFetching ? super.beginFieldFetching(parameters, state) : null;
	}

	@Override
	public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
			InstrumentationState state) {
		return this.fieldCompletion ? super.beginFieldCompletion(parameters, state) : null;
	}

	@Override
	public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
			InstrumentationState state) {
		return this.fieldListCompletion ? super.beginFieldListCompletion(parameters, state) : null;
	}

	@Override
	public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
			InstrumentationState state) {
		return this.executeObject ? super.beginExecuteObject(parameters, state) : null;
	}

}
