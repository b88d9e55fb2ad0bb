package dev.adsgraph.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: control
 * characters in headers, bytes that are not UTF-8, unnormalised paths, oversized header
 * blocks. Every request of {@link #send} says {@code Connection: close}, so the answer is
 * everything read until the server closes. {@link KeptAlive} is the other way: one
 * connection for many requests, each answer read by its framing, and no client logic that
 * could quietly open a second connection.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * A request with the given start line, extra header lines and body; adds Host,
	 * Content-Length and Connection.
	 */
	static byte[] request(String method, String target, Map<String, byte[]> headers, byte[] body) {
		return request(method, target, List.copyOf(headers.entrySet()), body);
	}

	/**
	 * As {@link #request(String, String, Map, byte[])}, with header lines in order,
	 * repeats allowed.
	 */
	static byte[] request(String method, String target, List<Map.Entry<String, byte[]>> headers, byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
		for (Map.Entry<String, byte[]> header : headers) {
			write(out, header.getKey() + ": ");
			out.writeBytes(header.getValue());
			write(out, "\r\n");
		}
		if (body != null) {
			write(out, "Content-Length: " + body.length + "\r\n");
		}
		write(out, "Connection: close\r\n\r\n");
		if (body != null) {
			out.writeBytes(body);
		}
		return out.toByteArray();
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	static Response send(int port, byte[] request) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before reading all of an oversized
				// request.
			}
			return parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new AssertionError("no HTTP answer: " + ex, ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n; (n = in.read(buffer)) != -1;) {
				bytes.write(buffer, 0, n);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("the server neither answered nor closed within 30 s; got: "
					+ bytes.toString(StandardCharsets.ISO_8859_1));
		}
		catch (IOException ex) {
			// A reset after the answer (the server closed with unread request bytes)
			// loses nothing we need.
			if (bytes.size() == 0) {
				throw ex;
			}
		}
		return bytes.toByteArray();
	}

	/**
	 * One kept-alive connection: requests go one after another, each sent as soon as the
	 * previous answer is read, as a load balancer or monitor sends them.
	 */
	static final class KeptAlive implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		private int exchanges;

		KeptAlive(int port, Duration answerTimeout) throws IOException {
			this.socket = new Socket("127.0.0.1", port);
			this.socket.setSoTimeout((int) answerTimeout.toMillis());
			this.socket.setTcpNoDelay(true);
			this.in = new BufferedInputStream(this.socket.getInputStream());
			this.out = this.socket.getOutputStream();
		}

		/**
		 * Sends one request (with Host and, if there is a body, Content-Length) and reads
		 * exactly its answer; fails if none comes within the answer timeout.
		 */
		Response exchange(String method, String target, Map<String, String> headers, String body) throws IOException {
			StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			if (body != null) {
				request.append("Content-Length: ").append(content.length).append("\r\n");
			}
			request.append("\r\n");
			this.out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			this.out.write(content);
			this.out.flush();
			this.exchanges++;
			try {
				return readOne();
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("no answer to " + method + " " + target + ", request " + this.exchanges
						+ " on this kept-alive connection, within " + this.socket.getSoTimeout() + " ms", ex);
			}
		}

		/** The local port: the same for every exchange, since there is one connection. */
		/** Writes bytes as they are (a request, or part of one) without reading. */
		void write(String bytes) throws IOException {
			this.out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
			this.out.flush();
		}

		/** Reads the next answer on this connection. */
		Response read() throws IOException {
			this.exchanges++;
			try {
				return readOne();
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("no answer, request " + this.exchanges
						+ " on this kept-alive connection, within " + this.socket.getSoTimeout() + " ms", ex);
			}
		}

		int localPort() {
			return this.socket.getLocalPort();
		}

		private Response readOne() throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			// The last four bytes read, to find the blank line that ends the head.
			int last = 0;
			while (last != 0x0D0A0D0A) {
				int b = readByte();
				head.write(b);
				last = (last << 8) | b;
			}
			Response headOnly = parse(head.toByteArray());
			String length = headOnly.header("content-length");
			byte[] body;
			if (length != null) {
				body = this.in.readNBytes(Integer.parseInt(length));
			}
			else if ("chunked".equalsIgnoreCase(headOnly.header("transfer-encoding"))) {
				body = readChunks();
			}
			else {
				throw new AssertionError("an answer on a kept-alive connection without its length: " + headOnly);
			}
			return new Response(headOnly.status(), headOnly.headers(), new String(body, StandardCharsets.UTF_8));
		}

		private byte[] readChunks() throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			while (true) {
				int size = Integer.parseInt(readLine().split(";")[0].trim(), 16);
				if (size == 0) {
					while (!readLine().isEmpty()) {
						// trailer fields
					}
					return body.toByteArray();
				}
				body.write(this.in.readNBytes(size));
				readLine();
			}
		}

		private String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			for (int b; (b = readByte()) != '\n';) {
				if (b != '\r') {
					line.write(b);
				}
			}
			return line.toString(StandardCharsets.ISO_8859_1);
		}

		private int readByte() throws IOException {
			int b = this.in.read();
			if (b < 0) {
				throw new AssertionError("the server closed the kept-alive connection");
			}
			return b;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	private static Response parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.UTF_8);
		int headEnd = text.indexOf("\r\n\r\n");
		if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
			throw new AssertionError("not an HTTP answer: " + text);
		}
		String[] lines = text.substring(0, headEnd).split("\r\n");
		int status = Integer.parseInt(lines[0].substring(9, 12));
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
					lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
		}
		String body = text.substring(headEnd + 4);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new Response(status, headers, body);
	}

	private static String dechunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (at < chunked.length()) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			// Sizes count bytes; the bodies here are ASCII JSON.
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
		return body.toString();
	}

	record Response(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
