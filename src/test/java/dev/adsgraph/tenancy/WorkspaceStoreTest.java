package dev.adsgraph.tenancy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.tenancy.WorkspaceStore.ApiKey;
import dev.adsgraph.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store on a database of its own with the gateway's migrations, emptied before each
 * test: each change is one statement, refused ones change nothing.
 */
class WorkspaceStoreTest {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static DatabaseClient database;

	private WorkspaceStore store;

	@BeforeAll
	static void migrate() {
		database = TestDatabase.migrated();
	}

	@BeforeEach
	void empty() {
		database.sql("DELETE FROM api_keys").fetch().rowsUpdated().block();
		database.sql("DELETE FROM workspaces").fetch().rowsUpdated().block();
		this.store = new WorkspaceStore(database);
	}

	@Test
	void aWorkspaceIdIsTakenOnce() {
		assertThat(this.store.create("acme", "Acme", NOW).block())
			.isEqualTo(new WorkspaceStore.Workspace("acme", "Acme", NOW));
		assertThat(this.store.create("acme", "Other", NOW.plusSeconds(1)).blockOptional()).isEmpty();
		assertThat(this.store.find("acme").block().name()).isEqualTo("Acme");
		this.store.ensure("acme", "Ignored", NOW).block();
		assertThat(this.store.all().collectList().block()).extracting(WorkspaceStore.Workspace::name)
			.containsExactly("Acme");
	}

	@Test
	void aKeyIsFoundByItsDigestWithItsWorkspace() {
		this.store.create("acme", "Acme", NOW).block();
		ApiKey issued = issue("acme", "agk_one");
		WorkspaceStore.KeyMatch match = this.store.findByDigest(ApiKeyResolver.sha256("agk_one")).block();
		assertThat(match.key()).isEqualTo(issued);
		assertThat(match.workspaceName()).isEqualTo("Acme");
		assertThat(this.store.findByDigest(ApiKeyResolver.sha256("agk_two")).blockOptional()).isEmpty();
		assertThat(issued.statusAt(NOW)).isEqualTo("ACTIVE");
	}

	@Test
	void aSecondRotationShortensTheOverlapButNeverLengthensIt() {
		this.store.create("acme", "Acme", NOW).block();
		ApiKey first = issue("acme", "agk_first");
		ApiKey second = this.store
			.rotate("acme", first.id(), UUID.randomUUID(), ApiKeyResolver.sha256("agk_second"), NOW,
					NOW.plus(Duration.ofHours(24)))
			.block();
		assertThat(second.label()).isEqualTo("label");
		assertThat(this.store.key("acme", first.id()).block().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
		this.store
			.rotate("acme", first.id(), UUID.randomUUID(), ApiKeyResolver.sha256("agk_third"), NOW.plusSeconds(60),
					NOW.plus(Duration.ofDays(7)))
			.block();
		assertThat(this.store.key("acme", first.id()).block().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
		this.store
			.rotate("acme", first.id(), UUID.randomUUID(), ApiKeyResolver.sha256("agk_fourth"), NOW.plusSeconds(60),
					NOW.plus(Duration.ofHours(1)))
			.block();
		ApiKey shortened = this.store.key("acme", first.id()).block();
		assertThat(shortened.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
		assertThat(shortened.acceptedAt(NOW.plus(Duration.ofMinutes(59)))).isTrue();
		assertThat(shortened.statusAt(NOW.plus(Duration.ofHours(1)))).isEqualTo("EXPIRED");
		// An expired key is not rotated: nothing is issued.
		long keys = this.store.keys("acme").count().block();
		assertThat(this.store
			.rotate("acme", first.id(), UUID.randomUUID(), ApiKeyResolver.sha256("agk_fifth"),
					NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(3)))
			.blockOptional()).isEmpty();
		assertThat(this.store.keys("acme").count().block()).isEqualTo(keys);
	}

	@Test
	void revocationKeepsItsFirstTimeAndAnotherWorkspacesKeyIsNotTouched() {
		this.store.create("acme", "Acme", NOW).block();
		this.store.create("other", "Other", NOW).block();
		ApiKey key = issue("acme", "agk_acme");
		assertThat(this.store.revoke("other", key.id(), NOW).blockOptional()).isEmpty();
		assertThat(this.store
			.rotate("other", key.id(), UUID.randomUUID(), ApiKeyResolver.sha256("agk_x"), NOW, NOW.plusSeconds(1))
			.blockOptional()).isEmpty();
		assertThat(this.store.key("acme", key.id()).block()).isEqualTo(key);
		assertThat(this.store.revoke("acme", key.id(), NOW.plusSeconds(5)).block().revokedAt())
			.isEqualTo(NOW.plusSeconds(5));
		assertThat(this.store.revoke("acme", key.id(), NOW.plusSeconds(9)).block().revokedAt())
			.isEqualTo(NOW.plusSeconds(5));
		assertThat(this.store
			.rotate("acme", key.id(), UUID.randomUUID(), ApiKeyResolver.sha256("agk_y"), NOW.plusSeconds(10),
					NOW.plusSeconds(20))
			.blockOptional()).isEmpty();
		assertThat(this.store.keys("acme").count().block()).isEqualTo(1);
	}

	private ApiKey issue(String workspace, String key) {
		return this.store.issue(UUID.randomUUID(), workspace, "label", ApiKeyResolver.sha256(key), NOW).block();
	}

}
