package dev.adsgraph.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.adsgraph.testing.ExternalTools;
import dev.adsgraph.testing.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page on another, allowed origin (a second local server, named in
 * {@code adsgraph.cors.allowed-origins}) calls the gateway from a real headless Chromium
 * the way a dashboard with common instrumentation does: Apollo Client's client awareness,
 * OpenTelemetry's trace context and Sentry's trace headers on a cross-origin POST, which
 * the browser sends only after a preflight grants each header. A header the gateway does
 * not take still makes the browser refuse the request. Then Apollo Client 4 itself on the
 * page (bundled from {@code tools/} by {@code tools/client/browser-bundle.mjs}; skipped
 * when it is not installed, see {@link ExternalTools}): its {@code clientAwareness} and a
 * {@code traceparent} header, with the {@code Accept} and {@code Content-Type} it sends.
 */
class CorsBrowserTest extends SandboxGatewayTest {

	static final Path ARTIFACTS = Path.of("target", "cors-browser");

	private static final byte[] PAGE = "<!doctype html><title>A dashboard elsewhere</title><p>Elsewhere</p>"
		.getBytes(StandardCharsets.UTF_8);

	private static final String FETCH = """
			const [url, key, extra, done] = arguments;
			fetch(url, { method: 'POST', headers: Object.assign({ 'Content-Type': 'application/json',
			    'X-Api-Key': key,
			    'apollographql-client-name': 'web-dashboard', 'apollographql-client-version': '1.4.2',
			    'traceparent': '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
			    'tracestate': 'vendor=opaque', 'baggage': 'userId=alice,release=1.4.2',
			    'sentry-trace': '4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1' }, extra),
			  body: JSON.stringify({ query: '{ __typename }' }) })
			  .then((r) => r.text().then((body) => done({ status: r.status, body: body,
			      correlationId: r.headers.get('X-Correlation-Id') })))
			  .catch((e) => done({ failed: String(e) }));
			""";

	private static final Path APOLLO_BUNDLE = ARTIFACTS.resolve("apollo-client.js");

	/** Loads the Apollo Client bundle into the page. */
	private static final String LOAD_APOLLO = """
			const done = arguments[arguments.length - 1];
			const script = document.createElement('script');
			script.src = '/apollo-client.js';
			script.onload = () => done(typeof window.adsgraphApollo);
			script.onerror = () => done('not loaded');
			document.head.appendChild(script);
			""";

	/**
	 * Apollo Client with client awareness and a traceparent header runs a query; its
	 * fetch records the headers Apollo sent.
	 */
	private static final String APOLLO_QUERY = """
			const [url, key, done] = arguments;
			const { ApolloClient, HttpLink, InMemoryCache, gql } = window.adsgraphApollo;
			const sent = [];
			const client = new ApolloClient({
			  cache: new InMemoryCache(),
			  clientAwareness: { name: 'web-dashboard', version: '1.4.2' },
			  link: new HttpLink({ uri: url,
			    headers: { 'X-Api-Key': key, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
			    fetch: (input, init) => { sent.push(Object.assign({}, init.headers)); return fetch(input, init); } }),
			});
			client.query({ query: gql`query Profiles { profiles { id countryCode } }` })
			  .then((result) => done({ profiles: result.data ? result.data.profiles.length : -1,
			      error: result.error ? String(result.error) : null, sent: sent }))
			  .catch((e) => done({ failed: String(e), sent: sent }));
			""";

	private static HttpServer page;

	@RegisterExtension
	final HeadlessChromium browser = HeadlessChromium.perTest(ARTIFACTS);

	@DynamicPropertySource
	static void allowThePagesOrigin(DynamicPropertyRegistry registry) throws IOException {
		page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		page.createContext("/", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, PAGE.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(PAGE);
			}
		});
		page.createContext("/apollo-client.js", (exchange) -> {
			byte[] script = Files.readAllBytes(APOLLO_BUNDLE);
			exchange.getResponseHeaders().set("Content-Type", "text/javascript; charset=utf-8");
			exchange.sendResponseHeaders(200, script.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(script);
			}
		});
		page.start();
		registry.add("adsgraph.cors.allowed-origins", CorsBrowserTest::pageOrigin);
	}

	private static String pageOrigin() {
		return "http://127.0.0.1:" + page.getAddress().getPort();
	}

	@AfterAll
	static void stopThePage() {
		page.stop(0);
	}

	@BeforeEach
	void openThePage() {
		this.browser.open(pageOrigin() + "/");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> fetchFromThePage(Map<String, String> extraHeaders) {
		return (Map<String, Object>) this.browser.driver()
			.executeAsyncScript(FETCH, "http://127.0.0.1:" + this.port + "/graphql", GatewayClient.DEMO_KEY,
					extraHeaders);
	}

	@Test
	void aPageWithClientAwarenessAndTraceHeadersGetsItsAnswer() {
		Map<String, Object> answer = fetchFromThePage(Map.of());
		assertThat(answer).doesNotContainKey("failed");
		assertThat(answer).containsEntry("status", 200L).containsEntry("body", "{\"data\":{\"__typename\":\"Query\"}}");
		assertThat((String) answer.get("correlationId")).as("an exposed header the page can read").isNotBlank();
	}

	@Test
	@SuppressWarnings("unchecked")
	void apolloClientOnThePageWithClientAwarenessAndATraceparentGetsItsAnswers() {
		bundleApolloClient();
		assertThat(this.browser.driver().executeAsyncScript(LOAD_APOLLO)).isEqualTo("object");
		Map<String, Object> answer = (Map<String, Object>) this.browser.driver()
			.executeAsyncScript(APOLLO_QUERY, "http://127.0.0.1:" + this.port + "/graphql", GatewayClient.DEMO_KEY);
		assertThat(answer).doesNotContainKey("failed").containsEntry("error", null);
		assertThat((Long) answer.get("profiles")).as("profiles answered").isPositive();
		List<Map<String, Object>> sent = (List<Map<String, Object>>) answer.get("sent");
		assertThat(sent).as("one request").hasSize(1);
		assertThat(sent.get(0)).as("the headers Apollo Client sent")
			.containsEntry("apollographql-client-name", "web-dashboard")
			.containsEntry("apollographql-client-version", "1.4.2")
			.containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
			.containsKeys("accept", "content-type");
	}

	/**
	 * Apollo Client 4 bundled for the page from tools/node_modules, or the test skipped.
	 */
	private static void bundleApolloClient() {
		if (!Files.isRegularFile(Path.of("tools", "node_modules", "esbuild", "package.json"))
				|| !Files.isRegularFile(Path.of("tools", "node_modules", "@apollo", "client", "package.json"))) {
			ExternalTools
				.missing("Apollo Client and esbuild not found in tools/node_modules; run npm ci --prefix tools "
						+ "(.ci/run does)");
		}
		Path node = ExternalTools.onPath("node", "install Node.js");
		ExternalTools.Finished bundle = ExternalTools.run(
				List.of(node.toString(), "tools/client/browser-bundle.mjs", APOLLO_BUNDLE.toString()),
				ARTIFACTS.resolve("apollo-bundle.log"), Duration.ofMinutes(2));
		assertThat(bundle.exitCode()).as("esbuild: %s", bundle.tail(20)).isZero();
	}

	@Test
	void aHeaderTheGatewayDoesNotTakeIsStillBlockedByTheBrowser() {
		Map<String, Object> answer = fetchFromThePage(Map.of("x-not-allowed", "1"));
		assertThat(answer).containsEntry("failed", "TypeError: Failed to fetch");
	}

}
