package dev.adsgraph.connections;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.TestDatabase;
import dev.adsgraph.upstream.Region;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store on a database of its own with the gateway's migrations, emptied before each
 * test; what it wrote is read back from the table itself.
 */
class ConnectionStoreTest {

	private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

	private static final String TOKEN = "Atzr|IwEBIA-refresh-token-of-user-one";

	private static final byte[] KEY_A = bytes(1);

	private static final byte[] KEY_B = bytes(2);

	private static DatabaseClient database;

	private final MutableClock clock = new MutableClock(START);

	private final ConnectionStore store = new ConnectionStore(database, new TokenCipher(Map.of("a", KEY_A), "a"),
			this.clock);

	@BeforeAll
	static void migrate() {
		database = TestDatabase.migrated();
	}

	@BeforeEach
	void empty() {
		database.sql("DELETE FROM connection").fetch().rowsUpdated().block();
	}

	private static byte[] bytes(int value) {
		byte[] key = new byte[32];
		java.util.Arrays.fill(key, (byte) value);
		return key;
	}

	private static Grant ads(String workspace, String user, String token) {
		return new Grant(workspace, ConnectionKind.ADS, user, "User " + user, List.of(Region.NA, Region.EU),
				List.of("advertising::campaign_management", "profile:user_id"), "amzn1.application-oa2-client.ads",
				token);
	}

	@Test
	void aSavedConnectionIsActiveWithItsTokenAndTheTableHoldsOnlyCiphertext() {
		Connection saved = this.store.save(ads("acme", "amzn1.account.ONE", TOKEN)).block();
		assertThat(saved.status()).isEqualTo(ConnectionStatus.ACTIVE);
		assertThat(saved.refreshToken()).isEqualTo(TOKEN);
		assertThat(saved.regions()).containsExactly(Region.NA, Region.EU);
		assertThat(saved.connectedAt()).isEqualTo(START);
		assertThat(saved.toString()).doesNotContain(TOKEN);
		Map<String, Object> row = database.sql("SELECT * FROM connection").fetch().one().block();
		assertThat(row).containsEntry("key_id", "a").containsEntry("subject", "amzn1.account.ONE");
		java.nio.ByteBuffer buffer = (java.nio.ByteBuffer) row.get("refresh_token");
		byte[] stored = new byte[buffer.remaining()];
		buffer.get(stored);
		String text = new String(stored, StandardCharsets.ISO_8859_1);
		assertThat(text).doesNotContain("Atzr").doesNotContain("refresh-token");
		assertThat(Base64.getEncoder().encodeToString(stored)).doesNotContain("QXR6cn");
		assertThat(this.store.ofWorkspace("acme").collectList().block()).singleElement()
			.satisfies((c) -> assertThat(c.refreshToken()).isEqualTo(TOKEN));
	}

	@Test
	void reconnectingTheSameUserUpdatesTheConnectionInsteadOfAddingOne() {
		Connection first = this.store.save(ads("acme", "amzn1.account.ONE", TOKEN)).block();
		this.store.needsReauthorization(first, "invalid_grant").block();
		this.clock.advance(Duration.ofHours(1));
		Connection again = this.store.save(ads("acme", "amzn1.account.ONE", "Atzr|second")).block();
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.status()).isEqualTo(ConnectionStatus.ACTIVE);
		assertThat(again.statusReason()).isNull();
		assertThat(again.refreshToken()).isEqualTo("Atzr|second");
		assertThat(again.connectedAt()).isEqualTo(START.plus(Duration.ofHours(1)));
		assertThat(this.store.ofWorkspace("acme").collectList().block()).hasSize(1);
	}

	@Test
	void aWorkspaceSeesOnlyItsOwnConnections() {
		Connection mine = this.store.save(ads("acme", "amzn1.account.ONE", TOKEN)).block();
		this.store.save(ads("globex", "amzn1.account.ONE", "Atzr|globex")).block();
		assertThat(this.store.ofWorkspace("acme").map(Connection::refreshToken).collectList().block())
			.containsExactly(TOKEN);
		assertThat(this.store.find("globex", mine.id()).blockOptional()).isEmpty();
		assertThat(this.store.disconnect("globex", mine.id()).blockOptional()).isEmpty();
		assertThat(this.store.find("acme", mine.id()).block().status()).isEqualTo(ConnectionStatus.ACTIVE);
	}

	@Test
	void aCiphertextCopiedToAnotherRowDoesNotDecrypt() {
		this.store.save(ads("acme", "amzn1.account.ONE", TOKEN)).block();
		Connection other = this.store.save(ads("acme", "amzn1.account.TWO", "Atzr|two")).block();
		database
			.sql("UPDATE connection SET refresh_token = (SELECT refresh_token FROM connection WHERE subject = "
					+ "'amzn1.account.ONE') WHERE subject = 'amzn1.account.TWO'")
			.fetch()
			.rowsUpdated()
			.block();
		Connection read = this.store.find("acme", other.id()).block();
		assertThat(read.refreshToken()).isNull();
		assertThat(read.status()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
		assertThat(read.statusReason()).contains("does not verify");
	}

	@Test
	void markingIsSkippedWhenTheConnectionWasReconnectedSinceItWasRead() {
		Connection read = this.store.save(ads("acme", "amzn1.account.ONE", TOKEN)).block();
		this.clock.advance(Duration.ofMinutes(1));
		this.store.save(ads("acme", "amzn1.account.ONE", "Atzr|fresh")).block();
		assertThat(this.store.needsReauthorization(read, "invalid_grant").block()).isFalse();
		Connection current = this.store.find("acme", read.id()).block();
		assertThat(current.status()).isEqualTo(ConnectionStatus.ACTIVE);
		assertThat(this.store.needsReauthorization(current, "invalid_grant").block()).isTrue();
		assertThat(this.store.needsReauthorization(current, "invalid_grant").block()).isFalse();
		Connection marked = this.store.find("acme", read.id()).block();
		assertThat(marked.status()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
		assertThat(marked.statusReason()).isEqualTo("invalid_grant");
		assertThat(marked.refreshToken()).isEqualTo("Atzr|fresh");
	}

	@Test
	void disconnectingDeletesTheToken() {
		Connection saved = this.store.save(ads("acme", "amzn1.account.ONE", TOKEN)).block();
		this.clock.advance(Duration.ofMinutes(5));
		Connection gone = this.store.disconnect("acme", saved.id()).block();
		assertThat(gone.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
		assertThat(gone.refreshToken()).isNull();
		assertThat(gone.statusAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
		Map<String, Object> row = database.sql("SELECT refresh_token, key_id FROM connection").fetch().one().block();
		assertThat(row.get("refresh_token")).isNull();
		assertThat(row.get("key_id")).isNull();
	}

	@Test
	void lastUsedOnlyMovesForward() {
		Connection saved = this.store.save(ads("acme", "amzn1.account.ONE", TOKEN)).block();
		this.store.used(saved.id(), START.plusSeconds(60)).block();
		this.store.used(saved.id(), START.plusSeconds(30)).block();
		assertThat(this.store.find("acme", saved.id()).block().lastUsedAt()).isEqualTo(START.plusSeconds(60));
	}

	@Test
	void reencryptionMovesEveryTokenToThePrimaryKeySoTheOldOneCanGo() {
		this.store.save(ads("acme", "amzn1.account.ONE", TOKEN)).block();
		this.store.save(ads("globex", "amzn1.account.TWO", "Atzr|two")).block();
		ConnectionStore both = new ConnectionStore(database, new TokenCipher(Map.of("a", KEY_A, "b", KEY_B), "b"),
				this.clock);
		assertThat(both.ofWorkspace("acme").blockFirst().refreshToken()).isEqualTo(TOKEN);
		assertThat(both.reencrypt().block()).isEqualTo(2L);
		assertThat(both.reencrypt().block()).isZero();
		ConnectionStore onlyB = new ConnectionStore(database, new TokenCipher(Map.of("b", KEY_B), "b"), this.clock);
		assertThat(onlyB.ofWorkspace("acme").blockFirst().refreshToken()).isEqualTo(TOKEN);
		assertThat(onlyB.ofWorkspace("globex").blockFirst().refreshToken()).isEqualTo("Atzr|two");
		assertThat(database.sql("SELECT DISTINCT key_id FROM connection")
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.block()).containsExactly("b");
	}

	@Test
	void aTokenUnderAKeyNoLongerConfiguredNeedsConsentAgain() {
		Connection saved = this.store.save(ads("acme", "amzn1.account.ONE", TOKEN)).block();
		ConnectionStore onlyB = new ConnectionStore(database, new TokenCipher(Map.of("b", KEY_B), "b"), this.clock);
		Connection read = onlyB.find("acme", saved.id()).block();
		assertThat(read.status()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
		assertThat(read.statusReason()).contains("'a'").contains("not configured");
		assertThat(read.refreshToken()).isNull();
	}

}
