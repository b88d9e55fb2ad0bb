package dev.adsgraph.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load generator's HTTP client: Reactor Netty, HTTP/1.1 with keep-alive, one pool
 * sized to the concurrency of the run, no retries, and checks of each answer that cost
 * little next to the request.
 */
final class Http implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LoopResources loops;

	private final ConnectionProvider connections;

	private final HttpClient client;

	Http(String name, int maxConnections) {
		this.loops = LoopResources.create("bench-" + name, Math.max(1, Runtime.getRuntime().availableProcessors()),
				true);
		this.connections = ConnectionProvider.builder("bench-" + name)
			.maxConnections(maxConnections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofMinutes(2))
			.build();
		this.client = HttpClient.create(this.connections).runOn(this.loops).responseTimeout(Duration.ofSeconds(60));
	}

	/** An answer: the HTTP status and the body. */
	record Answer(int status, byte[] body) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		String excerpt() {
			String text = text();
			return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
		}

	}

	/**
	 * Thrown (as the error of the operation's Mono) for an answer that is not what the
	 * run expects.
	 */
	static final class WrongAnswer extends RuntimeException {

		WrongAnswer(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * A client that sends these headers with every request (configured once, not per
	 * request).
	 */
	HttpClient withHeaders(Map<String, String> headers) {
		return this.client.headers((h) -> headers.forEach(h::set));
	}

	static Mono<Answer> exchange(HttpClient client, HttpMethod method, String url, byte[] body) {
		return client.request(method)
			.uri(url)
			.send((request, outbound) -> (body == null) ? outbound : outbound.sendByteArray(Mono.just(body)))
			.responseSingle((response, content) -> content.asByteArray()
				.defaultIfEmpty(new byte[0])
				.map((bytes) -> new Answer(response.status().code(), bytes)));
	}

	/** A 2xx answer, or a {@link WrongAnswer}. */
	static Mono<Boolean> expect2xx(HttpClient client, HttpMethod method, String url, byte[] body) {
		return exchange(client, method, url, body).map((answer) -> {
			if (answer.status() / 100 != 2) {
				throw new WrongAnswer(method + " " + url + " answered " + answer.status() + ": " + answer.excerpt());
			}
			return true;
		});
	}

	/**
	 * A GraphQL answer with HTTP 200, data and no {@code errors}, or a
	 * {@link WrongAnswer}.
	 */
	static Mono<Boolean> graphql(HttpClient client, String url, byte[] body) {
		return exchange(client, HttpMethod.POST, url, body).map((answer) -> {
			if (answer.status() != 200 || !hasDataAndNoErrors(answer.body())) {
				throw new WrongAnswer("GraphQL answered " + answer.status() + ": " + answer.excerpt());
			}
			return true;
		});
	}

	/**
	 * Reads only the top level of the document: skips each member's value without
	 * building it.
	 */
	static boolean hasDataAndNoErrors(byte[] body) {
		try (JsonParser parser = JSON.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return false;
			}
			boolean data = false;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("errors".equals(name)) {
					return false;
				}
				if ("data".equals(name) && value == JsonToken.START_OBJECT) {
					data = true;
				}
				parser.skipChildren();
			}
			return data;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	static byte[] graphqlBody(String query, Map<String, Object> variables) {
		return JSON.writeValueAsBytes((variables == null || variables.isEmpty()) ? Map.of("query", query)
				: Map.of("query", query, "variables", variables));
	}

	@Override
	public void close() {
		this.connections.disposeLater().block(Duration.ofSeconds(10));
		this.loops.disposeLater().block(Duration.ofSeconds(10));
	}

}
