package dev.adsgraph.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Assumptions;

/**
 * Programs some tests need from outside Maven (Chromium and chromedriver from Debian, newman and
 * the Docker linters from npm). Where one is missing the test is skipped with a message saying how
 * to install it, so a plain {@code mvn verify} on a fresh machine still runs everything else; with
 * {@code ADSGRAPH_REQUIRE_TOOLS=1} (which {@code .ci/run} sets after installing them) a missing
 * program fails the test instead.
 */
public final class ExternalTools {

	/** The environment variable that turns a missing program from a skip into a failure. */
	public static final String REQUIRE_VARIABLE = "ADSGRAPH_REQUIRE_TOOLS";

	private ExternalTools() {
	}

	public static boolean required() {
		String value = System.getenv(REQUIRE_VARIABLE);
		return value != null && (value.equals("1") || value.toLowerCase(Locale.ROOT).equals("true"));
	}

	/**
	 * The program at {@code path}; when it is not there (or not executable), skips the calling test,
	 * or fails it when tools are required.
	 */
	public static Path program(Path path, String what, String install) {
		if (Files.isRegularFile(path) && Files.isExecutable(path)) {
			return path;
		}
		missing(what + " not found at " + path + "; " + install);
		return path;
	}

	/** Skips the calling test with {@code message}, or fails it when tools are required. */
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

}
