package dev.adsgraph.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port where nothing listens and nothing else can start listening while this
 * is open: a socket bound to it (without {@code SO_REUSEADDR}) but never listening, so a
 * connection to it is refused. A port found free and closed again could be taken by
 * another process (another build on the machine) before the test connects, which would
 * then meet a server instead of a refusal.
 */
public final class ClosedPort implements AutoCloseable {

	private final Socket socket = new Socket();

	public ClosedPort() {
		try {
			this.socket.setReuseAddress(false);
			this.socket.bind(new InetSocketAddress("127.0.0.1", 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	/** {@code http://127.0.0.1:port}. */
	public String url() {
		return "http://127.0.0.1:" + port();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
