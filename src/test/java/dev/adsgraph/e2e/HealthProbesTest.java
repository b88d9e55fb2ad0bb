package dev.adsgraph.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liveness and readiness never call Amazon, so a probe every few seconds spends none of
 * the tenants' upstream rate limits. And health answers every request of a kept-alive
 * connection, as load balancers and monitors send them: Reactor Netty 1.3.6 stopped
 * reading such a connection after a few dozen health requests (see the Reactor Netty
 * entries of pom.xml's dependencyManagement). The quiet application's properties, and an
 * application of its own all the same (the nested configuration counting connections is
 * part of its key), so nothing another test started calls the sandbox meanwhile, and
 * every connection the gateway accepts is one of these tests'.
 */
@TestPropertySource(properties = SandboxGatewayTest.QUIET_SANDBOX)
class HealthProbesTest extends SandboxGatewayTest {

	private static final int BACK_TO_BACK = 500;

	/** Generous for a loaded machine; the stall this guards against never answers. */
	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

	@Autowired
	AcceptedConnections accepted;

	@Test
	void probesAnswerUpWithoutASingleUpstreamCall() {
		this.client.resetSandboxStats();
		for (int i = 0; i < 10; i++) {
			for (String probe : new String[] { "/actuator/health/readiness", "/actuator/health/liveness",
					"/actuator/health" }) {
				// A new connection per probe, as an orchestrator's probes make.
				GatewayClient probes = new GatewayClient(this.port, this.sandboxUrl);
				GatewayClient.Raw answer = probes.get(this.client.gatewayUrl() + probe);
				assertThat(answer.status()).as(probe).isEqualTo(200);
				assertThat(GatewayClient.parse(answer.body())).as(probe).containsEntry("status", "UP");
			}
		}
		Map<String, Long> calls = this.client.sandboxStats();
		assertThat(calls).as("upstream calls caused by 30 probes")
			.allSatisfy((operation, count) -> assertThat(count).isZero());
	}

	@Test
	void fiveHundredBackToBackHealthRequestsOnOneKeptAliveConnectionAreAllAnswered() throws IOException {
		int before = this.accepted.count();
		int localPort;
		try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(this.port, ANSWER_TIMEOUT)) {
			localPort = connection.localPort();
			for (int i = 0; i < BACK_TO_BACK; i++) {
				String path = (i % 2 == 0) ? "/actuator/health" : "/actuator/health/liveness";
				RawHttp.Response answer = connection.exchange("GET", path, Map.of(), null);
				assertThat(answer.status()).as("request %d (%s)", i + 1, path).isEqualTo(200);
				assertThat(GatewayClient.parse(answer.body())).as("request %d", i + 1).containsEntry("status", "UP");
			}
		}
		assertThat(this.accepted.since(before)).as("connections the gateway accepted")
			.singleElement()
			.satisfies((remote) -> assertThat(((InetSocketAddress) remote).getPort()).isEqualTo(localPort));
	}

	/**
	 * The cause is not particular to health: any answer written at once on the event loop
	 * after one written from another thread (the actuator's info runs on Reactor's
	 * bounded elastic scheduler; the API key check refuses on the event loop) met it.
	 */
	@Test
	void aKeptAliveConnectionAlternatingAnswersFromOtherThreadsAndAtOnceIsAlwaysAnswered() throws IOException {
		int before = this.accepted.count();
		try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(this.port, ANSWER_TIMEOUT)) {
			for (int i = 0; i < BACK_TO_BACK; i++) {
				RawHttp.Response answer = (i % 2 == 0) ? connection.exchange("GET", "/actuator/info", Map.of(), null)
						: connection.exchange("POST", "/graphql", Map.of("Content-Type", "application/json"),
								"{\"query\":\"{ __typename }\"}");
				assertThat(answer.status()).as("request %d", i + 1).isEqualTo((i % 2 == 0) ? 200 : 401);
			}
		}
		assertThat(this.accepted.since(before)).as("connections the gateway accepted").hasSize(1);
	}

	/** Every connection the gateway's server accepts, by remote address. */
	static final class AcceptedConnections {

		private final List<SocketAddress> remotes = new CopyOnWriteArrayList<>();

		int count() {
			return this.remotes.size();
		}

		List<SocketAddress> since(int count) {
			return List.copyOf(this.remotes.subList(count, this.remotes.size()));
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CountAcceptedConnections {

		@Bean
		AcceptedConnections acceptedConnections() {
			return new AcceptedConnections();
		}

		@Bean
		NettyServerCustomizer countAcceptedConnections(AcceptedConnections accepted) {
			return (server) -> server
				.doOnChannelInit((observer, channel, remote) -> accepted.remotes.add(channel.remoteAddress()));
		}

	}

}
