package dev.adsgraph.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import dev.adsgraph.watch.StatusWatcher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscriptions over the WebSocket endpoint with Spring's WebSocket GraphQL client, the
 * way a dashboard follows registrations and reports. Its own application: registrations
 * stay pending until a test settles them in the sandbox (after it saw them pending: with
 * a delay, a slow machine could subscribe after it ran out), and the poll interval is
 * fixed (200 ms), so the upstream calls a poller may make in a given time are known.
 */
@TestPropertySource(
		properties = { "adsgraph.sandbox.registration-delay=1h", "adsgraph.sandbox.report-processing-time=1s",
				"adsgraph.subscriptions.poll-initial-delay=200ms", "adsgraph.subscriptions.poll-max-delay=200ms" })
class SubscriptionsTest extends SandboxGatewayTest {

	private static final Duration INTERVAL = Duration.ofMillis(200);

	private static final Duration LONG = Duration.ofSeconds(60);

	private static final String ADS_ACCOUNT = """
			subscription($id: ID!) { adsAccountStatus(adsAccountId: $id) {
			  adsAccountId status terminal adsAccount { id status countryCodes } } }""";

	private static final String TERMS = """
			subscription($t: ID!) { termsTokenStatus(termsToken: $t) { termsToken status termsType terminal } }""";

	private static final String ADVERTISER = """
			subscription($id: ID!) { advertiserAccountStatus(advertiserAccountId: $id) {
			  advertiserAccountId status terminal advertiserAccount { id displayName status { code } } } }""";

	private static final String REPORTS = """
			subscription($m: String!, $s: Date!, $e: Date!) { productsReportStatus(marketplaceId: $m,
			  dateRange: {start: $s, end: $e}) { marketplaceId start end terminal
			  freshness { advertising { status asOf } retail { status asOf } } } }""";

	private static final String CREATE_TOKEN = "mutation { createTermsToken { termsToken { token } } }";

	private static final String REGISTER = """
			mutation($input: RegisterAdsAccountInput!) {
			  registerAdsAccount(input: $input) { adsAccount { id status } userErrors { code message } } }""";

	private static final String CREATE_ADVERTISER = """
			mutation($input: [AdvertiserAccountCreateInput!]!) {
			  createAdvertiserAccounts(input: $input) { results { account { id status { code } } errors { code } } } }""";

	@Autowired
	StatusWatcher watcher;

	private final List<WebSocketGraphQlClient> clients = new ArrayList<>();

	@AfterEach
	void disconnect() {
		this.clients.forEach((c) -> c.stop().block(Duration.ofSeconds(10)));
	}

	private WebSocketGraphQlClient socket(String headerKey, String initKey) {
		WebSocketGraphQlClient.Builder<?> builder = WebSocketGraphQlClient
			.builder("ws://127.0.0.1:" + this.port + "/graphql-ws", new ReactorNettyWebSocketClient());
		if (headerKey != null) {
			builder.header("X-Api-Key", headerKey);
		}
		if (initKey != null) {
			builder.interceptor(new WebSocketGraphQlClientInterceptor() {
				@Override
				public Mono<Object> connectionInitPayload() {
					return Mono.just(Map.of("X-Api-Key", initKey));
				}
			});
		}
		WebSocketGraphQlClient client = builder.build();
		this.clients.add(client);
		return client;
	}

	private WebSocketGraphQlClient socket() {
		return socket(GatewayClient.DEMO_KEY, null);
	}

	/** Collects one subscription's events as they come. */
	static final class Events {

		final List<ClientGraphQlResponse> received = new CopyOnWriteArrayList<>();

		final AtomicReference<Throwable> error = new AtomicReference<>();

		final AtomicBoolean completed = new AtomicBoolean();

		Disposable subscription;

		boolean ended() {
			return this.completed.get() || this.error.get() != null;
		}

		List<Map<String, Object>> data(String field) {
			return this.received.stream()
				.map((r) -> r.<Map<String, Object>>getData())
				.map((d) -> at(d, field))
				.map((o) -> (Map<String, Object>) o)
				.toList();
		}

		List<Object> statuses(String field) {
			return data(field).stream().map((e) -> e.get("status")).toList();
		}

	}

	private Events subscribe(WebSocketGraphQlClient client, String document, Map<String, Object> variables) {
		Events events = new Events();
		events.subscription = client.document(document)
			.variables(variables)
			.executeSubscription()
			.subscribe(events.received::add, events.error::set, () -> events.completed.set(true));
		return events;
	}

	private static Events ended(Events events) {
		eventuallyWithin(LONG, () -> events, Events::ended);
		return events;
	}

	/**
	 * Like {@link #eventually} with a longer limit, for waits that include upstream state
	 * machines.
	 */
	static <T> T eventuallyWithin(Duration limit, java.util.function.Supplier<T> ask,
			java.util.function.Predicate<T> done) {
		Instant deadline = Instant.now().plus(limit);
		T answer = ask.get();
		while (!done.test(answer) && Instant.now().isBefore(deadline)) {
			sleep(Duration.ofMillis(50));
			answer = ask.get();
		}
		assertThat(done.test(answer)).as("condition reached within %s; last answer: %s", limit, answer).isTrue();
		return answer;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private String acceptedToken() {
		String token = newToken();
		this.client.acceptTerms(token);
		return token;
	}

	private String newToken() {
		Map<String, Object> answer = this.client.graphql(CREATE_TOKEN);
		assertNoErrors(answer);
		return at(answer, "data.createTermsToken.termsToken.token");
	}

	private String register(Map<String, Object> association) {
		Map<String, Object> input = Map.of("termsToken", acceptedToken(), "countryCode", "US", "association",
				association);
		Map<String, Object> answer = this.client.graphql(REGISTER, Map.of("input", input));
		assertNoErrors(answer);
		assertThat((List<?>) at(answer, "data.registerAdsAccount.userErrors")).isEmpty();
		return at(answer, "data.registerAdsAccount.adsAccount.id");
	}

	private String registerBusiness(String name) {
		return register(Map.of("business",
				Map.of("name", name, "phone", "+1 206 555 0100", "websiteUrl",
						"https://" + name.toLowerCase().replace(' ', '-') + ".example.com", "addressLine1",
						"1 Test Way", "city", "Seattle", "state", "WA", "zipCode", "98101", "countryCode", "US")));
	}

	private long upstreamCalls(String operation) {
		return this.client.sandboxStats()
			.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith("ads.") && e.getKey().endsWith("." + operation))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	@Test
	void anAdsAccountRegistrationIsFollowedFromPendingToCreatedThenCompletes() {
		String id = register(Map.of("amazonSeller", Map.of("sellerCentralAccount", "A17CEDARLN4PTS")));
		Events events = subscribe(socket(), ADS_ACCOUNT, Map.of("id", id));
		eventuallyWithin(LONG, () -> events.received, (r) -> !r.isEmpty());
		this.client.settleRegistration(id);
		ended(events);
		assertThat(events.error.get()).isNull();
		assertThat(events.statuses("adsAccountStatus")).containsExactly("PENDING", "CREATED");
		List<Map<String, Object>> data = events.data("adsAccountStatus");
		assertThat(data).extracting((e) -> e.get("terminal")).containsExactly(false, true);
		assertThat(data).allSatisfy((e) -> assertThat(e).containsEntry("adsAccountId", id));
		assertThat((Object) at(data.get(1), "adsAccount.status")).isEqualTo("CREATED");
		assertThat((Object) at(data.get(1), "adsAccount.countryCodes")).isEqualTo(List.of("US"));
	}

	@Test
	void aTermsTokenIsFollowedUntilTheUserAcceptsIt() {
		String token = newToken();
		Events events = subscribe(socket(), TERMS, Map.of("t", token));
		eventuallyWithin(LONG, () -> events.received, (r) -> !r.isEmpty());
		assertThat(events.ended()).isFalse();
		this.client.acceptTerms(token);
		ended(events);
		assertThat(events.error.get()).isNull();
		assertThat(events.statuses("termsTokenStatus")).containsExactly("CREATED", "ACCEPTED");
		assertThat(events.data("termsTokenStatus")).extracting((e) -> e.get("terminal")).containsExactly(false, true);
		assertThat(events.data("termsTokenStatus").get(1)).containsEntry("termsToken", token)
			.containsEntry("termsType", "ADVERTISING");
	}

	@Test
	void anAdvertiserAccountIsFollowedUntilApproved() {
		Map<String, Object> address = Map.of("address", Map.of("businessName", "Subscribed Brand LLC", "addressLine1",
				"1 Test Way", "city", "Seattle", "state", "WA", "zipCode", "98101", "countryCode", "US"));
		Map<String, Object> answer = this.client.graphql(CREATE_ADVERTISER,
				Map.of("input", List.of(Map.of("displayName", "Subscribed Brand", "currencyCode", "USD", "timeZoneIana",
						"America/Los_Angeles", "businessDetails", address))));
		assertNoErrors(answer);
		String id = at(answer, "data.createAdvertiserAccounts.results.0.account.id");
		Events events = subscribe(socket(), ADVERTISER, Map.of("id", id));
		eventuallyWithin(LONG, () -> events.received, (r) -> !r.isEmpty());
		this.client.settleRegistration(id);
		ended(events);
		assertThat(events.error.get()).isNull();
		assertThat(events.statuses("advertiserAccountStatus")).containsExactly("REGISTRATION_IN_PROGRESS", "APPROVED");
		Map<String, Object> last = events.data("advertiserAccountStatus").get(1);
		assertThat(last).containsEntry("terminal", true).containsEntry("advertiserAccountId", id);
		assertThat((Object) at(last, "advertiserAccount.displayName")).isEqualTo("Subscribed Brand");
	}

	@Test
	void theReportsBehindProductsAreFollowedUntilReady() {
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(40);
		LocalDate start = end.minusDays(6);
		Events events = ended(
				subscribe(socket(), REPORTS, Map.of("m", ProductsTest.US, "s", start.toString(), "e", end.toString())));
		assertThat(events.error.get()).isNull();
		List<Map<String, Object>> data = events.data("productsReportStatus");
		assertThat(data).hasSizeGreaterThanOrEqualTo(2);
		assertThat((Object) at(data.get(0), "freshness.advertising.status")).isEqualTo("PENDING");
		Map<String, Object> last = data.get(data.size() - 1);
		assertThat(last).containsEntry("terminal", true).containsEntry("start", start.toString());
		assertThat((Object) at(last, "freshness.advertising.status")).isEqualTo("READY");
		assertThat((Object) at(last, "freshness.retail.status")).isEqualTo("READY");
		assertThat(data.subList(0, data.size() - 1)).allSatisfy((e) -> assertThat(e).containsEntry("terminal", false));
		// The subscription started the reports the query now finds ready.
		Map<String, Object> products = this.client.graphql(ProductsTest.PRODUCTS,
				Map.of("m", ProductsTest.US, "a", List.of("B0YR85KV4O"), "s", start.toString(), "e", end.toString()));
		assertThat((Object) at(products, "data.products.freshness.advertising.status")).isEqualTo("READY");
	}

	@Test
	void fiveSubscribersToOneAccountShareOnePoller() {
		String id = registerBusiness("Shared Poller Co");
		this.client.resetSandboxStats();
		Instant started = Instant.now();
		WebSocketGraphQlClient socket = socket();
		List<Events> all = IntStream.range(0, 5)
			.mapToObj((i) -> subscribe((i % 2 == 0) ? socket : socket(), ADS_ACCOUNT, Map.of("id", id)))
			.toList();
		all.forEach((events) -> eventuallyWithin(LONG, () -> events.received, (r) -> !r.isEmpty()));
		this.client.settleRegistration(id);
		all.forEach(SubscriptionsTest::ended);
		Duration elapsed = Duration.between(started, Instant.now());
		assertThat(all).allSatisfy((events) -> {
			assertThat(events.error.get()).isNull();
			assertThat(events.statuses("adsAccountStatus")).last().isEqualTo("CREATED");
		});
		// One poller waits at least the interval between its calls; five would make five
		// times as many.
		long calls = upstreamCalls("GetAccount");
		long onePoller = elapsed.toMillis() / INTERVAL.toMillis() + 1;
		assertThat(calls).as("GetAccount calls in %s", elapsed).isPositive().isLessThanOrEqualTo(onePoller + 1);
		assertThat(this.watcher.running()).doesNotContainKey("demo");
	}

	@Test
	void aSubscriberThatLeavesStopsTheUpstreamCalls() {
		String token = newToken();
		Events events = subscribe(socket(), TERMS, Map.of("t", token));
		eventuallyWithin(LONG, () -> upstreamCalls("GetTermsToken"), (calls) -> calls >= 3);
		assertThat(this.watcher.running()).containsKey("demo");
		events.subscription.dispose();
		eventuallyWithin(LONG, () -> this.watcher.running(), (running) -> !running.containsKey("demo"));
		// Stopped: over many intervals the count does not move.
		long after = eventuallyWithin(LONG, () -> {
			long before = upstreamCalls("GetTermsToken");
			sleep(INTERVAL.multipliedBy(5));
			return (upstreamCalls("GetTermsToken") == before) ? before : -1L;
		}, (count) -> count >= 0);
		sleep(INTERVAL.multipliedBy(5));
		assertThat(upstreamCalls("GetTermsToken")).isEqualTo(after);
		assertThat(events.ended()).isFalse();
	}

	@Test
	void theKeyCanTravelInConnectionInitAsBrowsersSendIt() {
		String token = acceptedToken();
		Events events = ended(subscribe(socket(null, GatewayClient.DEMO_KEY), TERMS, Map.of("t", token)));
		assertThat(events.error.get()).isNull();
		assertThat(events.statuses("termsTokenStatus")).containsExactly("ACCEPTED");
	}

	@Test
	void aSocketWithoutAValidKeyIsRefused() {
		String token = acceptedToken();
		for (WebSocketGraphQlClient refused : List.of(socket(null, null), socket("not-a-key", null),
				socket(null, "not-a-key"), socket(GatewayClient.DEMO_KEY, "adsgraph-agency-key"))) {
			Events events = ended(subscribe(refused, TERMS, Map.of("t", token)));
			assertThat(events.received).isEmpty();
			assertThat(events.error.get()).isNotNull();
		}
		assertThat(this.watcher.running()).isEmpty();
	}

	@Test
	void anUnknownIdEndsWithNotFoundAndABadOneWithBadUserInput() {
		Events unknown = ended(subscribe(socket(), ADS_ACCOUNT, Map.of("id", "amzn1.ads-account.g.nosuchaccount")));
		assertThat(unknown.received).isEmpty();
		assertThat(unknown.error.get()).isInstanceOf(SubscriptionErrorException.class);
		List<ResponseError> errors = ((SubscriptionErrorException) unknown.error.get()).getErrors();
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).getExtensions()).containsEntry("code", "NOT_FOUND").containsKey("correlationId");
		assertThat(errors.get(0).getMessage()).contains("amzn1.ads-account.g.nosuchaccount");

		Events unknownToken = ended(subscribe(socket(), TERMS, Map.of("t", "00000000-0000-0000-0000-000000000000")));
		assertThat(((SubscriptionErrorException) unknownToken.error.get()).getErrors().get(0).getExtensions())
			.containsEntry("code", "NOT_FOUND");

		Events bad = ended(subscribe(socket(), ADS_ACCOUNT, Map.of("id", "not an id!")));
		assertThat(bad.received).isEmpty();
		ResponseError badId = ((SubscriptionErrorException) bad.error.get()).getErrors().get(0);
		assertThat(badId.getExtensions()).containsEntry("code", "BAD_USER_INPUT").containsKey("correlationId");
		assertThat(badId.getMessage()).contains("adsAccountId");

		Events badRange = ended(
				subscribe(socket(), REPORTS, Map.of("m", ProductsTest.US, "s", "2020-01-02", "e", "2020-01-01")));
		assertThat(((SubscriptionErrorException) badRange.error.get()).getErrors().get(0).getExtensions())
			.containsEntry("code", "BAD_USER_INPUT");
		assertThat(this.watcher.running()).isEmpty();
	}

}
