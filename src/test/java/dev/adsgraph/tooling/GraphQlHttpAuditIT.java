package dev.adsgraph.tooling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.adsgraph.testing.ExternalTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * graphql-http's GraphQL over HTTP server audits ({@code tools/graphql-http-audit.mjs})
 * against the packaged jar in sandbox mode, with the demo API key on every request: every
 * audit must pass, MUST, SHOULD and MAY alike (docs/http.md). Runs in Maven's
 * integration-test phase, after {@code package}. Output in {@code target/graphql-http/}:
 * the gateway's log and the audit's report, one line per audit.
 */
class GraphQlHttpAuditIT {

	private static final Path OUTPUT = Path.of("target", "graphql-http");

	@Test
	void everyServerAuditPassesAgainstTheJarInSandboxMode() throws Exception {
		Path audits = Path.of("tools", "node_modules", "graphql-http", "package.json");
		if (!Files.isRegularFile(audits)) {
			ExternalTools
				.missing("graphql-http not found in tools/node_modules; run npm ci --prefix tools " + "(.ci/run does)");
		}
		Path node = ExternalTools.onPath("node", "install Node.js");
		try (PackagedJar gateway = PackagedJar.start(OUTPUT.resolve("gateway.log"), Map.of())) {
			ExternalTools.Finished run = ExternalTools.run(List.of(node.toString(), "tools/graphql-http-audit.mjs",
					gateway.baseUrl() + "/graphql", "X-Api-Key", "adsgraph-demo-key"), OUTPUT.resolve("audit.log"),
					Duration.ofMinutes(3));
			assertThat(run.exitCode())
				.as("graphql-http's audits failed; the end of %s:%n%s", OUTPUT.resolve("audit.log"), run.tail(80))
				.isZero();
			assertThat(run.output()).containsPattern("graphql-http audit: (\\d+) of \\1 passed");
		}
	}

}
