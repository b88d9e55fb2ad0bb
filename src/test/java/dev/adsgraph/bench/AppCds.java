package dev.adsgraph.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

import dev.adsgraph.testing.GatewayDataFolder;

/**
 * The gateway started as docker/Dockerfile starts it: from the jar extracted by Spring
 * Boot's tools ({@code java -Djarmode=tools -jar adsgraph.jar extract}), with a class
 * data sharing archive that a training start wrote ({@code -XX:ArchiveClassesAtExit} and
 * {@code -Dspring.context.exit=onRefresh}: the application starts, with its embedded
 * database and sandbox, and stops once its context is refreshed). Classes then come
 * mapped from the archive, parsed and verified, instead of being read from the jars at
 * each start. Prepared once per jar content and JVM flags, under
 * {@code target/bench-cds/}.
 *
 * @param jar the extracted application jar, which the gateway is started from
 * @param archive the archive
 */
record AppCds(Path jar, Path archive) {

	/** The directory under target/ where prepared applications are kept. */
	static final Path ROOT = Path.of("target", "bench-cds");

	/** The JVM flag the gateway is started with. */
	String sharedArchiveFlag() {
		return "-XX:SharedArchiveFile=" + this.archive.toAbsolutePath();
	}

	/**
	 * Fails unless the process has the archive mapped: a JVM that cannot use an archive
	 * (other flags, another class path) says so in its log and starts without it, which
	 * would measure something other than the image.
	 */
	void requireMappedBy(long pid) throws IOException {
		String archiveName = this.archive.toAbsolutePath().toString();
		if (!Files.readString(Path.of("/proc", Long.toString(pid), "maps")).contains(archiveName)) {
			throw new IllegalStateException("the gateway (pid " + pid
					+ ") started without its class data sharing archive " + archiveName + ": its log says why");
		}
	}

	/**
	 * Extracts the jar and trains the archive, unless this jar with these flags already
	 * was; the training's output goes to {@code training.log} beside the archive.
	 */
	static AppCds prepare(Path fatJar, List<String> jvm) throws IOException, InterruptedException {
		// The extracted jar is named after the jar: the same content under another name
		// is prepared again, in a folder of its own.
		Path dir = ROOT.resolve(digest(fatJar, jvm));
		Path extracted = dir.resolve("app");
		AppCds cds = new AppCds(extracted.resolve(fatJar.getFileName().toString()), dir.resolve("app.jsa"));
		if (Files.isRegularFile(cds.archive())) {
			return cds;
		}
		FileSystemUtils.deleteRecursively(dir);
		Files.createDirectories(dir);
		Path log = dir.resolve("training.log");
		run(List.of(Procs.java(), "-Djarmode=tools", "-jar", fatJar.toAbsolutePath().toString(), "extract",
				"--destination", extracted.toAbsolutePath().toString()), log, Duration.ofMinutes(2));
		if (!Files.isRegularFile(cds.jar())) {
			throw new IllegalStateException("extracting " + fatJar + " made no " + cds.jar() + " (see " + log + ")");
		}
		Path database = dir.resolve("training-postgres");
		List<String> training = new ArrayList<>();
		training.add(Procs.java());
		training.addAll(jvm);
		training.addAll(List.of("-XX:ArchiveClassesAtExit=" + cds.archive().toAbsolutePath() + ".partial",
				"-Dspring.context.exit=onRefresh", "-jar", cds.jar().toAbsolutePath().toString(), "--server.port=0",
				"--adsgraph.database.embedded.data-directory=" + database.toAbsolutePath()));
		try {
			run(training, log, Duration.ofMinutes(3));
		}
		finally {
			// The gateway stops its embedded PostgreSQL before Spring halts the JVM
			// (EmbeddedPostgresExitOnRefresh); a jar built before that, or a training
			// start that failed, leaves it running.
			GatewayDataFolder.stopAndDelete(database);
		}
		Path partial = Path.of(cds.archive() + ".partial");
		if (!Files.isRegularFile(partial)) {
			throw new IllegalStateException("the training start wrote no archive (see " + log + ")");
		}
		Files.move(partial, cds.archive());
		return cds;
	}

	private static void run(List<String> command, Path log, Duration limit) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("did not finish within " + limit.toSeconds() + " s: "
					+ String.join(" ", command) + " (see " + log + ")");
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(
					"exited with " + process.exitValue() + ": " + String.join(" ", command) + " (see " + log + ")");
		}
	}

	/**
	 * The jar's content and name and the flags: a new build or other flags train anew.
	 */
	static String digest(Path jar, List<String> jvm) throws IOException {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			try (InputStream in = Files.newInputStream(jar)) {
				byte[] buffer = new byte[1 << 16];
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					sha.update(buffer, 0, read);
				}
			}
			sha.update(String.join(" ", jvm).getBytes(StandardCharsets.UTF_8));
			sha.update(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha.digest(), 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
