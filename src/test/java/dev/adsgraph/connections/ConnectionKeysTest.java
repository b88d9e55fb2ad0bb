package dev.adsgraph.connections;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ConnectionKeysTest {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	@TempDir
	Path folder;

	private ConnectionsProperties properties(Map<String, String> keys, String primary) {
		return new ConnectionsProperties(keys, primary, this.folder.resolve("key").toString(),
				new ConnectionsProperties.Application(null, null),
				new ConnectionsProperties.SpApplication(null, null, null, false));
	}

	@Test
	void withoutKeysTheGatewayMakesItsOwnOnceAndKeepsIt() throws Exception {
		TokenCipher first = ConnectionKeys.cipher(properties(Map.of(), null));
		Path file = this.folder.resolve("key");
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		byte[] sealed = first.encrypt("Atzr|x", "row");
		TokenCipher second = ConnectionKeys.cipher(properties(Map.of(), null));
		assertThat(second.decrypt(sealed, second.primaryKeyId(), "row")).isEqualTo("Atzr|x");
		assertThat(Files.list(this.folder)).containsExactly(file);
	}

	@Test
	void oneConfiguredKeyIsThePrimaryOne() {
		assertThat(ConnectionKeys.cipher(properties(Map.of("k1", KEY), null)).primaryKeyId()).isEqualTo("k1");
		assertThat(Files.exists(this.folder.resolve("key"))).isFalse();
	}

	@Test
	void everyProblemIsNamedAndNoKeyIsQuoted() {
		Map<String, String> keys = new LinkedHashMap<>();
		keys.put("short", Base64.getEncoder().encodeToString(new byte[16]));
		keys.put("bad", "not base64!");
		keys.put("bad id!", KEY);
		assertThatIllegalStateException().isThrownBy(() -> ConnectionKeys.cipher(properties(keys, null)))
			.withMessageContaining("encryption-keys.short has 16 bytes; AES-256 needs 32")
			.withMessageContaining("encryption-keys.bad is not base64")
			.withMessageContaining("encryption-keys.bad id!: a key id is")
			.withMessageContaining("primary-key-id is missing")
			.withMessageNotContaining(KEY);
		assertThatIllegalStateException().isThrownBy(() -> ConnectionKeys.cipher(properties(Map.of("k1", KEY), "k2")))
			.withMessageContaining("primary-key-id is 'k2', which is not among");
		assertThatIllegalStateException().isThrownBy(() -> ConnectionKeys.cipher(properties(Map.of(), "k2")))
			.withMessageContaining("no adsgraph.connections.encryption-keys are set");
	}

	@Test
	void aDamagedKeyFileStopsTheStartInsteadOfMakingAnother() throws Exception {
		Files.writeString(this.folder.resolve("key"), "local=c2hvcnQ=\n");
		assertThatIllegalStateException().isThrownBy(() -> ConnectionKeys.cipher(properties(Map.of(), null)))
			.withMessageContaining("does not hold one 'id=base64' line with a 32-byte key");
	}

}
