package dev.adsgraph.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Stands in for the storage host of presigned report links: serves binary files (gzip) by
 * path and records what each request carried, which {@link ScriptedHttpServer}'s text
 * replies cannot. A path without a file answers 403, as S3 does for an expired link.
 */
public final class ReportFileServer implements AutoCloseable {

	private final Map<String, byte[]> files = new ConcurrentHashMap<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	public ReportFileServer() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			this.requests.add(new Request(request.uri(), request.requestHeaders().copy()));
			String path = request.uri().contains("?") ? request.uri().substring(0, request.uri().indexOf('?'))
					: request.uri();
			byte[] file = this.files.get(path);
			if (file == null) {
				byte[] denied = "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
					.getBytes(StandardCharsets.UTF_8);
				return response.status(HttpResponseStatus.FORBIDDEN)
					.header(HttpHeaderNames.CONTENT_TYPE, "application/xml")
					.sendByteArray(Mono.just(denied))
					.then();
			}
			return response.status(HttpResponseStatus.OK)
				.header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
				.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(file.length))
				.sendByteArray(Mono.just(file))
				.then();
		}).bindNow();
	}

	/** Serves {@code content} at {@code path}; answers the absolute URL of the file. */
	public String put(String path, byte[] content) {
		this.files.put(path, content);
		return url() + path;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	public static byte[] gzip(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

	public record Request(String uri, HttpHeaders headers) {
	}

}
