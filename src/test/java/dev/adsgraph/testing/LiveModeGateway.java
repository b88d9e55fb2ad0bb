package dev.adsgraph.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.adsgraph.AdsgraphApplication;

/**
 * The gateway in live mode on a free port, with one made-up tenant whose key header is
 * {@code X-Acme-Key} (the sandbox is off), for tests of what a page shows when it talks
 * to Amazon. Settings are command-line arguments, which win over application.yml as they
 * would for a person.
 */
public final class LiveModeGateway implements AutoCloseable {

	/** The tenant's API key: a page must never show it. */
	public static final String TENANT_KEY = "acme-key-0123456789";

	private static final List<String> LIVE = List.of("--server.port=0", "--adsgraph.api-key-header=X-Acme-Key",
			"--adsgraph.tenants[0].id=acme", "--adsgraph.tenants[0].api-key=" + TENANT_KEY,
			"--adsgraph.tenants[0].ads.client-id=amzn1.x", "--adsgraph.tenants[0].ads.client-secret=s",
			"--adsgraph.tenants[0].ads.refresh-token=Atzr|r", "--adsgraph.tenants[0].ads.regions=NA");

	private final ConfigurableApplicationContext context;

	private LiveModeGateway(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts it with these arguments added to the live-mode tenant's. */
	public static LiveModeGateway start(String... more) {
		List<String> arguments = new ArrayList<>(LIVE);
		arguments.addAll(List.of(more));
		return new LiveModeGateway(
				new SpringApplicationBuilder(AdsgraphApplication.class).initializers(OwnEventLoops::register)
					.run(arguments.toArray(String[]::new)));
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		String port = this.context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public void close() {
		this.context.close();
	}

}
