package dev.adsgraph.tooling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.adsgraph.testing.ExternalTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schema/*.graphqls} through graphql-schema-linter with the rules in
 * {@code tools/graphql-schema-linter.config.js}: a description on every type, field,
 * argument, input field and enum value, no unused type, Relay connections (types,
 * arguments, PageInfo). The lint must find nothing. A second run over the schema plus a
 * probe file breaking each rule (and a PageInfo without {@code hasPreviousPage}) shows
 * that the rules are on and that a finding fails the run. Needs Node.js and
 * {@code npm ci} in {@code tools/}.
 */
class SchemaLintTest {

	private static final Path LINTER = Path.of("tools", "node_modules", "graphql-schema-linter", "lib", "cli.js");

	private static final Path CONFIG = Path.of("tools");

	private static final Path OUTPUT = Path.of("target", "schema-lint");

	/** One breach of each rule the configuration turns on, added to the real schema. */
	private static final String PROBE = """
			extend type Query {
			  undocumentedField(undocumentedArgument: Int): ProbeEnum
			  "Documented, so that only its argument is a finding."
			  probeInput(input: ProbeInput): String
			  "A connection without `first` and `after`."
			  probeConnection: AdsAccountConnection
			  "A connection type without `edges` and `pageInfo`."
			  probeNodesOnly(
			    "How many."
			    first: Int
			    "After which."
			    after: String
			  ): NodesOnlyConnection
			}

			"A list that calls itself a connection but has neither edges nor pageInfo."
			type NodesOnlyConnection {
			  "The items."
			  nodes: [String!]!
			}

			enum ProbeEnum {
			  "Documented."
			  DOCUMENTED
			  UNDOCUMENTED_VALUE
			}

			"An input with an undocumented field."
			input ProbeInput {
			  undocumentedInputField: String
			}

			"Used by no field."
			type UnusedProbeType {
			  "A field."
			  field: String
			}
			""";

	@Test
	void theSchemaLintFindsNothing() {
		ExternalTools.Finished lint = lint(List.of(), OUTPUT.resolve("schema-lint.log"));
		assertThat(lint.exitCode())
			.as("graphql-schema-linter found (in %s):%n%s", OUTPUT.resolve("schema-lint.log"), lint.tail(80))
			.isZero();
	}

	@Test
	void eachRuleFailsTheLint() throws IOException {
		Path probed = OUTPUT.resolve("probed");
		Files.createDirectories(probed);
		List<String> files = new ArrayList<>();
		try (Stream<Path> schema = Files.list(Path.of("schema"))) {
			for (Path file : schema.filter((f) -> f.toString().endsWith(".graphqls")).sorted().toList()) {
				String sdl = Files.readString(file);
				if (file.getFileName().toString().equals("common.graphqls")) {
					// A PageInfo that cannot say whether a page comes before.
					String withoutPrevious = sdl.replace("hasPreviousPage: Boolean!", "previousPageUnknown: Boolean!");
					assertThat(withoutPrevious).as("common.graphqls declares PageInfo.hasPreviousPage")
						.isNotEqualTo(sdl);
					sdl = withoutPrevious;
				}
				files.add(Files.writeString(probed.resolve(file.getFileName()), sdl).toString());
			}
		}
		files.add(Files.writeString(probed.resolve("probe.graphqls"), PROBE).toString());
		ExternalTools.Finished lint = lint(files, OUTPUT.resolve("probed.log"));
		assertThat(lint.exitCode()).as("graphql-schema-linter over the probe said:%n%s", lint.tail(40)).isEqualTo(1);
		assertThat(lint.output()).contains("`Query.undocumentedField`", "(fields-have-descriptions)")
			.contains("`undocumentedArgument` argument", "`input` argument", "(arguments-have-descriptions)")
			.contains("`ProbeInput.undocumentedInputField`", "(input-object-values-have-descriptions)")
			.contains("`ProbeEnum.UNDOCUMENTED_VALUE`", "(enum-values-have-descriptions)")
			.contains("`ProbeEnum` is missing a description", "(types-have-descriptions)")
			.contains("`UnusedProbeType`", "(defined-types-are-used)")
			.contains("(relay-connection-arguments-spec)")
			.contains("`NodesOnlyConnection`", "(relay-connection-types-spec)")
			.contains("hasPreviousPage", "(relay-page-info-spec)")
			.doesNotContain("`ProbeEnum.DOCUMENTED`", "`Long`");
	}

	/**
	 * Runs the linter with the configuration in tools/, over {@code schemaFiles} if any.
	 */
	private static ExternalTools.Finished lint(List<String> schemaFiles, Path log) {
		Path node = ExternalTools.onPath("node", "install Node.js");
		if (!Files.isRegularFile(LINTER)) {
			ExternalTools.missing("graphql-schema-linter is not installed; run npm ci --prefix tools (.ci/run does)");
		}
		List<String> command = new ArrayList<>(List.of(node.toString(), LINTER.toString(), "--config-directory",
				CONFIG.toString(), "--format", "compact"));
		command.addAll(schemaFiles);
		return ExternalTools.run(command, log, Duration.ofMinutes(2));
	}

}
