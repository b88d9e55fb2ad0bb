package dev.adsgraph.graphql;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLType;

/**
 * The cost of one field, given the summed cost of its selected sub-fields. A field weighs
 * 1; a list field multiplies its sub-fields' cost by the number of items it can return:
 * {@code first} or {@code last} on a connection (without either, the default page of a
 * connection that takes both), the number of {@code asins} on {@code products}, the
 * number of days of the enclosing field's {@code dateRange} for a list under it (a
 * profile's {@code performance.daily}: one item per day), else {@code defaultListWeight}.
 * The lists inside a connection or a products result ({@code nodes}, {@code edges}) are
 * already counted by their parent's {@code first} or {@code asins}, so they weigh like
 * single objects. Costs saturate instead of overflowing.
 */
public final class QueryComplexity {

	/** Costs above this are all alike: far beyond any limit. */
	static final long CAP = 1L << 40;

	private final int defaultListWeight;

	public QueryComplexity(int defaultListWeight) {
		this.defaultListWeight = defaultListWeight;
	}

	/**
	 * @param field the field's definition
	 * @param arguments the field's arguments, variables and defaults resolved
	 * @param parentArguments the arguments of the enclosing field (empty at the root)
	 * @param childCost the summed cost of the field's selected sub-fields
	 */
	public long fieldCost(GraphQLFieldDefinition field, Map<String, Object> arguments,
			Map<String, Object> parentArguments, long childCost) {
		long multiplier = 1;
		Long sized = size(arguments);
		if (sized != null) {
			multiplier = sized;
		}
		else if (field.getArgument("first") != null) {
			// `first: null` explicitly: the resolver's default applies, unknown here.
			multiplier = this.defaultListWeight;
		}
		else if (isList(field.getType()) && size(parentArguments) == null) {
			Long days = days(parentArguments);
			multiplier = (days != null) ? days : this.defaultListWeight;
		}
		return Math.min(CAP, 1 + saturatingMultiply(multiplier, childCost));
	}

	/**
	 * A field's arguments with the page it answers made explicit: a connection that pages
	 * both ways has no default for {@code first} in the schema, so without {@code first}
	 * and {@code last} it answers {@link Connections#DEFAULT_SIZE} items, counted here as
	 * {@code first}.
	 */
	static Map<String, Object> paged(GraphQLFieldDefinition field, Map<String, Object> arguments) {
		if (field.getArgument("last") == null || field.getArgument("first") == null || arguments == null
				|| arguments.get("first") != null || arguments.get("last") != null) {
			return arguments;
		}
		Map<String, Object> paged = new HashMap<>(arguments);
		paged.put("first", Connections.DEFAULT_SIZE);
		return paged;
	}

	/** The number of items a field's arguments ask for, or null when they do not say. */
	static Long size(Map<String, Object> arguments) {
		if (arguments == null) {
			return null;
		}
		if (arguments.get("first") instanceof Number first) {
			return Math.max(1, first.longValue());
		}
		if (arguments.get("last") instanceof Number last) {
			return Math.max(1, last.longValue());
		}
		if (arguments.get("asins") instanceof Collection<?> asins) {
			return (long) Math.max(1, asins.size());
		}
		return null;
	}

	/**
	 * The days of a {@code dateRange} argument, both ends included, at least one; null
	 * when there is none or its dates cannot be read (the field's own validation then
	 * answers).
	 */
	static Long days(Map<String, Object> arguments) {
		if (arguments == null || !(arguments.get("dateRange") instanceof Map<?, ?> range)) {
			return null;
		}
		LocalDate start = date(range.get("start"));
		LocalDate end = date(range.get("end"));
		if (start == null || end == null) {
			return null;
		}
		return Math.max(1, ChronoUnit.DAYS.between(start, end) + 1);
	}

	private static LocalDate date(Object value) {
		if (value instanceof LocalDate date) {
			return date;
		}
		if (value instanceof String text) {
			try {
				return LocalDate.parse(text);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	static boolean isList(GraphQLType type) {
		GraphQLType unwrapped = (type instanceof GraphQLNonNull nonNull) ? nonNull.getWrappedType() : type;
		return unwrapped instanceof GraphQLList;
	}

	static long saturatingMultiply(long a, long b) {
		if (a == 0 || b == 0) {
			return 0;
		}
		return (a > CAP / b) ? CAP : a * b;
	}

}
