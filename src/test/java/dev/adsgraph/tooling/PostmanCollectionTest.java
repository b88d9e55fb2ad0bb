package dev.adsgraph.tooling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * The Postman collection keeps up with the schema and the examples: a request for every
 * query and mutation field and for every example of {@code examples/}, sending that file
 * word for word, and tests on every request. Whether those tests pass is
 * {@code PostmanCollectionIT}'s business.
 */
class PostmanCollectionTest {

	private static final Path COLLECTION = Path.of("postman", "adsgraph.postman_collection.json");

	private static final Path EXAMPLES = Path.of("examples");

	private static final Pattern EXAMPLE_FILE = Pattern.compile("\\(examples/([\\w.-]+\\.graphql)\\)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * A request that runs an example names its file
	 * ({@code (examples/05-register.graphql)}) and sends that file's text as it is, with
	 * a value for each of its variables.
	 */
	@Test
	void everyExampleIsARequestOfTheCollectionSendingTheFileAsItIs() throws IOException {
		Map<String, List<JsonNode>> requestsByExample = new TreeMap<>();
		for (JsonNode request : requests()) {
			Matcher file = EXAMPLE_FILE.matcher(request.path("name").asString());
			if (file.find()) {
				requestsByExample.computeIfAbsent(file.group(1), (name) -> new ArrayList<>()).add(request);
			}
		}
		List<String> examples;
		try (Stream<Path> files = Files.list(EXAMPLES)) {
			examples = files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".graphql"))
				.sorted()
				.toList();
		}
		assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
		assertThat(requestsByExample.keySet()).as("examples with a request in %s", COLLECTION)
			.containsExactlyElementsOf(examples);
		for (String example : examples) {
			String text = Files.readString(EXAMPLES.resolve(example)).strip();
			Path variablesFile = EXAMPLES.resolve(example.replaceFirst("\\.graphql$", ".json"));
			Set<String> variables = new TreeSet<>();
			if (Files.exists(variablesFile)) {
				JSON.readTree(variablesFile.toFile()).propertyNames().forEach(variables::add);
			}
			for (JsonNode request : requestsByExample.get(example)) {
				JsonNode graphql = request.path("request").path("body").path("graphql");
				assertThat(graphql.path("query").asString()).as(request.path("name").asString()).isEqualTo(text);
				String sent = graphql.path("variables").asString();
				Set<String> sentNames = new TreeSet<>();
				if (!sent.isBlank()) {
					JSON.readTree(sent).propertyNames().forEach(sentNames::add);
				}
				assertThat(sentNames).as("variables of %s", request.path("name").asString()).isEqualTo(variables);
			}
		}
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
