package dev.adsgraph.tooling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.adsgraph.testing.ExternalTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed client example and Apollo Client 4 against the packaged jar in sandbox mode
 * (docs/client.md), all from {@code tools/}: GraphQL Code Generator over the example
 * operations and the schema ({@code strictScalars}, every custom scalar mapped), then
 * {@code tsc --strict} over the typed client; Apollo's
 * {@code generate-persisted-query-manifest} for the trusted documents; then
 * {@code tools/apollo-client-test.mjs} twice: against a default gateway (every example
 * through {@code InMemoryCache} with no cache warning or error, automatic persisted
 * queries with Apollo's link over POST and GET, a subscription over graphql-ws), and
 * against a gateway started with the generated manifest as its trusted documents (listed
 * documents answered by hash, an unlisted one refused). Runs in Maven's integration-test
 * phase, after {@code package}. Output in {@code target/apollo-client/}.
 */
class ApolloClientIT {

	private static final Path OUTPUT = Path.of("target", "apollo-client");

	private static final Path MANIFEST = Path.of("tools", "client", "gql", "persisted-query-manifest.json");

	/**
	 * The examples register a seller: its terms token accepts itself. The sandbox is
	 * quick ({@link PostmanCollectionIT#QUICK_SANDBOX}: registrations 300 ms, reports 300
	 * ms polled after 50 ms), and a report not ready is answered PENDING at once
	 * ({@code adsgraph.reports.grace=0s}): every example with report figures goes through
	 * PENDING, asked again through the same cache until READY, as a dashboard does,
	 * instead of waiting out the defaults (reports 2 s, polled after 1 s, and up to 2 s
	 * of grace per request).
	 */
	private static final String SANDBOX = "\"adsgraph.sandbox.terms-acceptance-delay\":\"1ms\","
			+ PostmanCollectionIT.QUICK_SANDBOX + ",\"adsgraph.reports.grace\":\"0s\"";

	private static Path node;

	@BeforeAll
	static void generate() {
		if (!Files.isRegularFile(Path.of("tools", "node_modules", "@apollo", "client", "package.json"))) {
			ExternalTools
				.missing("Apollo Client not found in tools/node_modules; run npm ci --prefix tools (.ci/run does)");
		}
		node = ExternalTools.onPath("node", "install Node.js");
		Path npm = ExternalTools.onPath("npm", "install npm");
		succeeds(List.of(npm.toString(), "--prefix", "tools", "run", "codegen"), "codegen.log");
		succeeds(List.of(npm.toString(), "--prefix", "tools", "run", "manifest"), "manifest.log");
		assertThat(MANIFEST).as("the persisted query manifest of the example operations").isRegularFile();
	}

	@Test
	void theTypedClientCompilesWithTscStrict() {
		Path npm = ExternalTools.onPath("npm", "install npm");
		succeeds(List.of(npm.toString(), "--prefix", "tools", "run", "typecheck"), "tsc.log");
	}

	@Test
	void apolloClientRunsEveryExampleWithoutCacheWarningsAndPersistedQueriesOverPostAndGet() throws Exception {
		try (PackagedJar gateway = PackagedJar.start(OUTPUT.resolve("gateway.log"),
				Map.of("SPRING_APPLICATION_JSON", "{" + SANDBOX + "}"))) {
			apolloClientTest("gateway", gateway);
		}
	}

	@Test
	void trustedDocumentsFromTheGeneratedManifestAnswerTheLinkAndRefuseAnUnlistedDocument() throws Exception {
		String trusted = SANDBOX + ",\"adsgraph.graphql.trusted-documents.enabled\":true,"
				+ "\"adsgraph.graphql.trusted-documents.manifests\":\"file:" + MANIFEST.toAbsolutePath() + "\"";
		try (PackagedJar gateway = PackagedJar.start(OUTPUT.resolve("trusted-gateway.log"),
				Map.of("SPRING_APPLICATION_JSON", "{" + trusted + "}"))) {
			apolloClientTest("trusted", gateway);
		}
	}

	private static void apolloClientTest(String mode, PackagedJar gateway) {
		String log = "apollo-client-test-" + mode + ".log";
		ExternalTools.Finished run = ExternalTools.run(
				List.of(node.toString(), "--conditions=development", "tools/apollo-client-test.mjs", mode,
						gateway.baseUrl() + "/graphql", "adsgraph-demo-key"),
				OUTPUT.resolve(log), Duration.ofMinutes(5));
		assertThat(run.exitCode())
			.as("apollo-client-test.mjs %s failed; the end of %s:%n%s", mode, OUTPUT.resolve(log), run.tail(60))
			.isZero();
		assertThat(run.output()).contains("apollo-client-test (" + mode + "): passed");
	}

	private static void succeeds(List<String> command, String log) {
		ExternalTools.Finished run = ExternalTools.run(command, OUTPUT.resolve(log), Duration.ofMinutes(3));
		assertThat(run.exitCode())
			.as("%s failed; the end of %s:%n%s", String.join(" ", command), OUTPUT.resolve(log), run.tail(40))
			.isZero();
	}

}
