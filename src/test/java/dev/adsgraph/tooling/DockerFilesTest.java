package dev.adsgraph.tooling;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.adsgraph.tooling.Dockerfile.Instruction;
import dev.adsgraph.tooling.Dockerfile.Stage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What issue 6 asks of the container files, checked by reading them, since no Docker
 * engine runs where this project is built: a Maven build stage, a JRE runtime stage
 * running the layered jar as a non-root user with a health check on the actuator, and a
 * compose file running the gateway in sandbox mode. The linters run in
 * {@link DockerLintTest}; the health check's URL is asked of the running gateway in
 * {@code dev.adsgraph.e2e.HealthCheckTest}.
 */
class DockerFilesTest {

	private static final Path DOCKERFILE = Path.of("docker", "Dockerfile");

	private static final Path COMPOSE = Path.of("docker", "compose.yaml");

	private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
			"application");

	@Test
	void theImageIsBuiltWithMavenInAStageOfItsOwn() throws IOException {
		Dockerfile dockerfile = Dockerfile.read(DOCKERFILE);
		assertThat(dockerfile.stages()).as("stages").hasSizeGreaterThanOrEqualTo(2);
		Stage build = dockerfile.stages().get(0);
		assertThat(build.name()).as("the first stage is named, for COPY --from").isNotNull();
		assertThat(build.image()).startsWith("maven:").contains("-" + javaRelease());
		List<String> runs = build.all("RUN").stream().map(Instruction::arguments).toList();
		assertThat(runs).anySatisfy((run) -> assertThat(run).contains("mvn").contains(" package"));
		assertThat(runs).as("the jar is split into Spring Boot's layers")
			.anySatisfy((run) -> assertThat(run).contains("-Djarmode=tools")
				.contains("extract --layers --launcher")
				.contains("target/" + jarName()));
	}

	@Test
	void theBuildStageCopiesEverythingTheMavenBuildReads() throws IOException {
		Stage build = Dockerfile.read(DOCKERFILE).stages().get(0);
		List<String> copied = build.all("COPY").stream().map((copy) -> copy.arguments().split("\\s+")[0]).toList();
		// pom.xml, the sources, the SDL and the example operations (resource directories
		// of
		// the pom; the examples are the GraphiQL page's tabs).
		assertThat(copied).contains("pom.xml", "src", "schema", "examples");
		String pom = Files.readString(Path.of("pom.xml"));
		Matcher resource = Pattern.compile("<directory>([^<]+)</directory>").matcher(pom);
		while (resource.find()) {
			String directory = resource.group(1).replace("${project.basedir}", ".").replaceFirst("^\\./?", "");
			if (!directory.isEmpty()) {
				assertThat(copied).as("pom resource directory %s", directory)
					.anySatisfy((source) -> assertThat(directory).startsWith(source));
			}
		}
		for (String source : copied) {
			assertThat(Path.of(source)).as("COPY source").exists();
		}
	}

	@Test
	void theBuildContextLetsThroughExactlyWhatTheBuildCopies() throws IOException {
		List<String> lines = Files.readAllLines(Path.of(".dockerignore"))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(lines.get(0)).as("everything is left out unless let through").isEqualTo("*");
		List<String> allowed = lines.stream()
			.filter((line) -> line.startsWith("!"))
			.map((line) -> line.substring(1).replaceAll("/$", ""))
			.toList();
		List<String> copied = Dockerfile.read(DOCKERFILE)
			.stages()
			.get(0)
			.all("COPY")
			.stream()
			.map((copy) -> copy.arguments().split("\\s+")[0])
			.toList();
		assertThat(allowed).containsExactlyInAnyOrderElementsOf(copied);
	}

	@Test
	void theRuntimeIsAJreRunningTheLayeredJarAsANonRootUser() throws IOException {
		Dockerfile dockerfile = Dockerfile.read(DOCKERFILE);
		Stage runtime = dockerfile.last();
		String build = dockerfile.stages().get(0).name();
		assertThat(runtime.image()).contains("jre").contains(javaRelease());
		List<String> copies = runtime.all("COPY").stream().map(Instruction::arguments).toList();
		assertThat(copies).as("the layers, least often changed first")
			.containsExactlyElementsOf(
					LAYERS.stream().map((layer) -> "--from=" + build + " /layers/" + layer + "/ ./").toList());
		List<Instruction> users = runtime.all("USER");
		assertThat(users).as("USER instructions").isNotEmpty();
		String user = users.get(users.size() - 1).arguments();
		assertThat(user).isNotIn("root", "0", "0:0");
		assertThat(runtime.all("RUN"))
			.anySatisfy((run) -> assertThat(run.arguments()).contains("useradd").contains(" " + user));
		int userIndex = runtime.instructions().indexOf(users.get(users.size() - 1));
		int entrypointIndex = runtime.instructions().indexOf(runtime.all("ENTRYPOINT").get(0));
		assertThat(userIndex).as("USER comes before ENTRYPOINT").isLessThan(entrypointIndex);
		assertThat(runtime.all("ENTRYPOINT").get(0).arguments())
			.contains("org.springframework.boot.loader.launch.JarLauncher");
	}

	@Test
	void theHealthCheckAsksTheActuatorOnThePortTheImageExposes() throws IOException {
		Stage runtime = Dockerfile.read(DOCKERFILE).last();
		assertThat(runtime.all("HEALTHCHECK")).hasSize(1);
		String healthcheck = runtime.all("HEALTHCHECK").get(0).arguments();
		assertThat(healthcheck).matches("(--[a-z-]+=\\S+ )*CMD .*");
		String url = healthUrl();
		assertThat(url).startsWith("http://127.0.0.1:" + serverPort() + "/actuator/health/");
		assertThat(runtime.all("EXPOSE")).extracting(Instruction::arguments).containsExactly(serverPort());
		assertThat(runtime.all("RUN")).as("the health check's client is installed")
			.anySatisfy((run) -> assertThat(run.arguments()).contains(healthcheck.split("CMD ")[1].split(" ")[0]));
	}

	@Test
	void composeRunsTheImageOfThisDockerfileInSandboxMode() throws IOException {
		Map<String, Object> compose = yaml(COMPOSE);
		Map<String, Object> services = map(compose.get("services"));
		assertThat(services).containsOnlyKeys("adsgraph", "postgres");
		Map<String, Object> service = map(services.get("adsgraph"));
		Map<String, Object> build = map(service.get("build"));
		Path context = COMPOSE.getParent().resolve((String) build.get("context")).normalize();
		assertThat(context.resolve((String) build.get("dockerfile")).normalize()).isEqualTo(DOCKERFILE);
		assertThat(context.resolve(".dockerignore")).exists();
		assertThat(service.get("ports")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.contains(serverPort() + ":" + serverPort());
		Map<String, Object> environment = map(service.get("environment"));
		assertThat(environment).containsEntry("ADSGRAPH_MODE", "sandbox");
		assertThat(environment.keySet()).noneMatch((name) -> name.startsWith("ADSGRAPH_TENANTS"));
	}

	@Test
	void composeGivesTheGatewayAPostgresqlServiceThroughBootsProperties() throws IOException {
		Map<String, Object> services = map(yaml(COMPOSE).get("services"));
		Map<String, Object> postgres = map(services.get("postgres"));
		assertThat((String) postgres.get("image")).startsWith("postgres:17");
		Map<String, Object> database = map(postgres.get("environment"));
		Map<String, Object> gateway = map(services.get("adsgraph"));
		Map<String, Object> environment = map(gateway.get("environment"));
		assertThat(environment)
			.containsEntry("SPRING_R2DBC_URL", "r2dbc:postgresql://postgres:5432/" + database.get("POSTGRES_DB"))
			.containsEntry("SPRING_R2DBC_USERNAME", database.get("POSTGRES_USER"))
			.containsEntry("SPRING_R2DBC_PASSWORD", database.get("POSTGRES_PASSWORD"));
		assertThat(map(map(gateway.get("depends_on")).get("postgres"))).containsEntry("condition", "service_healthy");
		assertThat(postgres).containsKey("healthcheck");
		assertThat((List<?>) postgres.get("volumes")).isNotEmpty();
	}

	/**
	 * The URL the HEALTHCHECK asks, for the e2e test that asks it of a running gateway.
	 */
	static String healthUrl() throws IOException {
		String healthcheck = Dockerfile.read(DOCKERFILE).last().all("HEALTHCHECK").get(0).arguments();
		Matcher url = Pattern.compile("http://\\S+").matcher(healthcheck);
		assertThat(url.find()).as("a URL in %s", healthcheck).isTrue();
		return url.group();
	}

	private static String javaRelease() throws IOException {
		Matcher release = Pattern.compile("<java.version>(\\d+)</java.version>")
			.matcher(Files.readString(Path.of("pom.xml")));
		assertThat(release.find()).isTrue();
		return release.group(1);
	}

	private static String jarName() throws IOException {
		Matcher name = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(Files.readString(Path.of("pom.xml")));
		assertThat(name.find()).isTrue();
		return name.group(1) + ".jar";
	}

	private static String serverPort() throws IOException {
		Map<String, Object> server = map(yaml(Path.of("src/main/resources/application.yml")).get("server"));
		return String.valueOf(server.get("port"));
	}

	private static Map<String, Object> yaml(Path path) throws IOException {
		try (Reader reader = Files.newBufferedReader(path)) {
			return new Yaml().load(reader);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}
