package dev.adsgraph.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Programs some tests need from outside Maven (Chromium and chromedriver from Debian,
 * newman and the Docker linters from npm). Where one is missing the test is skipped with
 * a message saying how to install it, so a plain {@code mvn verify} on a fresh machine
 * still runs everything else; with {@code ADSGRAPH_REQUIRE_TOOLS=1} (which
 * {@code .ci/run} sets after installing them) a missing program fails the test instead.
 */
public final class ExternalTools {

	/**
	 * The environment variable that turns a missing program from a skip into a failure.
	 */
	public static final String REQUIRE_VARIABLE = "ADSGRAPH_REQUIRE_TOOLS";

	private ExternalTools() {
	}

	public static boolean required() {
		String value = System.getenv(REQUIRE_VARIABLE);
		return value != null && (value.equals("1") || value.toLowerCase(Locale.ROOT).equals("true"));
	}

	/**
	 * The program at {@code path}; when it is not there (or not executable), skips the
	 * calling test, or fails it when tools are required.
	 */
	public static Path program(Path path, String what, String install) {
		if (Files.isRegularFile(path) && Files.isExecutable(path)) {
			return path;
		}
		missing(what + " not found at " + path + "; " + install);
		return path;
	}

	/**
	 * Skips the calling test with {@code message}, or fails it when tools are required.
	 */
	public static void missing(String message) {
		if (required()) {
			throw new AssertionError(message + " (" + REQUIRE_VARIABLE + " is set, so this is a failure)");
		}
		Assumptions.abort(message + " (skipped; set " + REQUIRE_VARIABLE + "=1 to make this a failure)");
	}

	/** The repository root: Maven runs tests from it. */
	public static Path projectRoot() {
		Path root = Path.of("").toAbsolutePath();
		if (!Files.isRegularFile(root.resolve("pom.xml"))) {
			throw new IllegalStateException("tests must run from the project root, not " + root);
		}
		return root;
	}

	/**
	 * The program named {@code name} on the PATH (as {@code which} would find it); skips
	 * or fails the calling test when there is none.
	 */
	public static Path onPath(String name, String install) {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(java.io.File.pathSeparator)) {
				Path candidate = Path.of(directory, name);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		missing(name + " not found on the PATH; " + install);
		return Path.of(name);
	}

	/**
	 * Runs a command from the project root, its output (standard output and error
	 * together) going to {@code log}; a command still running after {@code timeout} is
	 * ended and the test fails.
	 */
	public static Finished run(List<String> command, Path log, Duration timeout) {
		return run(command, Map.of(), log, timeout);
	}

	/** {@link #run(List, Path, Duration)} with extra environment variables. */
	public static Finished run(List<String> command, Map<String, String> environment, Path log, Duration timeout) {
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			ProcessBuilder builder = new ProcessBuilder(command).directory(projectRoot().toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
						+ " s; its output is in " + log);
			}
			return new Finished(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new AssertionError("could not run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** How a command ended: its exit code and what it printed. */
	public record Finished(int exitCode, String output) {

		/** The last lines of the output, for a failure message. */
		public String tail(int lines) {
			List<String> all = this.output.lines().toList();
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}

	}

}
