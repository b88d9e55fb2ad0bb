package dev.adsgraph.graphiql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The example operations of {@code examples/} in the repository: one named operation per
 * {@code .graphql} file, its variables (if it declares any) in a {@code .json} file of
 * the same name. The build packs the directory into the jar, where the GraphiQL page
 * opens one tab per file, in file name order; the docs, the Postman collection and the
 * tests read the same files.
 */
final class Examples {

	/** Where the build puts {@code examples/} in the jar. */
	static final String CLASSPATH = "classpath*:dev/adsgraph/graphiql/examples/*.graphql";

	private static final Pattern DATE = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2})\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Examples() {
	}

	/**
	 * The examples matching a resource pattern ({@link #CLASSPATH}, or
	 * {@code file:examples/*.graphql}), in file name order. A file that does not hold
	 * exactly one named operation, or whose variables file does not name exactly the
	 * variables it needs, is refused naming the file, so a broken example fails the build
	 * rather than a reader.
	 */
	static List<Example> load(String pattern) {
		Resource[] resources;
		try {
			resources = new PathMatchingResourcePatternResolver().getResources(pattern);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Resource> files = new ArrayList<>(Arrays.asList(resources));
		files.sort(Comparator.comparing(Resource::getFilename));
		List<Example> examples = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (Resource file : files) {
			String fileName = file.getFilename();
			String variables = read(relative(file, fileName.replaceFirst("\\.graphql$", ".json")));
			Example example = of(fileName, read(file), variables);
			if (!names.add(example.name())) {
				throw new IllegalArgumentException(fileName + ": another example is named " + example.name());
			}
			examples.add(example);
		}
		return List.copyOf(examples);
	}

	/**
	 * One example from its file's text and its variables file's text (null when there is
	 * none).
	 */
	static Example of(String fileName, String query, String variables) {
		List<OperationDefinition> operations;
		try {
			operations = Parser.parse(query).getDefinitionsOfType(OperationDefinition.class);
		}
		catch (InvalidSyntaxException ex) {
			throw new IllegalArgumentException(fileName + " does not parse: " + ex.getMessage(), ex);
		}
		if (operations.size() != 1) {
			throw new IllegalArgumentException(
					fileName + " must hold exactly one operation, it holds " + operations.size());
		}
		OperationDefinition operation = operations.get(0);
		if (operation.getName() == null) {
			throw new IllegalArgumentException(fileName + ": name the operation (GraphiQL titles its tab by it)");
		}
		Set<String> needed = new LinkedHashSet<>();
		for (VariableDefinition variable : operation.getVariableDefinitions()) {
			if (variable.getDefaultValue() == null) {
				needed.add(variable.getName());
			}
		}
		Set<String> given = new LinkedHashSet<>();
		if (variables != null) {
			JsonNode json;
			try {
				json = JSON.readTree(variables);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException(fileName + ": its variables file is not JSON", ex);
			}
			if (!json.isObject()) {
				throw new IllegalArgumentException(fileName + ": its variables file must hold one JSON object");
			}
			json.propertyNames().forEach(given::add);
		}
		if (!given.equals(needed)) {
			throw new IllegalArgumentException(fileName + " declares the variables " + needed
					+ " without a default; its variables file names " + given);
		}
		return new Example(fileName, operation.getName(), query.strip(),
				(variables != null) ? variables.strip() : null);
	}

	/**
	 * Moves every quoted ISO date of the text by the same number of days, so that the
	 * latest is {@code latest}: the examples' dates are placeholders, and Amazon refuses
	 * ranges older than it keeps reports for. A text without dates is returned as it is.
	 */
	static String withDatesEndingOn(String text, LocalDate latest) {
		if (text == null) {
			return null;
		}
		Matcher matcher = DATE.matcher(text);
		LocalDate max = null;
		while (matcher.find()) {
			LocalDate date = date(matcher.group(1));
			if (date != null && (max == null || date.isAfter(max))) {
				max = date;
			}
		}
		if (max == null) {
			return text;
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

	private static Resource relative(Resource file, String name) {
		try {
			return file.createRelative(name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The resource's text, or null when it does not exist. */
	private static String read(Resource resource) {
		if (!resource.exists()) {
			return null;
		}
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One example.
	 *
	 * @param file its file name ({@code 05-register.graphql})
	 * @param name its operation's name, GraphiQL's tab title
	 * @param query the file's text
	 * @param variables its variables file's text, or null when it has none
	 */
	record Example(String file, String name, String query, String variables) {

	}

}
