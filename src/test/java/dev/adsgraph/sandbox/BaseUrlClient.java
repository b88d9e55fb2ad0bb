package dev.adsgraph.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A third-party client configured with nothing but a base URL, written over a raw socket
 * so nothing corrects what it sends: like a popular SP-API library, it derives the
 * {@code Host} header from the endpoint by dropping the scheme, so an endpoint with a
 * path prefix gives {@code Host: 127.0.0.1:9090/sp/na}, while an endpoint at the root of
 * its own host gives a valid one.
 */
final class BaseUrlClient {

	private final String baseUrl;

	BaseUrlClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** The Host header this client sends: the base URL without its scheme. */
	String hostHeader() {
		return this.baseUrl.substring(this.baseUrl.indexOf("://") + 3);
	}

	Answer send(String method, String path, Map<String, String> headers, String contentType, String body) {
		URI uri = URI.create(this.baseUrl + path);
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		StringBuilder head = new StringBuilder();
		head.append(method).append(' ').append(uri.getRawPath());
		if (uri.getRawQuery() != null) {
			head.append('?').append(uri.getRawQuery());
		}
		head.append(" HTTP/1.1\r\n").append("Host: ").append(hostHeader()).append("\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		if (body != null) {
			head.append("Content-Type: ").append(contentType).append("\r\n");
		}
		head.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(content);
			out.flush();
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Answer get(String path, Map<String, String> headers) {
		return send("GET", path, headers, null, null);
	}

	private static Answer read(InputStream in) throws IOException {
		byte[] all = in.readAllBytes();
		int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		if (end < 0) {
			throw new IllegalStateException("No HTTP answer: " + new String(all, StandardCharsets.ISO_8859_1));
		}
		String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
					lines[i].substring(colon + 1).trim());
		}
		byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = unchunk(body);
		}
		return new Answer(status, headers, body);
	}

	private static byte[] unchunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		while (true) {
			int lineEnd = indexOf(java.util.Arrays.copyOfRange(chunked, at, chunked.length),
					"\r\n".getBytes(StandardCharsets.US_ASCII));
			int size = Integer.parseInt(new String(chunked, at, lineEnd, StandardCharsets.US_ASCII).trim(), 16);
			at += lineEnd + 2;
			if (size == 0) {
				return out.toByteArray();
			}
			out.write(chunked, at, size);
			at += size + 2;
		}
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		outer: for (int i = 0; i + part.length <= bytes.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (bytes[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	record Answer(int status, Map<String, String> headers, byte[] body) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		JsonNode json() {
			return SandboxTestClient.JSON.readTree(this.body);
		}

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
