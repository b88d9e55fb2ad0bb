package dev.adsgraph.e2e;

import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.annotation.DirtiesContext;

import dev.adsgraph.testing.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's alerts panel asks again by itself while Featured Offers are being read:
 * a gateway of its own (no Featured Offer read yet, so the first check cannot say whether
 * an advertised ASIN lost it), in a real headless Chromium, and no click.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class DashboardPricingBrowserTest extends SandboxGatewayTest {

	/** A note of the alerts panel saying the Featured Offers were not all read. */
	static final Predicate<String> PRICING = (note) -> note.startsWith("Not checked (pricing)");

	@RegisterExtension
	final HeadlessChromium browser = HeadlessChromium.perTest(DashboardBrowserTest.ARTIFACTS).window(1400, 1300);

	private DashboardScreen screen;

	@BeforeEach
	void prepare() {
		this.screen = new DashboardScreen(this.browser);
	}

	@Test
	void asksForTheAlertsAgainUntilEveryFeaturedOfferWasRead() {
		this.browser.open("http://127.0.0.1:" + this.port + "/dashboard");
		this.browser.waitFor("the first alerts answer", () -> this.screen.alertAnswers() > 0);
		assertThat(this.screen.alertNotes()).as("the first check's notes").anyMatch(PRICING);
		assertThat(this.screen.alertsChecked()).contains("Asking again in 30 s");
		int first = this.screen.alertAnswers();

		// Product Pricing reads 20 ASINs every 30 seconds: the panel asks every 30
		// seconds
		// until the answer no longer lists pricing.
		this.browser.waitFor("an answer the panel asked for by itself", () -> this.screen.alertAnswers() > first);
		this.browser.waitFor("an answer with every Featured Offer read",
				() -> this.screen.alertNotes().stream().noneMatch(PRICING));
		assertThat(this.screen.alertsChecked()).doesNotContain("Asking again");
		assertThat(this.screen.alertErrors()).isEmpty();
	}

}
