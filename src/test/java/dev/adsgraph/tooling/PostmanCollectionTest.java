package dev.adsgraph.tooling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import graphql.language.Field;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.parser.Parser;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Postman collection keeps up with the schema and the README: a request for every
 * query and mutation field and for every README example, and tests on every request.
 * Whether those tests pass is {@code PostmanCollectionIT}'s business.
 */
class PostmanCollectionTest {

	private static final Path COLLECTION = Path.of("postman", "adsgraph.postman_collection.json");

	private static final Pattern GRAPHQL_BLOCK = Pattern.compile("^```graphql[ \\t]*\\R(.*?)^```",
			Pattern.MULTILINE | Pattern.DOTALL);

	private static final Pattern CURL_QUERY = Pattern.compile("-d '(\\{\"query\".*?\\})'", Pattern.DOTALL);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void everyReadmeExampleIsARequestOfTheCollection() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		List<String> examples = new ArrayList<>();
		Matcher block = GRAPHQL_BLOCK.matcher(readme);
		while (block.find()) {
			examples.add(block.group(1));
		}
		Matcher curl = CURL_QUERY.matcher(readme);
		while (curl.find()) {
			examples.add(JSON.readTree(curl.group(1)).path("query").asString());
		}
		assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
		Set<String> requests = new TreeSet<>();
		queries().forEach((query) -> requests.add(normalized(query)));
		List<String> missing = examples.stream().filter((example) -> !requests.contains(normalized(example))).toList();
		assertThat(missing).as("README examples with no request in %s (dates may differ)", COLLECTION).isEmpty();
	}

	@Test
	void everyQueryAndMutationFieldOfTheSchemaIsAsked() throws IOException {
		Set<String> schemaFields = new TreeSet<>();
		TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
		try (Stream<Path> files = Files.list(Path.of("schema"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".graphqls")).toList()) {
				registry.merge(new SchemaParser().parse(Files.readString(file)));
			}
		}
		for (String root : List.of("Query", "Mutation")) {
			List<ObjectTypeDefinition> definitions = new ArrayList<>();
			registry.getType(root, ObjectTypeDefinition.class).ifPresent(definitions::add);
			definitions.addAll(registry.objectTypeExtensions().getOrDefault(root, List.of()));
			for (ObjectTypeDefinition definition : definitions) {
				for (FieldDefinition field : definition.getFieldDefinitions()) {
					schemaFields.add(root + "." + field.getName());
				}
			}
		}
		assertThat(schemaFields).as("fields in schema/").isNotEmpty();
		Set<String> asked = new TreeSet<>();
		queries().forEach((query) -> {
			for (OperationDefinition operation : Parser.parse(query).getDefinitionsOfType(OperationDefinition.class)) {
				String root = (operation.getOperation() == OperationDefinition.Operation.MUTATION) ? "Mutation"
						: "Query";
				for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
					if (selection instanceof Field field) {
						asked.add(root + "." + field.getName());
					}
				}
			}
		});
		assertThat(asked).as("root fields the collection asks").containsAll(schemaFields);
	}

	@Test
	void everyRequestHasTests() throws IOException {
		List<String> untested = new ArrayList<>();
		for (JsonNode request : requests()) {
			boolean tested = false;
			for (JsonNode event : request.path("event")) {
				if (event.path("listen").asString().equals("test")
						&& event.path("script").path("exec").toString().contains("pm.test(")) {
					tested = true;
				}
			}
			if (!tested) {
				untested.add(request.path("name").asString());
			}
		}
		assertThat(requests()).hasSizeGreaterThan(50);
		assertThat(untested).as("requests without pm.test").isEmpty();
	}

	/**
	 * The same operation whatever its layout, dates and Postman variables standing for
	 * dates.
	 */
	private static String normalized(String query) {
		return query.replaceAll("\"(\\d{4}-\\d{2}-\\d{2}|\\{\\{\\w+\\}\\})\"", "\"<date>\"")
			.replaceAll("[\\s,]+", " ")
			.replaceAll(" ?([{}()\\[\\]:]) ?", "$1")
			.strip();
	}

	private static List<String> queries() throws IOException {
		List<String> queries = new ArrayList<>();
		for (JsonNode request : requests()) {
			JsonNode body = request.path("request").path("body");
			if (body.path("mode").asString().equals("graphql")) {
				queries.add(body.path("graphql").path("query").asString());
			}
		}
		return queries;
	}

	/** Every request of the collection, in folders or not. */
	private static List<JsonNode> requests() throws IOException {
		List<JsonNode> requests = new ArrayList<>();
		collect(JSON.readTree(COLLECTION.toFile()).path("item"), requests);
		return requests;
	}

	private static void collect(JsonNode items, List<JsonNode> requests) {
		for (JsonNode item : items) {
			if (item.has("item")) {
				collect(item.path("item"), requests);
			}
			else {
				requests.add(item);
			}
		}
	}

}
