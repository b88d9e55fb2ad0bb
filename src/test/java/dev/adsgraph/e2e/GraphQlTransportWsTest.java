package dev.adsgraph.e2e;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.adsgraph.testing.RawGraphQlWebSocket;
import dev.adsgraph.testing.RawGraphQlWebSocket.Closed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscriptions endpoint of the whole gateway speaks graphql-transport-ws's close
 * codes (all of them: {@code dev.adsgraph.web.GraphQlTransportWsSessionTest}): a
 * connection without a valid API key is refused with 4403 in {@code connection_init}, and
 * a malformed message closes with 4400 rather than with no code. Makes no upstream call,
 * as the classes sharing its application require.
 */
@TestPropertySource(properties = SandboxGatewayTest.QUIET_SANDBOX)
class GraphQlTransportWsTest extends SandboxGatewayTest {

	private final List<RawGraphQlWebSocket> sockets = new ArrayList<>();

	@AfterEach
	void disconnect() {
		this.sockets.forEach(RawGraphQlWebSocket::close);
	}

	private RawGraphQlWebSocket socket() {
		RawGraphQlWebSocket socket = RawGraphQlWebSocket.open(URI.create("ws://127.0.0.1:" + this.port + "/graphql-ws"),
				Map.of());
		this.sockets.add(socket);
		return socket;
	}

	@Test
	void aConnectionWithoutAValidKeyInConnectionInitIsForbidden() {
		for (String payload : List.of("{}", "{\"X-Api-Key\":\"not-a-key\"}", "{\"X-Api-Key\":42}")) {
			RawGraphQlWebSocket socket = socket().send("{\"type\":\"connection_init\",\"payload\":" + payload + "}");
			assertThat(socket.closed()).as(payload).isEqualTo(new Closed(4403, "Forbidden"));
		}
	}

	@Test
	void aKeyedConnectionIsServedUntilAMalformedMessageClosesIt() {
		RawGraphQlWebSocket socket = socket().initialise("{\"x-api-key\":\"" + GatewayClient.DEMO_KEY + "\"}");
		socket.send("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"{ __typename }\"}}");
		assertThat(socket.next()).contains("\"next\"", "\"__typename\":\"Query\"");
		assertThat(socket.next()).contains("\"complete\"");
		socket.send("[]");
		assertThat(socket.closed()).isEqualTo(new Closed(4400, "Invalid message: not a JSON object"));
	}

	@Test
	void aSubscribeBeforeConnectionInitIsUnauthorized() {
		RawGraphQlWebSocket socket = socket()
			.send("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"{ __typename }\"}}");
		assertThat(socket.closed()).isEqualTo(new Closed(4401, "Unauthorized"));
	}

}
