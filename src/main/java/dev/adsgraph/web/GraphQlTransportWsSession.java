package dev.adsgraph.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * A WebSocket session as Spring's {@code GraphQlWebSocketHandler} sees it, with every
 * client message checked against the graphql-transport-ws protocol first, so that each
 * breach closes the socket with the protocol's code and a reason. Spring decodes a
 * message straight into its message class: text that is not a JSON object, an unknown
 * {@code type}, a payload that is not an object and binary frames made it fail, and the
 * socket ended with no close code (1005), which graphql-ws clients take for a network
 * failure and retry for ever.
 * <ul>
 * <li>{@code 4400} and what is wrong, for any message the protocol does not define from a
 * client: not text, not JSON, not an object, no or an unknown {@code type}, a
 * server-to-client type, a payload that is not an object, a {@code subscribe} without an
 * id or without a {@code query} string, a {@code complete} without an id;</li>
 * <li>{@code 4401 Unauthorized} for a {@code subscribe} before the server acknowledged
 * the connection (Spring checks only that {@code connection_init} arrived);</li>
 * <li>{@code 4403 Forbidden} when the connection is refused in {@code connection_init}
 * (no valid API key), as the protocol recommends: Spring closes with 4401 there, the code
 * the protocol keeps for the case above and which graphql-ws never retries. Since a
 * subscribe before the acknowledgement stops here, a 4401 from Spring can only be that
 * refusal, and is sent as 4403;</li>
 * <li>{@code 4409 Subscriber for <id> already exists} while an operation with that id
 * runs, for every operation (Spring checks subscriptions only, and only once they
 * started);</li>
 * <li>{@code 4429 Too many initialisation requests} for a second
 * {@code connection_init}.</li>
 * </ul>
 * {@code 4408 Connection initialisation timeout} stays Spring's
 * ({@code spring.graphql.websocket.connection-init-timeout}). An operation's id is free
 * again once the server sent its {@code complete} or {@code error}, or the client its
 * {@code complete}.
 */
final class GraphQlTransportWsSession implements WebSocketSession {

	static final int BAD_REQUEST = 4400;

	static final int UNAUTHORIZED = 4401;

	static final int FORBIDDEN = 4403;

	static final int SUBSCRIBER_ALREADY_EXISTS = 4409;

	static final int TOO_MANY_INITIALISATION_REQUESTS = 4429;

	/** A close frame's reason is at most 123 bytes of UTF-8. */
	private static final int MAX_REASON_BYTES = 123;

	/**
	 * Spring writes {@code id} and {@code type} before {@code payload}: this much of an
	 * outgoing message names them, however large its payload.
	 */
	private static final int OUTGOING_PREFIX = 256;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebSocketSession delegate;

	private final AtomicBoolean initialised = new AtomicBoolean();

	private volatile boolean acknowledged;

	private final AtomicBoolean closing = new AtomicBoolean();

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	GraphQlTransportWsSession(WebSocketSession delegate) {
		this.delegate = delegate;
	}

	@Override
	public Flux<WebSocketMessage> receive() {
		// filter, not an asynchronous operator: Spring decodes each frame in the same
		// onNext, before the server releases its buffer.
		return this.delegate.receive().filter((message) -> {
			if (this.closing.get()) {
				return false;
			}
			if (message.getType() == WebSocketMessage.Type.PING || message.getType() == WebSocketMessage.Type.PONG) {
				// WebSocket control frames, not protocol messages.
				return false;
			}
			CloseStatus refusal = refusal(message);
			if (refusal == null) {
				return true;
			}
			// Closing completes the receive stream; nothing waits on the close itself.
			closeWith(refusal).subscribe();
			return false;
		});
	}

	private CloseStatus refusal(WebSocketMessage message) {
		if (message.getType() != WebSocketMessage.Type.TEXT) {
			return badRequest("Binary frames are not part of graphql-transport-ws; send JSON text");
		}
		JsonNode node;
		try {
			node = JSON.readTree(message.getPayloadAsText());
		}
		catch (JacksonException ex) {
			return badRequest("Invalid message: not JSON");
		}
		if (node == null || !node.isObject()) {
			return badRequest("Invalid message: not a JSON object");
		}
		JsonNode type = node.get("type");
		if (type == null || !type.isString()) {
			return badRequest("Invalid message: no \"type\" string");
		}
		JsonNode payload = node.get("payload");
		return switch (type.asString()) {
			case "connection_init" -> {
				if (!objectOrAbsent(payload)) {
					yield badRequest("\"payload\" of connection_init must be an object or absent");
				}
				yield this.initialised.compareAndSet(false, true) ? null
						: new CloseStatus(TOO_MANY_INITIALISATION_REQUESTS, "Too many initialisation requests");
			}
			case "ping", "pong" ->
				objectOrAbsent(payload) ? null : badRequest("\"payload\" of " + type.asString() + " must be an object");
			case "subscribe" -> subscribe(node.get("id"), payload);
			case "complete" -> {
				String id = id(node.get("id"));
				if (id == null) {
					yield badRequest("complete needs a non-empty \"id\" string");
				}
				this.running.remove(id);
				yield null;
			}
			case "connection_ack", "next", "error" ->
				badRequest("Unexpected message of type " + type.asString() + " from a client");
			default -> badRequest("Unknown message type " + type.asString());
		};
	}

	private CloseStatus subscribe(JsonNode idNode, JsonNode payload) {
		String id = id(idNode);
		if (id == null) {
			return badRequest("subscribe needs a non-empty \"id\" string");
		}
		if (payload == null || !payload.isObject()) {
			return badRequest("\"payload\" of subscribe must be an object");
		}
		JsonNode query = payload.get("query");
		if (query == null || !query.isString()) {
			return badRequest("\"payload.query\" of subscribe must be a string");
		}
		JsonNode operationName = payload.get("operationName");
		if (operationName != null && !operationName.isNull() && !operationName.isString()) {
			return badRequest("\"payload.operationName\" of subscribe must be a string or null");
		}
		for (String field : new String[] { "variables", "extensions" }) {
			if (!objectOrAbsent(payload.get(field))) {
				return badRequest("\"payload." + field + "\" of subscribe must be an object or null");
			}
		}
		if (!this.acknowledged) {
			return new CloseStatus(UNAUTHORIZED, "Unauthorized");
		}
		if (!this.running.add(id)) {
			return new CloseStatus(SUBSCRIBER_ALREADY_EXISTS, reason("Subscriber for " + id + " already exists"));
		}
		return null;
	}

	private static String id(JsonNode id) {
		return (id != null && id.isString() && !id.asString().isEmpty()) ? id.asString() : null;
	}

	private static boolean objectOrAbsent(JsonNode node) {
		return node == null || node.isNull() || node.isObject();
	}

	private static CloseStatus badRequest(String reason) {
		return new CloseStatus(BAD_REQUEST, reason(reason));
	}

	private static String reason(String reason) {
		if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
			return reason;
		}
		StringBuilder shortened = new StringBuilder();
		int bytes = 3;
		for (int i = 0; i < reason.length();) {
			int codePoint = reason.codePointAt(i);
			int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (bytes + length > MAX_REASON_BYTES) {
				break;
			}
			shortened.appendCodePoint(codePoint);
			bytes += length;
			i += Character.charCount(codePoint);
		}
		return shortened.append('…').toString();
	}

	@Override
	public Mono<Void> send(Publisher<WebSocketMessage> messages) {
		return this.delegate.send(Flux.from(messages).doOnNext(this::sending));
	}

	// Seen before the client can see it: the acknowledgement before a subscribe it
	// allows, an operation's end before the client reuses its id.
	private void sending(WebSocketMessage message) {
		if (message.getType() != WebSocketMessage.Type.TEXT) {
			return;
		}
		String[] typeAndId = typeAndId(message.getPayload());
		if (typeAndId == null) {
			return;
		}
		switch (typeAndId[0]) {
			case "connection_ack" -> this.acknowledged = true;
			case "complete", "error" -> {
				if (typeAndId[1] != null) {
					this.running.remove(typeAndId[1]);
				}
			}
			default -> {
			}
		}
	}

	private static String[] typeAndId(DataBuffer payload) {
		int readable = payload.readableByteCount();
		String[] found = (readable > OUTGOING_PREFIX)
				? typeAndId(payload.toString(payload.readPosition(), OUTGOING_PREFIX, StandardCharsets.UTF_8)) : null;
		return (found != null) ? found
				: typeAndId(payload.toString(payload.readPosition(), readable, StandardCharsets.UTF_8));
	}

	/**
	 * The top-level {@code type} and {@code id} of a JSON message, or null when the text
	 * ends (a prefix) before naming the type.
	 */
	private static String[] typeAndId(String text) {
		String type = null;
		String id = null;
		try (JsonParser parser = JSON.createParser(text)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if (name.equals("type") && value == JsonToken.VALUE_STRING) {
					type = parser.getString();
				}
				else if (name.equals("id") && value == JsonToken.VALUE_STRING) {
					id = parser.getString();
				}
				else {
					parser.skipChildren();
				}
				if (type != null && id != null) {
					break;
				}
			}
		}
		catch (JacksonException ex) {
			// A prefix cut inside the payload: known only if type came first.
		}
		return (type != null) ? new String[] { type, id } : null;
	}

	@Override
	public Mono<Void> close(CloseStatus status) {
		// Spring's only 4401 left is its refusal of connection_init (see above).
		return closeWith((status.getCode() == UNAUTHORIZED) ? new CloseStatus(FORBIDDEN, "Forbidden") : status);
	}

	private Mono<Void> closeWith(CloseStatus status) {
		this.closing.set(true);
		return this.delegate.close(status);
	}

	@Override
	public String getId() {
		return this.delegate.getId();
	}

	@Override
	public HandshakeInfo getHandshakeInfo() {
		return this.delegate.getHandshakeInfo();
	}

	@Override
	public DataBufferFactory bufferFactory() {
		return this.delegate.bufferFactory();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.delegate.getAttributes();
	}

	@Override
	public boolean isOpen() {
		return this.delegate.isOpen();
	}

	@Override
	public Mono<CloseStatus> closeStatus() {
		return this.delegate.closeStatus();
	}

	@Override
	public WebSocketMessage textMessage(String payload) {
		return this.delegate.textMessage(payload);
	}

	@Override
	public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
		return this.delegate.binaryMessage(payloadFactory);
	}

	@Override
	public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
		return this.delegate.pingMessage(payloadFactory);
	}

	@Override
	public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
		return this.delegate.pongMessage(payloadFactory);
	}

}
