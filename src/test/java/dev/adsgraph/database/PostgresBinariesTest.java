package dev.adsgraph.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL binaries unpacked into a working folder of the test's own, as a machine
 * that never had them: once, with the archive's permissions and links, where zonky then
 * finds them; a folder an earlier start left incomplete is replaced.
 */
class PostgresBinariesTest {

	@TempDir
	Path working;

	@Test
	void unpacksTheArchiveOnceWithItsPermissionsAndLinks() throws Exception {
		Path binaries = PostgresBinaries.prepare(this.working);
		assertThat(binaries).isEqualTo(this.working.resolve("PG-" + archiveMd5()));
		Path complete = binaries.resolve(PostgresBinaries.COMPLETE);
		assertThat(complete).exists();
		// others may run the server: a container's user is not the one that unpacked it
		assertThat(Files.getPosixFilePermissions(binaries.resolve("bin/postgres")))
			.isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
		assertThat(Files.getPosixFilePermissions(binaries.resolve("share/postgresql/postgres.bki")))
			.isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
		assertThat(Files.readSymbolicLink(binaries.resolve("lib/libpgtypes.so.3")))
			.isEqualTo(Path.of("libpgtypes.so.3.17"));
		Object unpacked = Files.readAttributes(complete, BasicFileAttributes.class).fileKey();

		assertThat(PostgresBinaries.prepare(this.working)).isEqualTo(binaries);
		assertThat(Files.readAttributes(complete, BasicFileAttributes.class).fileKey()).as("not unpacked again")
			.isEqualTo(unpacked);
		try (Stream<Path> left = Files.list(this.working)) {
			assertThat(left.map((path) -> path.getFileName().toString())).as("nothing half-unpacked left beside it")
				.containsExactlyInAnyOrder(binaries.getFileName().toString(), binaries.getFileName() + ".lock");
		}
	}

	@Test
	void replacesAFolderAnEarlierStartLeftIncompleteAndZonkyRunsTheServerFromIt() throws Exception {
		// what zonky's own unpacking leaves when the JVM dies in it: some files, no
		// .exists
		Path binaries = this.working.resolve("PG-" + archiveMd5());
		Files.createDirectories(binaries.resolve("lib"));
		Files.writeString(binaries.resolve("lib/libicudata.so"), "cut short");

		assertThat(PostgresBinaries.prepare(this.working)).isEqualTo(binaries);
		assertThat(binaries.resolve(PostgresBinaries.COMPLETE)).exists();
		assertThat(Files.size(binaries.resolve("lib/libicudata.so"))).isGreaterThan(1_000_000);

		Path data = this.working.resolve("data");
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setOverrideWorkingDirectory(this.working.toFile())
			.setDataDirectory(data)
			.start();
				Connection connection = postgres.getPostgresDatabase().getConnection();
				ResultSet version = connection.createStatement().executeQuery("SHOW server_version")) {
			assertThat(version.next()).isTrue();
			assertThat(version.getString(1)).startsWith("17.");
		}
	}

	@Test
	void permissionsAreTheModesPermissionBits() {
		assertThat(PostgresBinaries.permissions(0100755)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
		assertThat(PostgresBinaries.permissions(0644)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
		assertThat(PostgresBinaries.permissions(0710)).isEqualTo(PosixFilePermissions.fromString("rwx--x---"));
		assertThat(PostgresBinaries.permissions(0)).isEmpty();
	}

	/** The MD5 of the archive zonky's resolver finds, which names zonky's folder. */
	private static String archiveMd5() throws Exception {
		MessageDigest md5 = MessageDigest.getInstance("MD5");
		try (InputStream archive = PostgresBinariesTest.class.getClassLoader()
			.getResourceAsStream("postgres-linux-x86_64.txz");
				DigestInputStream in = new DigestInputStream(archive, md5)) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(md5.digest());
	}

}
