package dev.adsgraph.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graphql-transport-ws socket with nothing of a GraphQL client in between (the JDK's
 * WebSocket client): it sends any frame, well formed or not, and reports the messages and
 * the close code and reason it gets back.
 */
public final class RawGraphQlWebSocket implements WebSocket.Listener, AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private final CompletableFuture<Closed> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket socket;

	/** How the server closed the socket. */
	public record Closed(int code, String reason) {
	}

	private RawGraphQlWebSocket(URI uri, Map<String, String> headers) {
		WebSocket.Builder builder = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("graphql-transport-ws")
			.connectTimeout(WAIT);
		headers.forEach(builder::header);
		this.socket = builder.buildAsync(uri, this).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
	}

	public static RawGraphQlWebSocket open(URI uri, Map<String, String> headers) {
		return new RawGraphQlWebSocket(uri, headers);
	}

	public RawGraphQlWebSocket send(String text) {
		this.socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
		return this;
	}

	public RawGraphQlWebSocket sendBinary(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
		return this;
	}

	/** Sends {@code connection_init} with this payload and waits for the ack. */
	public RawGraphQlWebSocket initialise(String payload) {
		send("{\"type\":\"connection_init\",\"payload\":" + payload + "}");
		assertThat(next()).startsWith("{").contains("\"connection_ack\"");
		return this;
	}

	/** The next message the server sent; fails after 30 s without one. */
	public String next() {
		try {
			String message = this.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(message).as("a message within %s (closed: %s)", WAIT, this.closed.getNow(null)).isNotNull();
			return message;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** How the server closed the socket; fails after 30 s while it is still open. */
	public Closed closed() {
		return this.closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.received.add(this.partial.toString());
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(new Closed(statusCode, reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		// No close frame at all: what a client sees as 1006.
		this.closed.complete(new Closed(1006, String.valueOf(error)));
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
		}
		this.socket.abort();
	}

}
