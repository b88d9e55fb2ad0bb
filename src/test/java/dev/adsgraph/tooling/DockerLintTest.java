package dev.adsgraph.tooling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.adsgraph.testing.ExternalTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker files through the linters that run without a Docker engine
 * (dockerfile-utils, dockerfilelint, and the Compose Specification's JSON schema), by
 * {@code tools/lint-docker.js}. Needs Node.js and {@code npm ci} in {@code tools/}.
 */
class DockerLintTest {

	@Test
	void theLintersFindNothing() {
		Path node = ExternalTools.onPath("node", "install Node.js");
		if (!Files.isDirectory(Path.of("tools", "node_modules", "dockerfile-utils"))) {
			ExternalTools.missing("the Docker linters are not installed; run npm ci --prefix tools (.ci/run does)");
		}
		ExternalTools.Finished lint = ExternalTools.run(List.of(node.toString(), "tools/lint-docker.js"),
				Path.of("target", "docker-lint.log"), Duration.ofMinutes(2));
		assertThat(lint.exitCode()).as("tools/lint-docker.js said:%n%s", lint.tail(40)).isZero();
		assertThat(lint.output()).contains("found nothing").contains("valid against the Compose Specification schema");
	}

}
