package dev.adsgraph.tooling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;

import dev.adsgraph.database.EmbeddedPostgresServer;

import dev.adsgraph.tooling.Dockerfile.Instruction;
import dev.adsgraph.tooling.Dockerfile.Stage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's training start ({@code docker/Dockerfile}'s {@code RUN java
 * -XX:ArchiveClassesAtExit=...}) run here as a new image runs it: the packaged jar
 * extracted as the build stage extracts it, the command and the JVM's options
 * ({@code ENV JDK_JAVA_OPTIONS}, {@code MALLOC_ARENA_MAX}) read from the Dockerfile, and
 * a temporary folder that has never held the PostgreSQL binaries, so the embedded
 * PostgreSQL's first unpacking happens inside the image's heap. It must write the
 * archive, and leave binaries that the image's non-root user may run. Output in
 * {@code target/image-training/}.
 */
class ImageTrainingStartIT {

	private static final Path DOCKERFILE = Path.of("docker", "Dockerfile");

	private static final Path OUTPUT = Path.of("target", "image-training");

	@Test
	void theTrainingStartWritesTheArchiveWithTheImagesHeapOnAFirstStart() throws Exception {
		Stage runtime = Dockerfile.read(DOCKERFILE).last();
		String training = runtime.all("RUN")
			.stream()
			.map(Instruction::arguments)
			.filter((run) -> run.contains("-XX:ArchiveClassesAtExit="))
			.findFirst()
			.orElseThrow()
			.split("&&")[0].strip();
		String options = env(runtime, "JDK_JAVA_OPTIONS").replaceAll("^\"|\"$", "");
		String arenas = env(runtime, "MALLOC_ARENA_MAX");

		FileSystemUtils.deleteRecursively(OUTPUT);
		Path app = Files.createDirectories(OUTPUT.resolve("app")).toAbsolutePath();
		Path temporary = Files.createDirectories(OUTPUT.resolve("tmp")).toAbsolutePath();
		// the build stage's extraction, its layers copied into one folder as the image's
		// COPY instructions do: what extract without --layers writes
		run(List.of(java(), "-Djarmode=tools", "-jar", Path.of("target", "adsgraph.jar").toAbsolutePath().toString(),
				"extract", "--destination", app.toString()), Path.of("."), List.of(), OUTPUT.resolve("extract.log"));

		List<String> command = new ArrayList<>(Arrays.asList(training.split("\\s+")));
		assertThat(command.get(0)).isEqualTo("java");
		command.set(0, java());
		// the image's /tmp, here a folder of the test's own
		command.replaceAll((word) -> word.replace("/tmp/", temporary + "/"));
		OptionalLong leftRunning;
		try {
			run(command, app, List.of("JDK_JAVA_OPTIONS=" + options + " -Djava.io.tmpdir=" + temporary,
					"MALLOC_ARENA_MAX=" + arenas), OUTPUT.resolve("training.log"));
		}
		finally {
			leftRunning = EmbeddedPostgresServer.stopLeftOver(temporary.resolve("cds-training"));
		}
		assertThat(leftRunning)
			.as("spring.context.exit=onRefresh halts the JVM without its shutdown hooks: the gateway stops its embedded PostgreSQL before")
			.isEmpty();

		assertThat(app.resolve("adsgraph.jsa")).isNotEmptyFile();
		assertThat(Files.readString(OUTPUT.resolve("training.log"))).as("the options the JVM picked up")
			.contains("Picked up JDK_JAVA_OPTIONS: " + options);
		try (Stream<Path> unpacked = Files.list(temporary.resolve("embedded-pg"))) {
			Path binaries = unpacked.filter(Files::isDirectory).findFirst().orElseThrow();
			assertThat(binaries.resolve(".exists")).exists();
			assertThat(Files.getPosixFilePermissions(binaries.resolve("bin/postgres")))
				.as("the image's user (not the one that built it) may run the server")
				.contains(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
		}
	}

	private static String env(Stage stage, String name) {
		Pattern assignment = Pattern.compile(Pattern.quote(name) + "=(\"[^\"]*\"|\\S+)");
		return stage.all("ENV")
			.stream()
			.map((env) -> assignment.matcher(env.arguments()))
			.filter(Matcher::find)
			.map((found) -> found.group(1))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no ENV " + name + " in " + DOCKERFILE));
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void run(List<String> command, Path directory, List<String> environment, Path log) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// what the image's environment has: nothing of this JVM's options
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		builder.environment().remove("JDK_JAVA_OPTIONS");
		for (String variable : environment) {
			String[] pair = variable.split("=", 2);
			builder.environment().put(pair[0], pair[1]);
		}
		Process process = builder.start();
		boolean finished = process.waitFor(3, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		assertThat(finished && process.exitValue() == 0)
			.as("%s exited with %s; the end of %s:%n%s", command, finished ? process.exitValue() : "no exit in 3 min",
					log, tail(log))
			.isTrue();
	}

	private static String tail(Path log) throws Exception {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

}
