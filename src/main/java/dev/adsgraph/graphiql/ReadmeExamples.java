package dev.adsgraph.graphiql;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SourceLocation;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

/**
 * The README's GraphQL examples (its {@code ```graphql} blocks), made ready to run in
 * GraphiQL. The README stays the one place they are written: the build packs it into the
 * jar, and the page reads it from there. Three things are added to each:
 * <ul>
 * <li>a name for an anonymous operation, after its first root field ({@code { profiles
 * ... }} becomes {@code query Profiles { profiles ... }}), since GraphiQL titles a tab by
 * operation name;</li>
 * <li>a variables template naming every variable the operation declares;</li>
 * <li>dates moved so that the latest one is yesterday, keeping their distances: the
 * README's dates are placeholders, and ranges older than Amazon keeps reports for are
 * refused.</li>
 * </ul>
 */
final class ReadmeExamples {

	/** Where the build puts the README in the jar. */
	static final String LOCATION = "dev/adsgraph/graphiql/README.md";

	private static final Pattern BLOCK = Pattern.compile("^```graphql[ \\t]*\\R(.*?)^```",
			Pattern.MULTILINE | Pattern.DOTALL);

	private static final Pattern DATE = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2})\"");

	private ReadmeExamples() {
	}

	/**
	 * The examples of a README, in order. A block that does not parse as GraphQL is
	 * refused with its position, so a broken example is found by the build, not by a
	 * reader.
	 */
	static List<Example> parse(String markdown) {
		List<Example> examples = new ArrayList<>();
		Set<String> names = new HashSet<>();
		Matcher block = BLOCK.matcher(markdown);
		while (block.find()) {
			String source = block.group(1).strip();
			int line = lineOf(markdown, block.start());
			examples.add(example(source, line, names));
		}
		return List.copyOf(examples);
	}

	private static Example example(String source, int line, Set<String> names) {
		Document document;
		try {
			document = Parser.parse(source);
		}
		catch (InvalidSyntaxException ex) {
			throw new IllegalArgumentException(
					"README line " + line + ": the graphql example does not parse: " + ex.getMessage(), ex);
		}
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		if (operations.size() != 1) {
			throw new IllegalArgumentException("README line " + line + ": a graphql example must hold exactly one"
					+ " operation, this one holds " + operations.size());
		}
		OperationDefinition operation = operations.get(0);
		String query = source;
		String name = operation.getName();
		if (name == null) {
			name = unique(rootFieldName(operation), names);
			query = named(source, operation, name);
		}
		else {
			names.add(name);
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		for (VariableDefinition variable : operation.getVariableDefinitions()) {
			if (variable.getDefaultValue() == null) {
				variables.put(variable.getName(), placeholder(variable.getType()));
			}
		}
		return new Example(name, query, variables);
	}

	private static String rootFieldName(OperationDefinition operation) {
		for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
			if (selection instanceof Field field) {
				String root = field.getName();
				return Character.toUpperCase(root.charAt(0)) + root.substring(1);
			}
		}
		return "Example";
	}

	private static String unique(String name, Set<String> names) {
		String candidate = name;
		for (int i = 2; !names.add(candidate); i++) {
			candidate = name + i;
		}
		return candidate;
	}

	/**
	 * Inserts the name where the operation starts: before a shorthand's brace, or after
	 * its keyword.
	 */
	private static String named(String source, OperationDefinition operation, String name) {
		int offset = offsetOf(source, operation.getSourceLocation());
		if (source.startsWith("{", offset)) {
			return source.substring(0, offset) + "query " + name + " " + source.substring(offset);
		}
		String keyword = operation.getOperation().name().toLowerCase(Locale.ROOT);
		if (!source.startsWith(keyword, offset)) {
			throw new IllegalStateException("operation does not start with '{' or '" + keyword + "' at " + offset);
		}
		int end = offset + keyword.length();
		return source.substring(0, end) + " " + name + source.substring(end);
	}

	private static Object placeholder(Type<?> type) {
		Type<?> inner = (type instanceof NonNullType nonNull) ? nonNull.getType() : type;
		if (inner instanceof ListType) {
			return List.of();
		}
		String typeName = ((TypeName) inner).getName();
		return switch (typeName) {
			case "ID", "String" -> "";
			case "Int", "Float" -> 0;
			case "Boolean" -> false;
			default -> null;
		};
	}

	/**
	 * Moves every quoted ISO date of the query by the same number of days, so that the
	 * latest is {@code latest}; a query without dates is returned as it is.
	 */
	static String withDatesEndingOn(String query, LocalDate latest) {
		Matcher matcher = DATE.matcher(query);
		LocalDate max = null;
		while (matcher.find()) {
			LocalDate date = date(matcher.group(1));
			if (date != null && (max == null || date.isAfter(max))) {
				max = date;
			}
		}
		if (max == null) {
			return query;
		}
		long shift = ChronoUnit.DAYS.between(max, latest);
		StringBuilder moved = new StringBuilder();
		matcher.reset();
		while (matcher.find()) {
			LocalDate date = date(matcher.group(1));
			String replacement = (date != null) ? "\"" + date.plusDays(shift) + "\"" : matcher.group();
			matcher.appendReplacement(moved, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(moved);
		return moved.toString();
	}

	private static LocalDate date(String text) {
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static int offsetOf(String source, SourceLocation location) {
		int offset = 0;
		for (int line = 1; line < location.getLine(); line++) {
			offset = source.indexOf('\n', offset) + 1;
		}
		return offset + location.getColumn() - 1;
	}

	private static int lineOf(String text, int offset) {
		int line = 1;
		for (int i = 0; i < offset; i++) {
			if (text.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

	/**
	 * One example: its operation name (GraphiQL's tab title), the query, and a template
	 * of the variables it declares.
	 */
	record Example(String name, String query, Map<String, Object> variables) {

		Example {
			variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
		}

	}

}
