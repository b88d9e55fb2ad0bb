package dev.adsgraph.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container's health check (docker/Dockerfile) asks a path the running gateway
 * answers UP.
 */
class HealthCheckTest extends SandboxGatewayTest {

	@Test
	void theDockerfilesHealthCheckPathAnswersUp() throws IOException {
		Matcher url = Pattern.compile("HEALTHCHECK[^\\n]*(?:\\\\\\n[^\\n]*)*?http://[^/\\s]+(/\\S*)")
			.matcher(Files.readString(Path.of("docker", "Dockerfile")));
		assertThat(url.find()).as("a health check URL in docker/Dockerfile").isTrue();
		GatewayClient.Raw health = this.client.get(this.client.gatewayUrl() + url.group(1));
		assertThat(health.status()).isEqualTo(200);
		assertThat(GatewayClient.parse(health.body())).containsEntry("status", "UP");
	}

}
