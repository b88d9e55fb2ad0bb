package dev.adsgraph.scaleout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.testing.GatewayReplicas;
import dev.adsgraph.testing.RawGraphQlWebSocket;
import dev.adsgraph.testing.RedisServer;
import dev.adsgraph.watch.StatusWatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway replicas in Redis mode follow one terms token for subscribers on both
 * (graphql-transport-ws sockets): one of them polls the sandbox, the other passes on the
 * changes it publishes, and polls on itself as soon as the first begins to stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubscriptionAcrossReplicasTest {

	/** Every poll waits exactly this long after the one before. */
	private static final Duration INTERVAL = Duration.ofMillis(100);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String POLLS = "ads.na.GetTermsToken";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SandboxServer sandbox;

	private GatewayReplicas replicas;

	private final List<RawGraphQlWebSocket> sockets = new ArrayList<>();

	@BeforeAll
	void start() {
		// Terms tokens wait for an explicit acceptance (the sandbox's default).
		this.sandbox = SandboxServer.start(SandboxSettings.defaults());
		List<String> arguments = new ArrayList<>(
				GatewayReplicas.redis(RedisServer.shared().url(), "test:" + UUID.randomUUID() + ":"));
		arguments.add("--adsgraph.subscriptions.poll-initial-delay=" + INTERVAL.toMillis() + "ms");
		arguments.add("--adsgraph.subscriptions.poll-max-delay=" + INTERVAL.toMillis() + "ms");
		// A stopping replica waits this long for open sockets, not 30 s.
		arguments.add("--spring.lifecycle.timeout-per-shutdown-phase=5s");
		this.replicas = GatewayReplicas.start(this.sandbox, 2, arguments);
	}

	@AfterAll
	void stop() {
		this.sockets.forEach(RawGraphQlWebSocket::close);
		if (this.replicas != null) {
			this.replicas.close();
		}
		if (this.sandbox != null) {
			this.sandbox.close();
		}
	}

	@Test
	@Order(1)
	void aSubscriptionOnOneReplicaGetsTheChangeTheOtherPolledWithOnePollerInAll() {
		String token = newToken();
		StatusWatcher a = this.replicas.bean(0, StatusWatcher.class);
		StatusWatcher b = this.replicas.bean(1, StatusWatcher.class);

		// B's subscriber first: B takes the lease and polls.
		RawGraphQlWebSocket onB = subscribe(1, token);
		assertThat(status(onB.next())).isEqualTo("CREATED");
		await().atMost(WAIT).until(() -> b.polling().getOrDefault("demo", 0) == 1);
		RawGraphQlWebSocket onA = subscribe(0, token);
		// A's subscriber gets the latest state, which B read.
		assertThat(status(onA.next())).isEqualTo("CREATED");
		assertThat(a.running()).containsEntry("demo", 1);
		assertThat(a.polling()).isEmpty();

		// One poller: in any stretch of time the sandbox sees at most one poll per
		// interval (and one more at its start), where two pollers would make twice as
		// many.
		long started = System.nanoTime();
		long before = this.replicas.sandboxCount(POLLS);
		await().atMost(WAIT).until(() -> this.replicas.sandboxCount(POLLS) - before >= 10);
		long polls = this.replicas.sandboxCount(POLLS) - before;
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(polls).isLessThanOrEqualTo(took.toMillis() / INTERVAL.toMillis() + 1);
		assertThat(a.polling()).isEmpty();
		assertThat(b.polling()).containsEntry("demo", 1);

		accept(token);
		for (RawGraphQlWebSocket socket : List.of(onA, onB)) {
			JsonNode event = JSON.readTree(socket.next());
			assertThat(event.at("/payload/data/termsTokenStatus/status").asString()).isEqualTo("ACCEPTED");
			assertThat(event.at("/payload/data/termsTokenStatus/terminal").asBoolean()).isTrue();
			assertThat(JSON.readTree(socket.next()).path("type").asString()).isEqualTo("complete");
		}
		await().atMost(WAIT).until(() -> a.running().isEmpty() && b.running().isEmpty() && b.polling().isEmpty());
	}

	/** Last: it stops replica B. */
	@Test
	@Order(2)
	void aStoppingReplicaHandsItsPollerOverToAReplicaStillInterested() {
		String token = newToken();
		StatusWatcher a = this.replicas.bean(0, StatusWatcher.class);
		StatusWatcher b = this.replicas.bean(1, StatusWatcher.class);
		RawGraphQlWebSocket onB = subscribe(1, token);
		assertThat(status(onB.next())).isEqualTo("CREATED");
		await().atMost(WAIT).until(() -> b.polling().getOrDefault("demo", 0) == 1);
		RawGraphQlWebSocket onA = subscribe(0, token);
		assertThat(status(onA.next())).isEqualTo("CREATED");
		assertThat(a.polling()).isEmpty();

		// B stops: it hands its lease over before its graceful shutdown, which waits for
		// B's open socket.
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> this.replicas.kill(1));
		await().atMost(WAIT).until(() -> a.polling().getOrDefault("demo", 0) == 1);
		accept(token);
		// A reads the acceptance; B's subscriber, still connected, gets it from A.
		for (RawGraphQlWebSocket socket : List.of(onA, onB)) {
			JsonNode event = JSON.readTree(socket.next());
			assertThat(event.at("/payload/data/termsTokenStatus/status").asString()).isEqualTo("ACCEPTED");
			assertThat(JSON.readTree(socket.next()).path("type").asString()).isEqualTo("complete");
		}
		stopping.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
	}

	private String newToken() {
		return this.replicas.graphql(0, "mutation { createTermsToken { termsToken { token } } }")
			.at("/data/createTermsToken/termsToken/token")
			.asString();
	}

	private RawGraphQlWebSocket subscribe(int replica, String token) {
		RawGraphQlWebSocket socket = RawGraphQlWebSocket.open(
				URI.create(this.replicas.baseUrl(replica).replace("http:", "ws:") + "/graphql-ws"),
				Map.of("X-Api-Key", GatewayReplicas.API_KEY));
		this.sockets.add(socket);
		socket.initialise("{}");
		socket.send(JSON.writeValueAsString(Map.of("id", "1", "type", "subscribe", "payload",
				Map.of("query", "subscription($t: ID!) { termsTokenStatus(termsToken: $t) { status terminal } }",
						"variables", Map.of("t", token)))));
		return socket;
	}

	private static String status(String message) {
		JsonNode json = JSON.readTree(message);
		assertThat(json.path("type").asString()).as(message).isEqualTo("next");
		return json.at("/payload/data/termsTokenStatus/status").asString();
	}

	private void accept(String token) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.sandbox.baseUrl() + "/sandbox/termsTokens/" + token + "/accept"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(WAIT)
			.build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
