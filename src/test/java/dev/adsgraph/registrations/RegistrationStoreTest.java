package dev.adsgraph.registrations;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.r2dbc.spi.ConnectionFactories;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.registrations.RegistrationStore.Event;
import dev.adsgraph.registrations.RegistrationStore.Registration;
import dev.adsgraph.registrations.RegistrationStore.Source;
import dev.adsgraph.registrations.RegistrationStore.Write;
import dev.adsgraph.testing.ClosedPort;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The store on a database of its own with the gateway's migrations, emptied before each
 * test; what it wrote is read back from the tables themselves.
 */
class RegistrationStoreTest {

	private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

	private static final String ACCOUNT = "amzn1.ads-account.g.1";

	private static DatabaseClient database;

	private final MutableClock clock = new MutableClock(START);

	private final RegistrationStore store = new RegistrationStore(database, this.clock);

	@BeforeAll
	static void migrate() {
		database = TestDatabase.migrated();
	}

	@BeforeEach
	void empty() {
		database.sql("DELETE FROM registration").fetch().rowsUpdated().block();
	}

	private void register(String tenant, String id) {
		this.store
			.written(tenant, RegistrationKind.ADS_ACCOUNT, "registerAdsAccount", "digest-a",
					List.of(new Write(id, null, "PENDING")))
			.block();
	}

	private List<Map<String, Object>> events() {
		return database
			.sql("SELECT tenant_id, amazon_id, observed_at, status, source, fingerprint FROM registration_event"
					+ " ORDER BY id")
			.fetch()
			.all()
			.collectList()
			.block();
	}

	@Test
	void aWriteIsARowWithItsFirstEvent() {
		register("demo", ACCOUNT);
		Map<String, Object> row = database.sql("SELECT * FROM registration").fetch().one().block();
		assertThat(row).containsEntry("tenant_id", "demo")
			.containsEntry("kind", "ADS_ACCOUNT")
			.containsEntry("amazon_id", ACCOUNT)
			.containsEntry("mutation", "registerAdsAccount")
			.containsEntry("fingerprint", "digest-a")
			.containsEntry("input_index", null)
			.containsEntry("status", "PENDING")
			.containsEntry("terminal", false);
		assertThat(this.store.history("demo", RegistrationKind.ADS_ACCOUNT, ACCOUNT).collectList().block())
			.containsExactly(new Event(START, "PENDING", "registerAdsAccount", "digest-a"));
	}

	@Test
	void onlyChangesOfStatusAreRecordedEachOnce() {
		register("demo", ACCOUNT);
		this.clock.advance(Duration.ofSeconds(5));
		this.store.observed("demo", RegistrationKind.ADS_ACCOUNT, Source.POLL, ACCOUNT, "PENDING").block();
		this.clock.advance(Duration.ofSeconds(5));
		Instant created = this.clock.instant();
		// Ten observers of the same change at once: one event.
		Flux.range(0, 10)
			.flatMap((i) -> this.store.observed("demo", RegistrationKind.ADS_ACCOUNT,
					(i % 2 == 0) ? Source.POLL : Source.QUERY, ACCOUNT, "CREATED"))
			.blockLast();
		assertThat(this.store.history("demo", RegistrationKind.ADS_ACCOUNT, ACCOUNT).collectList().block())
			.extracting(Event::status, Event::observedAt)
			.containsExactly(tuple("PENDING", START), tuple("CREATED", created));
		Registration registration = this.store.of("demo").blockFirst();
		assertThat(registration.status()).isEqualTo("CREATED");
		assertThat(registration.statusAt()).isEqualTo(created);
		assertThat(registration.terminal()).isTrue();
		assertThat(this.store.inProgress().collectList().block()).isEmpty();
	}

	@Test
	void aStaleReadNeverUndoesAFinalStatus() {
		register("demo", ACCOUNT);
		this.store.observed("demo", RegistrationKind.ADS_ACCOUNT, Source.QUERY, ACCOUNT, "CREATED").block();
		this.store.observed("demo", RegistrationKind.ADS_ACCOUNT, Source.POLL, ACCOUNT, "PENDING").block();
		assertThat(events()).extracting((e) -> e.get("status")).containsExactly("PENDING", "CREATED");
		assertThat(this.store.of("demo").blockFirst().status()).isEqualTo("CREATED");
	}

	@Test
	void statusesOfRegistrationsTheGatewayDidNotMakeAreNotRecorded() {
		register("demo", ACCOUNT);
		Map<String, String> page = new LinkedHashMap<>();
		page.put("amzn1.ads-account.g.someone-else", "CREATED");
		page.put(ACCOUNT, "CREATED");
		this.store.observed("demo", RegistrationKind.ADS_ACCOUNT, Source.QUERY, page).block();
		// Another tenant's read of the same id, and another kind with that id: nothing.
		this.store.observed("agency", RegistrationKind.ADS_ACCOUNT, Source.QUERY, ACCOUNT, "FAILED").block();
		this.store.observed("demo", RegistrationKind.TERMS_TOKEN, Source.QUERY, ACCOUNT, "ACCEPTED").block();
		assertThat(database.sql("SELECT count(*) AS n FROM registration").fetch().one().block()).containsEntry("n", 1L);
		assertThat(events()).extracting((e) -> e.get("amazon_id") + " " + e.get("status") + " " + e.get("source"))
			.containsExactly(ACCOUNT + " PENDING registerAdsAccount", ACCOUNT + " CREATED QUERY");
	}

	@Test
	void aBatchRecordsEachAccountWithItsIndexAndAnUpdateAddsAnEvent() {
		List<Write> writes = IntStream.range(0, 3)
			.mapToObj((i) -> new Write("amzn1.ads.adv." + i, i, "REGISTRATION_IN_PROGRESS"))
			.toList();
		this.store.written("demo", RegistrationKind.ADVERTISER_ACCOUNT, "createAdvertiserAccounts", "digest-b", writes)
			.block();
		this.clock.advance(Duration.ofMinutes(1));
		this.store
			.written("demo", RegistrationKind.ADVERTISER_ACCOUNT, "updateAdvertiserAccounts", "digest-c",
					List.of(new Write("amzn1.ads.adv.1", 0, "REGISTRATION_IN_PROGRESS")))
			.block();
		List<Registration> registrations = this.store.of("demo").collectList().block();
		assertThat(registrations).extracting(Registration::amazonId, Registration::inputIndex, Registration::mutation)
			.containsExactly(tuple("amzn1.ads.adv.0", 0, "createAdvertiserAccounts"),
					tuple("amzn1.ads.adv.1", 1, "createAdvertiserAccounts"),
					tuple("amzn1.ads.adv.2", 2, "createAdvertiserAccounts"));
		// The status did not change: it dates from the creation.
		assertThat(registrations.get(1).statusAt()).isEqualTo(START);
		assertThat(this.store.history("demo", RegistrationKind.ADVERTISER_ACCOUNT, "amzn1.ads.adv.1")
			.collectList()
			.block()).extracting(Event::source, Event::fingerprint)
			.containsExactly(tuple("createAdvertiserAccounts", "digest-b"),
					tuple("updateAdvertiserAccounts", "digest-c"));
		assertThat(this.store.inProgress().collectList().block()).hasSize(3);
	}

	@Test
	void inProgressListsTheRegistrationsNotFinalOfEveryTenantOldestFirst() {
		register("demo", "amzn1.ads-account.g.a");
		this.clock.advance(Duration.ofSeconds(1));
		register("agency", "amzn1.ads-account.g.b");
		this.clock.advance(Duration.ofSeconds(1));
		register("demo", "amzn1.ads-account.g.c");
		this.store.observed("demo", RegistrationKind.ADS_ACCOUNT, Source.POLL, "amzn1.ads-account.g.c", "CREATED")
			.block();
		this.store
			.written("demo", RegistrationKind.TERMS_TOKEN, "createTermsToken", "digest-t",
					List.of(new Write("a1b2c3d4-token", null, "CREATED")))
			.block();
		assertThat(this.store.inProgress().collectList().block())
			.extracting(Registration::tenantId, Registration::kind, Registration::amazonId)
			.containsExactly(tuple("demo", RegistrationKind.ADS_ACCOUNT, "amzn1.ads-account.g.a"),
					tuple("agency", RegistrationKind.ADS_ACCOUNT, "amzn1.ads-account.g.b"),
					tuple("demo", RegistrationKind.TERMS_TOKEN, "a1b2c3d4-token"));
	}

	@Test
	void aDatabaseThatCannotTakeTheRecordDoesNotFailTheCaller() throws Exception {
		try (ClosedPort closed = new ClosedPort()) {
			DatabaseClient gone = DatabaseClient.create(ConnectionFactories
				.get("r2dbc:postgresql://postgres@127.0.0.1:" + closed.port() + "/none?connectTimeout=PT5S"));
			RegistrationStore store = new RegistrationStore(gone, this.clock);
			assertThat(store
				.written("demo", RegistrationKind.ADS_ACCOUNT, "registerAdsAccount", "d",
						List.of(new Write(ACCOUNT, null, "PENDING")))
				.then(Mono.just("answered"))
				.block(Duration.ofSeconds(30))).isEqualTo("answered");
			assertThat(store.observed("demo", RegistrationKind.ADS_ACCOUNT, Source.QUERY, ACCOUNT, "CREATED")
				.then(Mono.just("answered"))
				.block(Duration.ofSeconds(30))).isEqualTo("answered");
		}
	}

}
