package dev.adsgraph.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.graphql.execution.DefaultExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;

import dev.adsgraph.testing.RawGraphQlWebSocket;
import dev.adsgraph.testing.RawGraphQlWebSocket.Closed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graphql-transport-ws close codes of the gateway's WebSocket handler, over a real
 * socket to a server that runs nothing but that handler, over a schema with a
 * subscription that never ends (so an operation is reliably still running) and a
 * connection refused when its {@code connection_init} payload says {@code refuse}.
 */
class GraphQlTransportWsSessionTest {

	private static final String SCHEMA = """
			type Query { hello: String }
			type Subscription { forever: Int }
			""";

	private static final String INIT = "{\"type\":\"connection_init\"}";

	private final List<DisposableServer> servers = new ArrayList<>();

	private final List<RawGraphQlWebSocket> sockets = new ArrayList<>();

	@AfterEach
	void stop() {
		this.sockets.forEach(RawGraphQlWebSocket::close);
		this.servers.forEach(DisposableServer::disposeNow);
	}

	private URI server(Duration connectionInitTimeout) {
		GraphQlSource source = GraphQlSource.schemaResourceBuilder()
			.schemaResources(new ByteArrayResource(SCHEMA.getBytes(StandardCharsets.UTF_8)))
			.configureRuntimeWiring(
					(wiring) -> wiring.type("Query", (type) -> type.dataFetcher("hello", (env) -> "world"))
						.type("Subscription", (type) -> type.dataFetcher("forever", (env) -> Flux.never())))
			.build();
		WebGraphQlHandler graphQl = WebGraphQlHandler.builder(new DefaultExecutionGraphQlService(source))
			.interceptor(new WebSocketGraphQlInterceptor() {
				@Override
				public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo info,
						Map<String, Object> payload) {
					return payload.containsKey("refuse") ? Mono.error(new IllegalStateException("refused"))
							: Mono.empty();
				}
			})
			.build();
		GraphQlTransportWsConfiguration.Handler handler = new GraphQlTransportWsConfiguration.Handler(graphQl,
				ServerCodecConfigurer.create(), connectionInitTimeout, null);
		NettyDataBufferFactory buffers = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.ws("/graphql-ws",
					(in, out) -> handler.handle(new ReactorNettyWebSocketSession(in, out,
							new HandshakeInfo(URI.create("ws://127.0.0.1/graphql-ws"), new HttpHeaders(), Mono.empty(),
									"graphql-transport-ws"),
							buffers)),
					WebsocketServerSpec.builder().protocols("graphql-transport-ws").build()))
			.bindNow();
		this.servers.add(server);
		return URI.create("ws://127.0.0.1:" + server.port() + "/graphql-ws");
	}

	private RawGraphQlWebSocket socket(URI uri) {
		RawGraphQlWebSocket socket = RawGraphQlWebSocket.open(uri, Map.of());
		this.sockets.add(socket);
		return socket;
	}

	private static String subscribe(String id, String query) {
		return "{\"id\":\"" + id + "\",\"type\":\"subscribe\",\"payload\":{\"query\":\"" + query + "\"}}";
	}

	@Test
	void everyMalformedMessageClosesWith4400AndSaysWhy() {
		URI uri = server(Duration.ofMinutes(1));
		Map<String, String> beforeInit = Map.ofEntries(Map.entry("not json", "Invalid message: not JSON"),
				Map.entry("", "Invalid message: not a JSON object"),
				Map.entry("[]", "Invalid message: not a JSON object"),
				Map.entry("\"connection_init\"", "Invalid message: not a JSON object"),
				Map.entry("null", "Invalid message: not a JSON object"),
				Map.entry("{}", "Invalid message: no \"type\" string"),
				Map.entry("{\"type\":7}", "Invalid message: no \"type\" string"),
				Map.entry("{\"type\":\"start\"}", "Unknown message type start"),
				Map.entry("{\"type\":\"connection_init\",\"payload\":\"key\"}",
						"\"payload\" of connection_init must be an object or absent"),
				Map.entry("{\"type\":\"connection_init\",\"payload\":[]}",
						"\"payload\" of connection_init must be an object or absent"),
				Map.entry("{\"type\":\"ping\",\"payload\":1}", "\"payload\" of ping must be an object"),
				Map.entry("{\"type\":\"connection_ack\"}", "Unexpected message of type connection_ack from a client"));
		beforeInit.forEach((message, reason) -> {
			RawGraphQlWebSocket socket = socket(uri).send(message);
			assertThat(socket.closed()).as(message).isEqualTo(new Closed(4400, reason));
		});
		Map<String, String> afterInit = Map.ofEntries(
				Map.entry("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":\"{ hello }\"}",
						"\"payload\" of subscribe must be an object"),
				Map.entry("{\"type\":\"subscribe\",\"payload\":{\"query\":\"{ hello }\"}}",
						"subscribe needs a non-empty \"id\" string"),
				Map.entry("{\"type\":\"subscribe\",\"id\":\"\",\"payload\":{\"query\":\"{ hello }\"}}",
						"subscribe needs a non-empty \"id\" string"),
				Map.entry("{\"type\":\"subscribe\",\"id\":1,\"payload\":{\"query\":\"{ hello }\"}}",
						"subscribe needs a non-empty \"id\" string"),
				Map.entry("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{}}",
						"\"payload.query\" of subscribe must be a string"),
				Map.entry("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":{}}}",
						"\"payload.query\" of subscribe must be a string"),
				Map.entry(
						"{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{ hello }\",\"variables\":\"x\"}}",
						"\"payload.variables\" of subscribe must be an object or null"),
				Map.entry(
						"{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{ hello }\",\"extensions\":[]}}",
						"\"payload.extensions\" of subscribe must be an object or null"),
				Map.entry(
						"{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{ hello }\",\"operationName\":1}}",
						"\"payload.operationName\" of subscribe must be a string or null"),
				Map.entry("{\"type\":\"complete\"}", "complete needs a non-empty \"id\" string"),
				Map.entry("{\"type\":\"next\",\"id\":\"1\",\"payload\":{}}",
						"Unexpected message of type next from a client"));
		afterInit.forEach((message, reason) -> {
			RawGraphQlWebSocket socket = socket(uri).initialise("{}").send(message);
			assertThat(socket.closed()).as(message).isEqualTo(new Closed(4400, reason));
		});
		RawGraphQlWebSocket binary = socket(uri).sendBinary(INIT.getBytes(StandardCharsets.UTF_8));
		assertThat(binary.closed())
			.isEqualTo(new Closed(4400, "Binary frames are not part of graphql-transport-ws; send JSON text"));
	}

	@Test
	void wellFormedMessagesWithExtraFieldsAreServed() {
		RawGraphQlWebSocket socket = socket(server(Duration.ofMinutes(1))).send(INIT);
		assertThat(socket.next()).contains("\"connection_ack\"");
		socket.send("{\"type\":\"pong\"}").send("{\"type\":\"ping\",\"payload\":null,\"extra\":1}");
		assertThat(socket.next()).contains("\"pong\"");
		socket.send("{\"id\":\"q\",\"type\":\"subscribe\",\"payload\":{\"query\":\"{ hello }\",\"variables\":null,"
				+ "\"operationName\":null,\"extensions\":{}}}");
		assertThat(socket.next()).contains("\"next\"", "\"world\"");
		assertThat(socket.next()).contains("\"complete\"", "\"q\"");
	}

	@Test
	void aSubscribeBeforeTheAcknowledgementClosesWith4401() {
		RawGraphQlWebSocket socket = socket(server(Duration.ofMinutes(1))).send(subscribe("1", "{ hello }"));
		assertThat(socket.closed()).isEqualTo(new Closed(4401, "Unauthorized"));
	}

	@Test
	void aConnectionRefusedInConnectionInitClosesWith4403() {
		RawGraphQlWebSocket socket = socket(server(Duration.ofMinutes(1)))
			.send("{\"type\":\"connection_init\",\"payload\":{\"refuse\":true}}");
		assertThat(socket.closed()).isEqualTo(new Closed(4403, "Forbidden"));
	}

	@Test
	void noConnectionInitInTimeClosesWith4408() {
		RawGraphQlWebSocket socket = socket(server(Duration.ofMillis(200)));
		assertThat(socket.closed()).isEqualTo(new Closed(4408, "Connection initialisation timeout"));
	}

	@Test
	void anIdStillRunningClosesWith4409AndAFinishedOneIsFreeAgain() {
		RawGraphQlWebSocket socket = socket(server(Duration.ofMinutes(1))).initialise("{}");
		// A query's id is free again once its complete was sent.
		socket.send(subscribe("q", "{ hello }"));
		assertThat(socket.next()).contains("\"next\"");
		assertThat(socket.next()).contains("\"complete\"");
		socket.send(subscribe("q", "{ hello }"));
		assertThat(socket.next()).contains("\"next\"");
		assertThat(socket.next()).contains("\"complete\"");
		// A subscription's id is free again once the client completed it.
		socket.send(subscribe("s", "subscription { forever }")).send("{\"id\":\"s\",\"type\":\"complete\"}");
		socket.send(subscribe("s", "subscription { forever }")).send(subscribe("s", "subscription { forever }"));
		assertThat(socket.closed()).isEqualTo(new Closed(4409, "Subscriber for s already exists"));
	}

	@Test
	void aLongIdIsCutToFitTheCloseReason() {
		RawGraphQlWebSocket socket = socket(server(Duration.ofMinutes(1))).initialise("{}");
		String id = "é".repeat(100);
		socket.send(subscribe(id, "subscription { forever }")).send(subscribe(id, "subscription { forever }"));
		Closed closed = socket.closed();
		assertThat(closed.code()).isEqualTo(4409);
		assertThat(closed.reason()).startsWith("Subscriber for éé").endsWith("…");
		assertThat(closed.reason().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(123);
	}

	@Test
	void aSecondConnectionInitClosesWith4429() {
		RawGraphQlWebSocket socket = socket(server(Duration.ofMinutes(1))).initialise("{}").send(INIT);
		assertThat(socket.closed()).isEqualTo(new Closed(4429, "Too many initialisation requests"));
	}

}
