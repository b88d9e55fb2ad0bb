package dev.adsgraph.sandbox.core;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The Amazon hosts the sandbox stands in for and where each is reached: at the root of a
 * port of its own, as Amazon serves each at the root of its own host name, and under a
 * path prefix on the first port ({@link Host#LWA}'s), the form older set-ups use. Every
 * URL the sandbox hands out (report documents, terms pages, {@code GET /sandbox}) is made
 * here, so a link always points at the form the caller used.
 */
public final class Hosts {

	/**
	 * The exchange attribute holding a request's URI as the client sent it, before a
	 * host's own port was routed under its path prefix (a signed URL is checked on it).
	 */
	public static final String ORIGINAL_URI = Hosts.class.getName() + ".originalUri";

	/**
	 * In port order: {@code --port=9090} puts LWA on 9090 and the document host on 9097.
	 */
	public enum Host {

		/**
		 * Login with Amazon ({@code /auth/o2/token} at the root, as on
		 * {@code api.amazon.com}); the same port serves the sandbox's own pages, its
		 * control endpoints and every other host under its path prefix.
		 */
		LWA(""),

		ADS_NA("/ads/na"), ADS_EU("/ads/eu"), ADS_FE("/ads/fe"),

		SP_NA("/sp/na"), SP_EU("/sp/eu"), SP_FE("/sp/fe"),

		/** Report files behind short-lived links, as on S3. */
		DOCUMENTS("/documents");

		private final String prefix;

		Host(String prefix) {
			this.prefix = prefix;
		}

		/** Where the first port serves this host; empty for LWA. */
		public String prefix() {
			return this.prefix;
		}

	}

	private final Map<Host, Integer> ports = new ConcurrentHashMap<>();

	private final Map<Integer, Host> byPort = new ConcurrentHashMap<>();

	/** Records where a host was bound; the server calls it once per host at start. */
	public void bound(Host host, int port) {
		this.ports.put(host, port);
		this.byPort.put(port, host);
	}

	public int port(Host host) {
		Integer port = this.ports.get(host);
		if (port == null) {
			throw new IllegalStateException(host + " is not bound");
		}
		return port;
	}

	/**
	 * The host a request reached at the root of its own port; null on the first port,
	 * where paths keep their prefix.
	 */
	public Host rootHost(ServerHttpRequest request) {
		InetSocketAddress local = request.getLocalAddress();
		Host host = (local != null) ? this.byPort.get(local.getPort()) : null;
		return (host == Host.LWA) ? null : host;
	}

	/**
	 * The base URL of {@code host} (no trailing slash) as the caller of {@code request}
	 * reaches it: a caller of the first port gets the path-prefix form on the host name
	 * and port it used (so links survive a port mapping), a caller of a host's own port
	 * gets that host's own port on the host name it used.
	 */
	public String url(Host host, ServerRequest request) {
		boolean prefixForm = rootHost(request.exchange().getRequest()) == null;
		return prefixForm ? prefixUrl(host, request) : rootUrl(host, request);
	}

	/** The host at the root of its own port, on the host name the caller used. */
	public String rootUrl(Host host, ServerRequest request) {
		URI uri = request.uri();
		String name = uri.getHost();
		return uri.getScheme() + "://" + ((name != null) ? name : "127.0.0.1") + ":" + port(host);
	}

	/** The host under its path prefix on the first port, as the caller reached it. */
	public String prefixUrl(Host host, ServerRequest request) {
		URI uri = request.uri();
		boolean firstPort = rootHost(request.exchange().getRequest()) == null;
		String authority = firstPort ? uri.getRawAuthority()
				: ((uri.getHost() != null) ? uri.getHost() : "127.0.0.1") + ":" + port(Host.LWA);
		return uri.getScheme() + "://" + authority + host.prefix();
	}

}
