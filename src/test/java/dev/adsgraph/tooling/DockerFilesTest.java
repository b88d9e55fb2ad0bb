package dev.adsgraph.tooling;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
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

	private static final Path SCALE_OUT = Path.of("docker", "compose.scale-out.yaml");

	private static final List<String> REPLICAS = List.of("adsgraph-1", "adsgraph-2");

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
				.contains("extract --layers --destination")
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
			.isEqualTo("[\"java\", \"-XX:SharedArchiveFile=adsgraph.jsa\", \"-jar\", \"" + jarName() + "\"]");
		// The archive the entrypoint maps is written by a training start, as root (so the
		// runtime user cannot change it), readable by that user.
		List<Instruction> training = runtime.all("RUN")
			.stream()
			.filter((run) -> run.arguments().contains("-XX:ArchiveClassesAtExit=adsgraph.jsa"))
			.toList();
		assertThat(training).hasSize(1);
		assertThat(training.get(0).arguments()).contains("-Dspring.context.exit=onRefresh")
			.contains("-jar " + jarName())
			.contains("chmod a+r adsgraph.jsa");
		assertThat(runtime.instructions().indexOf(training.get(0))).as("the training runs before USER")
			.isLessThan(userIndex);
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

	@Test
	void scaleOutRunsTwoReplicasOfThisDockerfileOnOneRedisAndOnePostgresql() throws IOException {
		Map<String, Object> services = map(yaml(SCALE_OUT).get("services"));
		assertThat(services).containsOnlyKeys("proxy", "adsgraph-1", "adsgraph-2", "sandbox", "redis", "postgres");
		Map<String, Object> redis = map(services.get("redis"));
		assertThat((String) redis.get("image")).startsWith("redis:7");
		assertThat(redis).containsKey("healthcheck");
		Map<String, Object> database = map(map(services.get("postgres")).get("environment"));
		Set<String> published = new TreeSet<>();
		for (String name : REPLICAS) {
			Map<String, Object> replica = map(services.get(name));
			Map<String, Object> build = map(replica.get("build"));
			Path context = SCALE_OUT.getParent().resolve((String) build.get("context")).normalize();
			assertThat(context.resolve((String) build.get("dockerfile")).normalize()).as(name).isEqualTo(DOCKERFILE);
			Map<String, Object> environment = map(replica.get("environment"));
			assertThat(environment).as(name)
				.containsEntry("SPRING_DATA_REDIS_URL", "redis://redis:6379")
				.containsEntry("SPRING_R2DBC_URL", "r2dbc:postgresql://postgres:5432/" + database.get("POSTGRES_DB"))
				.containsEntry("SPRING_R2DBC_USERNAME", database.get("POSTGRES_USER"))
				.containsEntry("SPRING_R2DBC_PASSWORD", database.get("POSTGRES_PASSWORD"));
			assertThat(environment).as(name).isEqualTo(map(map(services.get("adsgraph-1")).get("environment")));
			for (String dependency : List.of("redis", "postgres", "sandbox")) {
				assertThat(map(map(replica.get("depends_on")).get(dependency))).as(name + " on " + dependency)
					.containsEntry("condition", "service_healthy");
			}
			// Each replica's own port, to read its /actuator/prometheus.
			List<?> ports = (List<?>) replica.get("ports");
			assertThat(ports).as(name).hasSize(1);
			assertThat((String) ports.get(0)).as(name).endsWith(":" + serverPort());
			published.add(((String) ports.get(0)).split(":")[0]);
		}
		assertThat(published).as("one published port per replica").hasSize(REPLICAS.size());
	}

	@Test
	void scaleOutReplicasCallTheSandboxServiceInLiveModeWithItsDemoCredentials() throws IOException {
		Map<String, Object> services = map(yaml(SCALE_OUT).get("services"));
		Map<String, Object> sandbox = map(services.get("sandbox"));
		List<String> entrypoint = ((List<?>) sandbox.get("entrypoint")).stream().map(String::valueOf).toList();
		assertThat(entrypoint).contains("dev.adsgraph.sandbox.SandboxMain", "--address=0.0.0.0");
		String port = entrypoint.stream()
			.filter((arg) -> arg.startsWith("--port="))
			.findFirst()
			.orElseThrow()
			.substring("--port=".length());
		assertThat(sandbox.get("healthcheck").toString()).contains("http://127.0.0.1:" + port + "/sandbox");
		Map<String, Object> environment = map(map(services.get("adsgraph-1")).get("environment"));
		String base = "http://sandbox:" + port;
		SandboxCredentials ads = SandboxServer.demoCredentials();
		SandboxCredentials sp = SandboxServer.demoSpCredentials();
		assertThat(environment).containsEntry("ADSGRAPH_MODE", "live")
			.containsEntry("ADSGRAPH_UPSTREAM_LWA_TOKENURL", base + "/auth/o2/token")
			.containsEntry("ADSGRAPH_UPSTREAM_ADS_HOSTS_NA", base + "/ads/na")
			.containsEntry("ADSGRAPH_UPSTREAM_SP_HOSTS_NA", base + "/sp/na")
			.containsEntry("ADSGRAPH_TENANTS_0_ADS_CLIENTID", ads.clientId())
			.containsEntry("ADSGRAPH_TENANTS_0_ADS_CLIENTSECRET", ads.clientSecret())
			.containsEntry("ADSGRAPH_TENANTS_0_ADS_REFRESHTOKEN", ads.refreshToken())
			.containsEntry("ADSGRAPH_TENANTS_0_SP_CLIENTID", sp.clientId())
			.containsEntry("ADSGRAPH_TENANTS_0_SP_CLIENTSECRET", sp.clientSecret())
			.containsEntry("ADSGRAPH_TENANTS_0_SP_REFRESHTOKEN", sp.refreshToken())
			.containsEntry("ADSGRAPH_TENANTS_0_SP_SELLINGPARTNERID", SandboxServer.DEMO_SELLING_PARTNER_ID);
		// The API key the file's header names is the one whose hash the tenant holds.
		Matcher key = Pattern.compile("API key (\\S+);").matcher(Files.readString(SCALE_OUT));
		assertThat(key.find()).as("the API key in the header").isTrue();
		assertThat(environment).containsEntry("ADSGRAPH_TENANTS_0_APIKEYSHA256", sha256(key.group(1)));
	}

	@Test
	void scaleOutProxySpreadsOverBothReplicasOnTheGatewaysPort() throws IOException {
		Map<String, Object> services = map(yaml(SCALE_OUT).get("services"));
		Map<String, Object> proxy = map(services.get("proxy"));
		assertThat((String) proxy.get("image")).startsWith("nginx:");
		String volume = (String) ((List<?>) proxy.get("volumes")).get(0);
		String[] parts = volume.split(":");
		assertThat(parts[1]).isEqualTo("/etc/nginx/nginx.conf");
		assertThat(parts).hasSize(3).endsWith("ro");
		Path config = SCALE_OUT.getParent().resolve(parts[0]).normalize();
		assertThat(config).exists();
		String nginx = Files.readString(config);
		Matcher server = Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+):(\\d+)").matcher(nginx);
		List<String> upstreams = new java.util.ArrayList<>();
		while (server.find()) {
			assertThat(server.group(2)).isEqualTo(serverPort());
			upstreams.add(server.group(1));
		}
		assertThat(upstreams).containsExactlyInAnyOrderElementsOf(REPLICAS);
		Matcher listen = Pattern.compile("listen\\s+(\\d+);").matcher(nginx);
		assertThat(listen.find()).isTrue();
		assertThat(proxy.get("ports")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.contains(listen.group(1) + ":" + listen.group(1));
		assertThat(nginx).as("subscriptions over WebSocket pass through").contains("proxy_set_header Upgrade");
		for (String replica : REPLICAS) {
			assertThat(map(map(proxy.get("depends_on")).get(replica))).containsEntry("condition", "service_healthy");
		}
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
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
