package dev.adsgraph.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.AdsgraphApplication;
import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gateway replicas for the scale-out tests: each an application context of its own (own
 * port, own embedded database, own memory) in live mode against one sandbox, with the
 * sandbox's demo Ads and SP-API credentials as tenant {@code demo} (API key
 * {@link #API_KEY}) and the agency's Ads credentials as tenant {@code limited} (two
 * requests at once, then one every 100 s; key {@link #LIMITED_KEY}). Give every replica
 * of a test the same Redis url and key prefix to make them one cluster.
 * <p>
 * {@link #kill(int)} closes a replica's context, as far as the others can tell the same
 * as a replica that died: it stops answering and renews nothing in Redis.
 */
public final class GatewayReplicas implements AutoCloseable {

	public static final String API_KEY = "replica-test-key-0123456789";

	public static final String LIMITED_KEY = "limited-test-key-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SandboxServer sandbox;

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private GatewayReplicas(SandboxServer sandbox) {
		this.sandbox = sandbox;
	}

	/**
	 * Starts {@code count} replicas one after the other, each with the common arguments
	 * and {@code more} (a later argument wins, so {@code more} may override).
	 */
	public static GatewayReplicas start(SandboxServer sandbox, int count, List<String> more) {
		GatewayReplicas replicas = new GatewayReplicas(sandbox);
		try {
			for (int i = 0; i < count; i++) {
				replicas.add(more);
			}
		}
		catch (RuntimeException ex) {
			replicas.close();
			throw ex;
		}
		return replicas;
	}

	/** Arguments that put a replica in Redis mode on {@code redisUrl} under a prefix. */
	public static List<String> redis(String redisUrl, String keyPrefix) {
		return List.of("--spring.data.redis.url=" + redisUrl, "--adsgraph.redis.key-prefix=" + keyPrefix);
	}

	/** Starts one more replica; its index is the number of replicas before it. */
	public ConfigurableApplicationContext add(List<String> more) {
		List<String> arguments = new ArrayList<>(common());
		arguments.addAll(more);
		ConfigurableApplicationContext replica = new SpringApplicationBuilder(AdsgraphApplication.class)
			.initializers(OwnEventLoops::register)
			.run(arguments.toArray(String[]::new));
		this.replicas.add(replica);
		return replica;
	}

	private List<String> common() {
		SandboxCredentials ads = SandboxServer.demoCredentials();
		SandboxCredentials sp = SandboxServer.demoSpCredentials();
		SandboxCredentials agency = SandboxServer.agencyCredentials();
		return List.of("--server.port=0", "--adsgraph.mode=live",
				"--adsgraph.upstream.lwa.token-url=" + this.sandbox.lwaTokenUrl(),
				"--adsgraph.upstream.ads.hosts.NA=" + this.sandbox.adsHost("NA"),
				"--adsgraph.upstream.sp.hosts.NA=" + this.sandbox.spHost("NA"), "--adsgraph.tenants[0].id=demo",
				"--adsgraph.tenants[0].api-key-sha256=" + sha256(API_KEY),
				"--adsgraph.tenants[0].ads.client-id=" + ads.clientId(),
				"--adsgraph.tenants[0].ads.client-secret=" + ads.clientSecret(),
				"--adsgraph.tenants[0].ads.refresh-token=" + ads.refreshToken(), "--adsgraph.tenants[0].ads.regions=NA",
				"--adsgraph.tenants[0].sp.client-id=" + sp.clientId(),
				"--adsgraph.tenants[0].sp.client-secret=" + sp.clientSecret(),
				"--adsgraph.tenants[0].sp.refresh-token=" + sp.refreshToken(),
				"--adsgraph.tenants[0].sp.selling-partner-id=" + SandboxServer.DEMO_SELLING_PARTNER_ID,
				"--adsgraph.tenants[0].sp.regions=NA", "--adsgraph.tenants[1].id=limited",
				"--adsgraph.tenants[1].api-key-sha256=" + sha256(LIMITED_KEY),
				"--adsgraph.tenants[1].ads.client-id=" + agency.clientId(),
				"--adsgraph.tenants[1].ads.client-secret=" + agency.clientSecret(),
				"--adsgraph.tenants[1].ads.refresh-token=" + agency.refreshToken(),
				"--adsgraph.tenants[1].ads.regions=NA", "--adsgraph.tenants[1].requests-per-second=0.01",
				"--adsgraph.tenants[1].request-burst=2");
	}

	public ConfigurableApplicationContext get(int index) {
		return this.replicas.get(index);
	}

	public int size() {
		return this.replicas.size();
	}

	public List<ConfigurableApplicationContext> all() {
		return List.copyOf(this.replicas);
	}

	/** One bean of the replica, e.g. its store or client. */
	public <T> T bean(int index, Class<T> type) {
		return get(index).getBean(type);
	}

	/** The replica's base URL, {@code http://127.0.0.1:port}. */
	public String baseUrl(int index) {
		return "http://127.0.0.1:" + get(index).getEnvironment().getProperty("local.server.port");
	}

	/** Closes the replica: it stops answering and renews nothing (see the class). */
	public void kill(int index) {
		get(index).close();
	}

	/** A query as tenant {@code demo}; the answer must have status 200. */
	public JsonNode graphql(int index, String query) {
		HttpResponse<String> response = post(index, API_KEY, query);
		if (response.statusCode() != 200) {
			throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	/** A query with this API key, whatever the status. */
	public HttpResponse<String> post(int index, String apiKey, String query) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl(index) + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", apiKey)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))))
			.build();
		return send(request);
	}

	/** A GET on the replica, e.g. {@code /actuator/prometheus}. */
	public HttpResponse<String> get(int index, String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl(index) + path)).timeout(Duration.ofSeconds(30)).build());
	}

	/**
	 * How many requests of this operation the sandbox served ({@code /sandbox/stats}).
	 */
	public long sandboxCount(String operation) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.sandbox.baseUrl() + "/sandbox/stats"))
					.timeout(Duration.ofSeconds(10))
					.build());
		return JSON.readTree(response.body()).path(operation).asLong(0);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	public static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
	}

}
