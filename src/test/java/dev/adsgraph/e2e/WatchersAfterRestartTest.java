package dev.adsgraph.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import dev.adsgraph.AdsgraphApplication;
import dev.adsgraph.connections.ConnectionKind;
import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.connections.Grant;
import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.tenancy.ApiKeyResolver;
import dev.adsgraph.tenancy.WorkspaceStore;
import dev.adsgraph.testing.TestDatabase;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.watch.StatusWatcher;
import dev.adsgraph.testing.OwnEventLoops;

import static dev.adsgraph.e2e.GatewayClient.at;
import static dev.adsgraph.e2e.SubscriptionsTest.eventuallyWithin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscription watchers outlive the gateway: registrations still in progress when it
 * stops are followed again by the next gateway on the same database, so a change that
 * happened while it was down is recorded, and a client subscribing after the restart gets
 * the current state, then the rest. "Amazon" (a sandbox of the test's own, where
 * registrations stay pending until the test settles them) keeps running across the
 * restart.
 */
class WatchersAfterRestartTest {

	private static final Duration LONG = Duration.ofSeconds(60);

	private static final String REGISTER = """
			mutation($input: RegisterAdsAccountInput!) {
			  registerAdsAccount(input: $input) { adsAccount { id status } userErrors { code message } } }""";

	private static final String CREATE_TOKEN = "mutation { createTermsToken { termsToken { token status } } }";

	private static final String ADS_ACCOUNT = """
			subscription($id: ID!) { adsAccountStatus(adsAccountId: $id) { adsAccountId status terminal } }""";

	private final SandboxServer amazon = SandboxServer
		.start(new SandboxSettings(null, 0, Duration.ofHours(1), null, null, null));

	private final String database = TestDatabase.create();

	private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

	private final List<WebSocketGraphQlClient> sockets = new ArrayList<>();

	@AfterEach
	void stop() {
		this.sockets.forEach((socket) -> socket.stop().block(Duration.ofSeconds(10)));
		this.gateways.forEach(ConfigurableApplicationContext::close);
		this.amazon.close();
	}

	/**
	 * A gateway in live mode on the test's sandbox and database, polling every 200 ms.
	 */
	private ConfigurableApplicationContext startGateway(String... more) {
		SandboxCredentials ads = SandboxServer.demoCredentials();
		String sandbox = this.amazon.baseUrl();
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--adsgraph.mode=live",
				"--adsgraph.tenants[0].id=demo", "--adsgraph.tenants[0].api-key=" + GatewayClient.DEMO_KEY,
				"--adsgraph.tenants[0].ads.client-id=" + ads.clientId(),
				"--adsgraph.tenants[0].ads.client-secret=" + ads.clientSecret(),
				"--adsgraph.tenants[0].ads.refresh-token=" + ads.refreshToken(), "--adsgraph.tenants[0].ads.regions=NA",
				"--adsgraph.upstream.lwa.token-url=" + sandbox + "/auth/o2/token",
				"--adsgraph.upstream.ads.hosts.NA=" + sandbox + "/ads/na",
				"--adsgraph.subscriptions.poll-initial-delay=200ms", "--adsgraph.subscriptions.poll-max-delay=200ms"));
		arguments.addAll(List.of(TestDatabase.arguments(this.database)));
		arguments.addAll(List.of(more));
		ConfigurableApplicationContext gateway = new SpringApplicationBuilder(AdsgraphApplication.class)
			.initializers(OwnEventLoops::register)
			.run(arguments.toArray(String[]::new));
		this.gateways.add(gateway);
		return gateway;
	}

	private static int port(ConfigurableApplicationContext gateway) {
		return Integer.parseInt(gateway.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private GatewayClient client(ConfigurableApplicationContext gateway) {
		return new GatewayClient(port(gateway), this.amazon.baseUrl());
	}

	private static List<String> events(ConfigurableApplicationContext gateway, String amazonId) {
		return gateway.getBean(DatabaseClient.class)
			.sql("SELECT status, source FROM registration_event WHERE amazon_id = :id ORDER BY id")
			.bind("id", amazonId)
			.fetch()
			.all()
			.map((e) -> e.get("status") + " " + e.get("source"))
			.collectList()
			.block();
	}

	private static String register(GatewayClient client, String name) {
		return register(client, GatewayClient.DEMO_KEY, name);
	}

	private static String register(GatewayClient client, String apiKey, String name) {
		Map<String, Object> input = Map.of("association",
				Map.of("business",
						Map.of("name", name, "phone", "+1 206 555 0199", "addressLine1", "400 Pine St", "city",
								"Seattle", "state", "WA", "zipCode", "98101", "countryCode", "US", "websiteUrl",
								"https://www.restart-watch.example")));
		Map<String, Object> answer = client.graphql(apiKey, REGISTER, Map.of("input", input));
		SandboxGatewayTest.assertNoErrors(answer);
		assertThat((Object) at(answer, "data.registerAdsAccount.adsAccount.status")).isEqualTo("PENDING");
		return at(answer, "data.registerAdsAccount.adsAccount.id");
	}

	@Test
	void registrationsInProgressAreFollowedAgainAfterARestart() {
		ConfigurableApplicationContext first = startGateway();
		GatewayClient before = client(first);
		String settledWhileDown = register(before, "Down Time Dental " + UUID.randomUUID());
		String settledAfter = register(before, "Up Again Dental " + UUID.randomUUID());
		Map<String, Object> created = before.graphql(CREATE_TOKEN);
		SandboxGatewayTest.assertNoErrors(created);
		String token = at(created, "data.createTermsToken.termsToken.token");
		this.gateways.remove(0).close();

		// While no gateway runs, Amazon moves on.
		before.settleRegistration(settledWhileDown);
		before.acceptTerms(token);

		ConfigurableApplicationContext second = startGateway();
		// Nobody subscribed: the resumed watchers poll and record what changed.
		eventuallyWithin(LONG, () -> events(second, settledWhileDown),
				(events) -> events.equals(List.of("PENDING registerAdsAccount", "CREATED POLL")));
		eventuallyWithin(LONG, () -> events(second, token),
				(events) -> events.equals(List.of("CREATED createTermsToken", "ACCEPTED POLL")));
		// The two that reached a final status stop; the third is still followed.
		StatusWatcher watcher = second.getBean(StatusWatcher.class);
		eventuallyWithin(LONG, watcher::running, (running) -> Integer.valueOf(1).equals(running.get("demo")));

		// A client subscribing now joins the resumed watcher: the current state, then the
		// rest.
		List<ClientGraphQlResponse> received = new CopyOnWriteArrayList<>();
		AtomicReference<Throwable> error = new AtomicReference<>();
		AtomicBoolean completed = new AtomicBoolean();
		WebSocketGraphQlClient socket = WebSocketGraphQlClient
			.builder("ws://127.0.0.1:" + port(second) + "/graphql-ws", new ReactorNettyWebSocketClient())
			.header("X-Api-Key", GatewayClient.DEMO_KEY)
			.build();
		this.sockets.add(socket);
		socket.document(ADS_ACCOUNT)
			.variables(Map.of("id", settledAfter))
			.executeSubscription()
			.subscribe(received::add, error::set, () -> completed.set(true));
		eventuallyWithin(LONG, () -> received, (r) -> !r.isEmpty());
		assertThat(watcher.running()).containsEntry("demo", 1);
		client(second).settleRegistration(settledAfter);
		eventuallyWithin(LONG, () -> completed.get() || error.get() != null, (ended) -> ended);
		assertThat(error.get()).isNull();
		assertThat(received).extracting((r) -> r.field("adsAccountStatus.status").getValue())
			.containsExactly("PENDING", "CREATED");
		assertThat(events(second, settledAfter)).containsExactly("PENDING registerAdsAccount", "CREATED POLL");
		eventuallyWithin(LONG, watcher::running, (running) -> !running.containsKey("demo"));
	}

	@Test
	void registrationsOfAWorkspaceMadeThroughTheAdminApiAreFollowedAgainThroughItsConnection() {
		SandboxCredentials ads = SandboxServer.demoCredentials();
		String[] application = { "--adsgraph.connections.ads-application.client-id=" + ads.clientId(),
				"--adsgraph.connections.ads-application.client-secret=" + ads.clientSecret() };
		ConfigurableApplicationContext first = startGateway(application);
		Instant now = Instant.now();
		String key = ApiKeyResolver.newKey();
		first.getBean(WorkspaceStore.class)
			.create("acme", "Acme", now)
			.then(first.getBean(WorkspaceStore.class)
				.issue(ApiKeyResolver.newKeyId(), "acme", "test", ApiKeyResolver.sha256(key), now))
			.block(LONG);
		first.getBean(ConnectionStore.class)
			.save(new Grant("acme", ConnectionKind.ADS, "amzn1.account.ACME", null, List.of(Region.NA),
					List.of("advertising::campaign_management"), ads.clientId(), ads.refreshToken()))
			.block(LONG);
		GatewayClient before = client(first);
		String pending = register(before, key, "Workspace Dental " + UUID.randomUUID());
		this.gateways.remove(0).close();

		before.settleRegistration(pending);

		ConfigurableApplicationContext second = startGateway(application);
		eventuallyWithin(LONG, () -> events(second, pending),
				(events) -> events.equals(List.of("PENDING registerAdsAccount", "CREATED POLL")));
	}

}
