package dev.adsgraph.connections;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TokenCipher} {@link ConnectionsProperties} describe: the configured keys, or
 * the gateway's own key file, made on first start. Every problem is named in one message
 * that stops the start-up; no message quotes a key.
 */
final class ConnectionKeys {

	private static final Logger log = LoggerFactory.getLogger(ConnectionKeys.class);

	private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final String LOCAL_KEY_ID = "local";

	private ConnectionKeys() {
	}

	static TokenCipher cipher(ConnectionsProperties properties) {
		if (properties.encryptionKeys().isEmpty()) {
			if (properties.primaryKeyId() != null && !properties.primaryKeyId().isBlank()) {
				throw new IllegalStateException("adsgraph.connections.primary-key-id is '" + properties.primaryKeyId()
						+ "', but no adsgraph.connections.encryption-keys are set");
			}
			return fromFile(Path.of(properties.keyFile()));
		}
		List<String> problems = new ArrayList<>();
		Map<String, byte[]> keys = new LinkedHashMap<>();
		properties.encryptionKeys().forEach((id, value) -> {
			String name = "adsgraph.connections.encryption-keys." + id;
			if (!KEY_ID.matcher(id).matches()) {
				problems.add(name + ": a key id is 1 to 64 letters, digits, '_', '.' or '-'");
				return;
			}
			byte[] key;
			try {
				key = Base64.getDecoder().decode((value != null) ? value.strip() : "");
			}
			catch (IllegalArgumentException ex) {
				problems.add(name + " is not base64 (make one with: openssl rand -base64 32)");
				return;
			}
			if (key.length != 32) {
				problems.add(name + " has " + key.length + " bytes; AES-256 needs 32 (openssl rand -base64 32)");
				return;
			}
			keys.put(id, key);
		});
		String primary = properties.primaryKeyId();
		if (primary == null || primary.isBlank()) {
			if (properties.encryptionKeys().size() > 1) {
				problems.add("adsgraph.connections.primary-key-id is missing: with several encryption keys, name the "
						+ "one new tokens are encrypted under");
			}
			else {
				primary = properties.encryptionKeys().keySet().iterator().next();
			}
		}
		else if (!properties.encryptionKeys().containsKey(primary)) {
			problems.add("adsgraph.connections.primary-key-id is '" + primary
					+ "', which is not among adsgraph.connections.encryption-keys "
					+ properties.encryptionKeys().keySet());
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException(
					"The connections' encryption keys are not usable:\n - " + String.join("\n - ", problems));
		}
		return new TokenCipher(keys, primary);
	}

	private static TokenCipher fromFile(Path file) {
		try {
			if (Files.notExists(file)) {
				create(file);
			}
			String line = Files.readString(file, StandardCharsets.US_ASCII).strip();
			int equals = line.indexOf('=');
			byte[] key = (equals > 0) ? Base64.getDecoder().decode(line.substring(equals + 1)) : new byte[0];
			if (key.length != 32) {
				throw new IllegalStateException("The connections' key file " + file.toAbsolutePath()
						+ " does not hold one 'id=base64' line with a 32-byte key; remove it to make a new one "
						+ "(connections saved under the old key then need consent again)");
			}
			return new TokenCipher(Map.of(line.substring(0, equals), key), line.substring(0, equals));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or make the connections' key file " + file.toAbsolutePath(),
					ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The connections' key file " + file.toAbsolutePath() + " is not base64",
					ex);
		}
	}

	private static void create(Path file) throws IOException {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		// Readable by the owner only where the file system has POSIX permissions;
		// elsewhere
		// the folder's permissions apply.
		FileAttribute<?>[] ownerOnly = parent.getFileSystem().supportedFileAttributeViews().contains("posix")
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
				: new FileAttribute<?>[0];
		Path temporary = Files.createTempFile(parent, ".connection-key", ".tmp", ownerOnly);
		try {
			Files.writeString(temporary, LOCAL_KEY_ID + "=" + Base64.getEncoder().encodeToString(key) + "\n",
					StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
			Files.move(temporary, file);
			log.warn(
					"Made a key for the connections' refresh tokens in {}: keep it secret and with the database; "
							+ "for a deployment set adsgraph.connections.encryption-keys instead (docs/connections.md)",
					file.toAbsolutePath());
		}
		catch (FileAlreadyExistsException ex) {
			// Another process made it first: use theirs.
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
