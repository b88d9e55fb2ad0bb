package dev.adsgraph.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.schema.FieldCoordinates;

/**
 * The argument checks of fields, by field and argument, that need nothing but the
 * argument's value (no upstream call): each feature adds its own through a
 * {@link Configurer} bean, and {@link ArgumentChecksInstrumentation} runs them once per
 * field of a request, before the field's resolver first runs, however many list items
 * reach it. A check refuses a value by throwing {@link BadUserInputException}; the
 * resolver may run the same check again, it then always passes.
 */
public final class ArgumentRules {

	private final Map<FieldCoordinates, Map<String, Check>> byField = new LinkedHashMap<>();

	/**
	 * Adds a check of one argument of a field. The field must be nullable (a refused
	 * field answers null), which {@code ArgumentRulesTest} checks against the schema.
	 * @param type the object type ({@code Query}, {@code Profile})
	 * @param field the field's name
	 * @param argument the argument's name
	 * @param check the check of the argument's value, variables and defaults applied
	 * (null when it is absent)
	 */
	public ArgumentRules add(String type, String field, String argument, Check check) {
		this.byField.computeIfAbsent(FieldCoordinates.coordinates(type, field), (key) -> new LinkedHashMap<>())
			.put(argument, check);
		return this;
	}

	/**
	 * Adds a check of one argument that needs the field's other arguments too (for
	 * example "not both first and last"); a refusal is reported under {@code argument}.
	 */
	public ArgumentRules addWithArguments(String type, String field, String argument, ArgumentsCheck check) {
		return add(type, field, argument, new Check() {

			@Override
			public void check(Object value) {
				check.check(value, Map.of());
			}

			@Override
			public void check(Object value, Map<String, Object> arguments) {
				check.check(value, arguments);
			}

		});
	}

	/** Every field with checks, and its checks by argument name. */
	public Map<FieldCoordinates, Map<String, Check>> byField() {
		return this.byField;
	}

	boolean covers(FieldCoordinates field) {
		return this.byField.containsKey(field);
	}

	/** A check of an argument's value. */
	@FunctionalInterface
	public interface Check {

		/**
		 * @param value the argument's value as graphql-java coerced it: a scalar's Java
		 * value ({@code LocalDate} for a {@code Date}), a {@code Map} for an input
		 * object, a {@code List} for a list; null when absent
		 * @throws BadUserInputException when the value is refused
		 */
		void check(Object value);

		/**
		 * @param value the argument's value
		 * @param arguments all the field's arguments, as graphql-java coerced them
		 */
		default void check(Object value, Map<String, Object> arguments) {
			check(value);
		}

	}

	/** A check of an argument's value that reads the field's other arguments. */
	@FunctionalInterface
	public interface ArgumentsCheck {

		void check(Object value, Map<String, Object> arguments);

	}

	/** A feature's contribution: the checks of the fields it resolves. */
	@FunctionalInterface
	public interface Configurer {

		void configure(ArgumentRules rules);

	}

}
