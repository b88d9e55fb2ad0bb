package dev.adsgraph.reports;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

import dev.adsgraph.reports.ReportResult.Status;
import dev.adsgraph.testing.RedisServer;
import dev.adsgraph.upstream.ads.SpAdvertisedProductRow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Report engines sharing one real Redis, each standing for a replica (its own connection,
 * memory and claims), in front of one simulated upstream that counts the reports created.
 */
class RedisSharedReportsTest {

	private static final Duration CLAIM = Duration.ofSeconds(1);

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	private static final ReportKey KEY = new ReportKey("tenant-a", "ads", "3456789012345678901", "spAdvertisedProduct",
			LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31),
			Map.of("region", "NA", ReportKey.CONNECTION, "conn:1"));

	private final Clock clock = Clock.systemUTC();

	private final String prefix = "test:" + UUID.randomUUID() + ":report:";

	private final List<RedisClient> clients = new ArrayList<>();

	private final List<ReportEngine> engines = new ArrayList<>();

	private final Map<ReportEngine, RedisSharedReports> shared = new ConcurrentHashMap<>();

	private final Upstream upstream = new Upstream();

	@AfterEach
	void close() {
		this.engines.forEach(ReportEngine::close);
		this.shared.values().forEach(RedisSharedReports::close);
		this.clients.forEach(RedisClient::shutdown);
	}

	private static ReportProperties properties() {
		return new ReportProperties(Duration.ofMillis(20), Duration.ofMillis(100), 0, Duration.ofMinutes(5),
				Duration.ZERO, Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(1), 1000, CLAIM,
				Duration.ofMillis(50));
	}

	/** A replica's engine on the Redis at {@code url}. */
	private ReportEngine replica(String url) {
		RedisClient client = RedisClient.create(url);
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
			.build());
		this.clients.add(client);
		ReportProperties properties = properties();
		RedisSharedReports shared = new RedisSharedReports(
				client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)), this.prefix,
				properties.claimExpiry(), properties.claimCheck(), properties.maxWait(), TIMEOUT);
		ReportEngine engine = new ReportEngine(new CaffeineReportStore(100, this.clock), shared, properties, this.clock,
				Schedulers.parallel());
		this.engines.add(engine);
		this.shared.put(engine, shared);
		return engine;
	}

	private static ReportResult<List<String>> get(ReportEngine engine, Upstream upstream) {
		return engine.get(KEY, upstream.flow()).block(Duration.ofSeconds(5));
	}

	@Test
	void twoReplicasAskingTogetherMakeOneReportAndBothReadItsResult() {
		ReportEngine a = replica(RedisServer.shared().url());
		ReportEngine b = replica(RedisServer.shared().url());

		List<Mono<ReportResult<List<String>>>> asks = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			asks.add(((i % 2 == 0) ? a : b).get(KEY, this.upstream.flow()));
		}
		List<ReportResult<List<String>>> first = Mono.zip(asks, (answers) -> {
			List<ReportResult<List<String>>> list = new ArrayList<>();
			for (Object answer : answers) {
				list.add(cast(answer));
			}
			return list;
		}).block(Duration.ofSeconds(5));
		assertThat(first).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(Status.PENDING));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.upstream.creates.get() == 1);

		this.upstream.finish();
		for (ReportEngine engine : List.of(a, b)) {
			await().atMost(Duration.ofSeconds(5)).until(() -> get(engine, this.upstream).status() == Status.READY);
			ReportResult<List<String>> ready = get(engine, this.upstream);
			assertThat(ready.data()).containsExactly("row of report-1");
			assertThat(ready.asOf()).isEqualTo(Upstream.GENERATED_AT);
			assertThat(ready.reportId()).isEqualTo("report-1");
		}
		assertThat(this.upstream.creates.get()).isEqualTo(1);

		// Stored once, for the result's time to live (an hour: the range ended long ago);
		// the claim and the recorded id went with the claimant's finish.
		RedisClient client = RedisClient.create(RedisServer.shared().url());
		this.clients.add(client);
		var redis = client.connect().sync();
		String tag = "{" + RedisSharedReports.text(KEY) + "}";
		assertThat(redis.pttl(this.prefix + "result:" + tag)).isBetween(1L, Duration.ofHours(1).toMillis());
		assertThat(redis.exists(this.prefix + "claim:" + tag, this.prefix + "upstream:" + tag)).isZero();
	}

	@Test
	void whenTheClaimantDiesAnotherReplicaTakesTheClaimOverAndAdoptsItsReport() {
		ReportEngine a = replica(RedisServer.shared().url());
		ReportEngine b = replica(RedisServer.shared().url());

		assertThat(get(a, this.upstream).status()).isEqualTo(Status.PENDING);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.upstream.polls.get() > 0);
		// The claimant's report runs upstream; the other replica waits for it.
		assertThat(get(b, this.upstream).status()).isEqualTo(Status.PENDING);
		a.close();
		int pollsBefore = this.upstream.polls.get();

		// Once the claim expires unrenewed, b takes it and polls report-1 itself.
		await().atMost(Duration.ofSeconds(5)).until(() -> this.upstream.polls.get() > pollsBefore + 2);
		assertThat(get(b, this.upstream).reportId()).isEqualTo("report-1");
		this.upstream.finish();
		await().atMost(Duration.ofSeconds(5)).until(() -> get(b, this.upstream).status() == Status.READY);
		assertThat(get(b, this.upstream).data()).containsExactly("row of report-1");
		assertThat(this.upstream.creates.get()).isEqualTo(1);
		// A third replica reads the result from Redis.
		assertThat(get(replica(RedisServer.shared().url()), this.upstream).status()).isEqualTo(Status.READY);
		assertThat(this.upstream.creates.get()).isEqualTo(1);
	}

	@Test
	void withRedisDownEachReplicaRunsItsOwnReportAndSharesAgainWhenItIsBack() {
		RedisServer redis = RedisServer.startPrivate();
		try {
			ReportEngine a = replica(redis.url());
			ReportEngine b = replica(redis.url());
			redis.stop();
			this.upstream.finish();

			// No request fails: each replica goes on alone, as in memory.
			assertThat(get(a, this.upstream).status()).isIn(Status.PENDING, Status.READY);
			assertThat(get(b, this.upstream).status()).isIn(Status.PENDING, Status.READY);
			for (ReportEngine engine : List.of(a, b)) {
				await().atMost(Duration.ofSeconds(5)).until(() -> get(engine, this.upstream).status() == Status.READY);
			}
			assertThat(this.upstream.creates.get()).isEqualTo(2);

			// Back (empty): a new report is shared again once the replicas have
			// reconnected.
			redis.restart();
			Upstream next = new Upstream();
			next.finish();
			await().atMost(Duration.ofSeconds(10)).until(() -> reachable(a) && reachable(b));
			ReportKey other = new ReportKey("tenant-a", "ads", "3456789012345678901", "spAdvertisedProduct",
					LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30), Map.of());
			await().atMost(Duration.ofSeconds(5))
				.until(() -> a.get(other, next.flow()).block(Duration.ofSeconds(5)).status() == Status.READY);
			assertThat(b.get(other, next.flow()).block(Duration.ofSeconds(5)).status()).isEqualTo(Status.READY);
			assertThat(next.creates.get()).isEqualTo(1);
		}
		finally {
			redis.close();
		}
	}

	@Test
	void resultsOfTheProductsReportsSurviveTheTripThroughRedis() {
		SpAdvertisedProductRow row = new SpAdvertisedProductRow(LocalDate.of(2025, 12, 3), null, null, 11L, 22L,
				"B0YR85KV4O", "SKU-1", 100, 7, new BigDecimal("12.34"), new BigDecimal("56.70"), 2, 3);
		ReportResult<List<SpAdvertisedProductRow>> ready = ReportResult.ready(List.of(row), Upstream.GENERATED_AT,
				"report-9", Instant.parse("2026-01-02T03:04:05Z"));
		JavaType rows = TypeFactory.createDefaultInstance()
			.constructCollectionType(List.class, SpAdvertisedProductRow.class);
		assertThat(RedisSharedReports.read(RedisSharedReports.write(ready), rows)).isEqualTo(ready);

		ReportResult<List<SpAdvertisedProductRow>> failed = ReportResult.failed(
				new ReportFailure(ReportFailure.Reason.REJECTED, "no access", false, 403, "UNAUTHORIZED"), "report-9",
				Instant.parse("2026-01-02T03:04:05Z"));
		assertThat(RedisSharedReports.read(RedisSharedReports.write(failed), rows)).isEqualTo(failed);
	}

	@Test
	void keysOfDifferentReportsNeverShareATextAndOptionOrderDoesNotMatter() {
		ReportKey colon = new ReportKey("a:b", "ads", "c", "t", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 2),
				Map.of());
		ReportKey split = new ReportKey("a", "b:ads", "c", "t", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 2),
				Map.of());
		assertThat(RedisSharedReports.text(colon)).isNotEqualTo(RedisSharedReports.text(split));
		assertThat(RedisSharedReports.text(KEY))
			.isEqualTo("tenant-a:ads:3456789012345678901:spAdvertisedProduct:2025-12-01:2025-12-31:"
					+ "connection=conn%3A1,region=NA");
	}

	/** Whether the replica's connection answers again (Lettuce reconnects by itself). */
	private boolean reachable(ReportEngine engine) {
		try {
			this.shared.get(engine).renew(KEY, "nobody").block(Duration.ofSeconds(1));
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@SuppressWarnings("unchecked")
	private static ReportResult<List<String>> cast(Object answer) {
		return (ReportResult<List<String>>) answer;
	}

	/**
	 * Amazon, for these tests: reports created are counted and numbered; every report
	 * stays in progress until {@link #finish()}.
	 */
	static final class Upstream {

		static final Instant GENERATED_AT = Instant.parse("2026-01-01T12:00:00Z");

		final AtomicInteger creates = new AtomicInteger();

		final AtomicInteger polls = new AtomicInteger();

		private volatile boolean finished;

		void finish() {
			this.finished = true;
		}

		ReportFlow<List<String>> flow() {
			return new ReportFlow<>() {

				@Override
				public Mono<String> create(ReportKey key) {
					return Mono.fromSupplier(() -> "report-" + Upstream.this.creates.incrementAndGet());
				}

				@Override
				public Mono<Status> poll(String reportId) {
					return Mono.fromSupplier(() -> {
						Upstream.this.polls.incrementAndGet();
						return Upstream.this.finished ? Status.done(reportId, GENERATED_AT) : Status.inProgress();
					});
				}

				@Override
				public Mono<List<String>> download(String documentRef) {
					return Mono.just(List.of("row of " + documentRef));
				}

				@Override
				public JavaType dataType() {
					return TypeFactory.createDefaultInstance().constructCollectionType(List.class, String.class);
				}

			};
		}

	}

}
