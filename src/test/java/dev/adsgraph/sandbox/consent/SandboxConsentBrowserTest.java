package dev.adsgraph.sandbox.consent;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.testing.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent pages in a real headless Chromium, clicked through their documented element
 * ids ({@code #user-<id>}, {@code #allow}, {@code #deny}, {@code #seller-<id>},
 * {@code #confirm}, {@code #cancel}), back to a return URL on a local server; the code
 * the browser brings back is then exchanged over HTTP.
 */
class SandboxConsentBrowserTest {

	private static final Path ARTIFACTS = Path.of("target", "consent-browser");

	private static final byte[] LANDED = "<!doctype html><title>Back at the app</title><p id=\"landed\">Back</p>"
		.getBytes(StandardCharsets.UTF_8);

	private SandboxTestClient sandbox;

	private HttpServer app;

	@RegisterExtension
	final HeadlessChromium browser = HeadlessChromium.perTest(ARTIFACTS);

	private String callback;

	@BeforeEach
	void start() throws IOException {
		this.sandbox = SandboxTestClient.start();
		this.app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.app.createContext("/", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
			exchange.sendResponseHeaders(200, LANDED.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(LANDED);
			}
		});
		this.app.start();
		this.callback = "http://127.0.0.1:" + this.app.getAddress().getPort() + "/connections/callback";
	}

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.stop(0);
		}
		if (this.sandbox != null) {
			this.sandbox.close();
		}
	}

	@Test
	void aUserSignsInAllowsAndTheCodeWorks() {
		Map<String, String> request = ConsentSteps.adsRequest(SandboxServer.demoCredentials(),
				"advertising::campaign_management profile", "browser-state");
		request.put("redirect_uri", this.callback);
		this.browser.open(this.sandbox.server().lwaAuthorizationUrl() + "?" + ConsentSteps.query(request));

		this.browser.driver().findElement(By.id("user-global")).click();
		this.browser.driver().findElement(By.id("allow")).click();

		Map<String, String> back = landed();
		assertThat(back).containsEntry("state", "browser-state").containsKey("code");
		ConsentSteps steps = new ConsentSteps(this.sandbox);
		String accessToken = ConsentSteps
			.accessToken(steps.exchange(SandboxServer.demoCredentials(), back.get("code"), this.callback));
		assertThat(this.sandbox.raw("GET", "/user/profile")
			.header("Authorization", "Bearer " + accessToken)
			.send()
			.json()
			.get("name")
			.stringValue()).isEqualTo("Greta Global");
	}

	@Test
	void aUserCancels() {
		Map<String, String> request = ConsentSteps.adsRequest(SandboxServer.demoCredentials(),
				"advertising::campaign_management", "browser-deny");
		request.put("redirect_uri", this.callback);
		this.browser.open(this.sandbox.server().lwaAuthorizationUrl() + "?" + ConsentSteps.query(request));

		this.browser.driver().findElement(By.id("deny")).click();

		assertThat(landed()).containsEntry("error", "access_denied").containsEntry("state", "browser-deny");
	}

	@Test
	void aSellerConfirmsAndTheCodeWorks() {
		Map<String, String> request = ConsentSteps.spRequest("browser-sp");
		request.put("redirect_uri", this.callback);
		this.browser.open(this.sandbox.server().sellerCentralConsentUrl() + "?" + ConsentSteps.query(request));

		this.browser.driver().findElement(By.id("seller-A2RIVRSTN8MQ4K")).click();
		this.browser.driver().findElement(By.id("confirm")).click();

		Map<String, String> back = landed();
		assertThat(back).containsEntry("state", "browser-sp").containsEntry("selling_partner_id", "A2RIVRSTN8MQ4K");
		ConsentSteps steps = new ConsentSteps(this.sandbox);
		assertThat(
				steps.exchange(SandboxServer.demoSpCredentials(), back.get("spapi_oauth_code"), this.callback).status())
			.isEqualTo(200);
	}

	@Test
	void aSellerCancels() {
		Map<String, String> request = ConsentSteps.spRequest("browser-sp-cancel");
		request.put("redirect_uri", this.callback);
		this.browser.open(this.sandbox.server().sellerCentralConsentUrl() + "?" + ConsentSteps.query(request));

		this.browser.driver().findElement(By.id("cancel")).click();

		assertThat(landed()).containsEntry("error", "access_denied").containsEntry("state", "browser-sp-cancel");
	}

	/**
	 * Waits until the browser is back at the application; the return URL's parameters.
	 */
	private Map<String, String> landed() {
		this.browser.waitFor("the return URL", () -> this.browser.driver().getCurrentUrl().startsWith(this.callback)
				&& !this.browser.driver().findElements(By.id("landed")).isEmpty());
		this.browser.assertNoConsoleErrors();
		return ConsentSteps.parameters(URI.create(this.browser.driver().getCurrentUrl()).getRawQuery());
	}

}
