package dev.adsgraph.upstream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A tiny HTTP server on a random loopback port for client tests: it records every request
 * and answers whatever the test scripted, so the clients run over real HTTP without a
 * mock library.
 */
public final class ScriptedHttpServer implements AutoCloseable {

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private volatile Function<RecordedRequest, Reply> script = (request) -> Reply.status(500);

	private final DisposableServer server;

	public ScriptedHttpServer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.aggregate()
				.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.flatMap((body) -> {
					RecordedRequest recorded = new RecordedRequest(request.method().name(), request.uri(),
							request.requestHeaders().copy(), body);
					this.requests.add(recorded);
					Reply reply = this.script.apply(recorded);
					Mono<Void> send = Mono.defer(() -> {
						response.status(HttpResponseStatus.valueOf(reply.status()));
						reply.headers().forEach(response::header);
						byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
						response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length));
						return (bytes.length == 0) ? response.send().then()
								: response.sendByteArray(Mono.just(bytes)).then();
					});
					return reply.delay().isZero() ? send : Mono.delay(reply.delay()).then(send);
				}))
			.bindNow();
	}

	/** Base URL, for example {@code http://127.0.0.1:41234}. */
	public String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	public void script(Function<RecordedRequest, Reply> script) {
		this.script = script;
	}

	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	public List<RecordedRequest> requestsTo(String pathPrefix) {
		return this.requests.stream().filter((request) -> request.path().startsWith(pathPrefix)).toList();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

	public record RecordedRequest(String method, String uri, HttpHeaders headers, String body) {

		public String path() {
			int query = this.uri.indexOf('?');
			return (query < 0) ? this.uri : this.uri.substring(0, query);
		}

		public String query() {
			int query = this.uri.indexOf('?');
			return (query < 0) ? "" : this.uri.substring(query + 1);
		}

		public String header(String name) {
			return this.headers.get(name);
		}

	}

	public record Reply(int status, Map<String, String> headers, String body, Duration delay) {

		public static Reply status(int status) {
			return new Reply(status, Map.of(), "", Duration.ZERO);
		}

		public static Reply json(int status, String body) {
			return of(status, "application/json", body);
		}

		public static Reply of(int status, String contentType, String body) {
			return new Reply(status, Map.of("Content-Type", contentType), body, Duration.ZERO);
		}

		public Reply header(String name, String value) {
			Map<String, String> headers = new LinkedHashMap<>(this.headers);
			headers.put(name, value);
			return new Reply(this.status, headers, this.body, this.delay);
		}

		public Reply delayedBy(Duration delay) {
			return new Reply(this.status, this.headers, this.body, delay);
		}

	}

}
