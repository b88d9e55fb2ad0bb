package dev.adsgraph.connections;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.AdsgraphApplication;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.TestDatabase;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.testing.OwnEventLoops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --reencrypt-connections} on a database of its own: the gateway starts with the
 * old key and a new primary one, re-encrypts every token under the new key and stops; the
 * tokens then read with the new key alone.
 */
class ReencryptCommandTest {

	private static final byte[] OLD = key(7);

	private static final byte[] NEW = key(9);

	private static byte[] key(int value) {
		byte[] key = new byte[32];
		java.util.Arrays.fill(key, (byte) value);
		return key;
	}

	@Test
	void theCommandReencryptsEveryTokenUnderThePrimaryKeyAndStops() {
		String name = TestDatabase.create();
		DatabaseClient database = TestDatabase.client(name);
		MutableClock clock = new MutableClock(java.time.Instant.parse("2026-03-02T10:00:00Z"));
		saveOneTokenUnderOld(database, clock);

		ConfigurableApplicationContext gateway = new SpringApplicationBuilder(AdsgraphApplication.class)
			.initializers(OwnEventLoops::register)
			.run(reencryptArguments(name, OLD));

		assertThat(gateway.isActive()).as("the gateway stopped after re-encrypting").isFalse();
		assertThat(database.sql("SELECT key_id FROM connection").map((row) -> row.get(0, String.class)).one().block())
			.isEqualTo("new");
		Connection read = new ConnectionStore(database, new TokenCipher(Map.of("new", NEW), "new"), clock)
			.ofWorkspace("demo")
			.blockFirst();
		assertThat(read.refreshToken()).isEqualTo("Atzr|rotated-token");
	}

	@Test
	void aTokenThatCannotBeDecryptedFailsTheCommandWithTheCause() {
		String name = TestDatabase.create();
		DatabaseClient database = TestDatabase.client(name);
		MutableClock clock = new MutableClock(java.time.Instant.parse("2026-03-02T10:00:00Z"));
		saveOneTokenUnderOld(database, clock);

		// The key configured as "old" is not the one the token was encrypted with.
		assertThatThrownBy(
				() -> new SpringApplicationBuilder(AdsgraphApplication.class).initializers(OwnEventLoops::register)
					.run(reencryptArguments(name, key(8))))
			.hasStackTraceContaining("Could not re-encrypt the stored connection refresh tokens");
		assertThat(database.sql("SELECT key_id FROM connection").map((row) -> row.get(0, String.class)).one().block())
			.isEqualTo("old");
	}

	/** One connection whose refresh token is encrypted under the key "old". */
	private static void saveOneTokenUnderOld(DatabaseClient database, MutableClock clock) {
		new ConnectionStore(database, new TokenCipher(Map.of("old", OLD), "old"), clock)
			.save(new Grant("demo", ConnectionKind.ADS, "amzn1.account.ONE", null, List.of(Region.NA), List.of(),
					"amzn1.application-oa2-client.ads", "Atzr|rotated-token"))
			.block();
	}

	/**
	 * The re-encryption command on the database, with {@code oldKey} configured as "old"
	 * and the primary key "new".
	 */
	private static String[] reencryptArguments(String name, byte[] oldKey) {
		List<String> arguments = new ArrayList<>(List.of(TestDatabase.arguments(name)));
		arguments.addAll(List.of("--server.port=0",
				"--adsgraph.connections.encryption-keys.old=" + Base64.getEncoder().encodeToString(oldKey),
				"--adsgraph.connections.encryption-keys.new=" + Base64.getEncoder().encodeToString(NEW),
				"--adsgraph.connections.primary-key-id=new", "--" + ConnectionsConfiguration.REENCRYPT_OPTION));
		return arguments.toArray(String[]::new);
	}

}
