package dev.adsgraph.accounts;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import dev.adsgraph.registrations.RegistrationKind;
import dev.adsgraph.registrations.RegistrationStore;
import dev.adsgraph.registrations.RegistrationStore.Event;
import dev.adsgraph.registrations.RegistrationStore.Source;
import dev.adsgraph.registrations.RegistrationStore.Write;
import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.testing.TestDatabase;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.ads.AdsAccount;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.WebClientAdsApiClient;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared ads account reads over the sandbox, with the registration records on a
 * database of their own: the statuses an answer carries are recorded once, when it is
 * read from Amazon, for the workspace whose read it is; an answer reused within the
 * window is not recorded again (it would record, at a later moment, a status older than
 * one a poll recorded since). The clock is moved, not waited for.
 */
class AdsAccountReadsTest {

	private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

	private static final Duration WINDOW = Duration.ofSeconds(2);

	private static DatabaseClient database;

	private final MutableClock clock = new MutableClock(START);

	private final SandboxServer sandbox = SandboxServer.start(SandboxSettings.defaults().withClock(this.clock));

	private final AdsApiClient ads = new WebClientAdsApiClient(WebClient.builder(),
			new UpstreamProperties.Ads(Map.of(Region.NA, URI.create(this.sandbox.adsHost("na"))), Duration.ofSeconds(2),
					Duration.ofSeconds(10), DataSize.ofMegabytes(16)),
			new LwaTokenService(WebClient.builder(), new UpstreamProperties.Lwa(URI.create(this.sandbox.lwaTokenUrl()),
					Duration.ofSeconds(60), Duration.ofSeconds(5)), new InMemoryLwaTokenCache(), this.clock),
			this.clock);

	private final RegistrationStore registrations = new RegistrationStore(database, this.clock);

	private final AdsAccountReads reads = new AdsAccountReads(this.ads, this.registrations,
			new AccountsProperties(WINDOW), this.clock);

	private final Tenant demo = tenant("demo");

	@BeforeAll
	static void migrate() {
		database = TestDatabase.migrated();
	}

	@AfterEach
	void stop() {
		database.sql("DELETE FROM registration").fetch().rowsUpdated().block();
		this.sandbox.close();
	}

	@Test
	void anAccountReadIsRecordedOnceAndNotAgainWhenItsAnswerIsReused() {
		AdsAccount account = someAccount();
		String id = account.adsAccountId();
		String read = AdsAccountView.statusOf(account);
		this.registrations
			.written("demo", RegistrationKind.ADS_ACCOUNT, "registerAdsAccount", "digest",
					List.of(new Write(id, null, "PENDING")))
			.block();

		assertThat(this.reads.account(this.demo, id).block().value().status()).isEqualTo(account.status());
		// A poll records a later status.
		this.clock.advance(Duration.ofSeconds(1));
		this.registrations.observed("demo", RegistrationKind.ADS_ACCOUNT, Source.POLL, id, "DISABLED").block();
		// The answer read before it is reused, and not recorded again over the poll's.
		this.clock.advance(Duration.ofMillis(500));
		assertThat(this.reads.account(this.demo, id).block().asOf()).isEqualTo(START);
		assertThat(history(id)).containsExactly(new Event(START, "PENDING", "registerAdsAccount", "digest"),
				new Event(START, read, "QUERY", null), new Event(START.plusSeconds(1), "DISABLED", "POLL", null));

		// Another workspace's read with the same credentials is its own, and records
		// nothing on this workspace's registration.
		assertThat(this.reads.account(tenant("agency"), id).block().asOf()).isEqualTo(START.plusMillis(1500));
		assertThat(history(id)).hasSize(3);

		// After the window the account is read again, and what it says recorded.
		this.clock.advance(WINDOW);
		assertThat(this.reads.account(this.demo, id).block().asOf()).isEqualTo(START.plusMillis(3500));
		assertThat(history(id)).hasSize(4).last().isEqualTo(new Event(START.plusMillis(3500), read, "QUERY", null));
	}

	@Test
	void aPageReadIsRecordedOnceAndNotAgainWhenItsAnswerIsReused() {
		String id = someAccount().adsAccountId();
		this.registrations
			.written("demo", RegistrationKind.ADS_ACCOUNT, "registerAdsAccount", "digest",
					List.of(new Write(id, null, "PENDING")))
			.block();

		assertThat(this.reads.page(this.demo, 100, null).block().value().adsAccounts())
			.extracting(AdsAccount::adsAccountId)
			.contains(id);
		this.clock.advance(Duration.ofSeconds(1));
		this.registrations.observed("demo", RegistrationKind.ADS_ACCOUNT, Source.POLL, id, "DISABLED").block();
		this.clock.advance(Duration.ofMillis(500));
		assertThat(this.reads.page(this.demo, 100, null).block().asOf()).isEqualTo(START);
		assertThat(history(id)).extracting(Event::source).containsExactly("registerAdsAccount", "QUERY", "POLL");

		this.clock.advance(WINDOW);
		assertThat(this.reads.page(this.demo, 100, null).block().asOf()).isEqualTo(START.plusMillis(3500));
		assertThat(history(id)).extracting(Event::source)
			.containsExactly("registerAdsAccount", "QUERY", "POLL", "QUERY");
	}

	/** An account of the demo user's whose status is final and not {@code DISABLED}. */
	private AdsAccount someAccount() {
		AdsAccount account = this.ads.listAdsAccounts(this.demo.ads(), Region.NA, 100, null)
			.block()
			.adsAccounts()
			.stream()
			.filter((a) -> a.adsAccountId() != null
					&& RegistrationKind.ADS_ACCOUNT.isTerminal(AdsAccountView.statusOf(a))
					&& !"DISABLED".equals(a.status()))
			.findFirst()
			.orElseThrow();
		return account;
	}

	private List<Event> history(String id) {
		return this.registrations.history("demo", RegistrationKind.ADS_ACCOUNT, id).collectList().block();
	}

	private static Tenant tenant(String id) {
		SandboxCredentials demo = SandboxServer.demoCredentials();
		return Tenant.configured(id, id, new LwaCredentials(demo.clientId(), demo.clientSecret(), demo.refreshToken()),
				List.of(Region.NA), null, null);
	}

}
