package dev.adsgraph.e2e;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * FEATURED_OFFER_LOST end to end: raised for a product whose Featured Offer the sandbox's
 * rival holds, resolved once the seller wins it back. Its own application: a Featured
 * Offer is reused for one second only, so the next answer is the one after the change;
 * the test waits on the events. Product Pricing's plan (a batch every 30 seconds, burst
 * 1) would hold that next batch back for half a minute, so here the gateway's bucket for
 * it holds 10 batches (at Amazon's rate) and the sandbox answers SP-API calls without its
 * usage-plan buckets (still sending {@code x-amzn-RateLimit-Limit}): the second batch
 * goes at once. Pacing calls to a usage plan, the sandbox's plans and its 429s are tested
 * on their own ({@code SpRateLimiterTest}, {@code SpRateLimitingOverHttpTest},
 * {@code SpClientOverSandboxTest}, {@code RateLimitsTest}).
 */
@TestPropertySource(properties = { "adsgraph.alerts.check-interval=100ms", "adsgraph.alerts.pricing-ttl=1s",
		"adsgraph.sandbox.sp-rate-limits=false", "adsgraph.upstream.sp.rate-limits.getCompetitiveSummary.burst=10" })
class FeaturedOfferAlertsTest extends SandboxGatewayTest {

	private static final String CHANGED = """
			subscription($p: ID!) { alertsChanged(profileId: $p) { kind alert { id kind asin since resolvedAt
			  spendAtRisk { amount } evidence { featuredOfferWinner featuredOfferSellerId } } } }""";

	private final List<WebSocketGraphQlClient> sockets = new ArrayList<>();

	private final List<Disposable> subscriptions = new ArrayList<>();

	@AfterEach
	void disconnect() {
		this.subscriptions.forEach(Disposable::dispose);
		this.sockets.forEach((c) -> c.stop().block(Duration.ofSeconds(10)));
	}

	@Test
	void aLostFeaturedOfferIsRaisedAndResolvedWhenTheSellerWinsItBack() {
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> truth = (List<Map<String, Object>>) this.client
			.groundTruth(ProductsTest.SELLER, ProductsTest.US, end.minusDays(6).toString(), end.toString())
			.get("products");
		String lost = AlertsTest.fixture(truth, (p) -> AlertsTest.expectedKinds(p).contains("FEATURED_OFFER_LOST"));
		String holder = (String) truth.stream()
			.filter((p) -> lost.equals(p.get("asin")))
			.findFirst()
			.orElseThrow()
			.get("featuredOfferSellerId");

		BlockingQueue<Map<String, Object>> events = subscribe(profile());
		Map<String, Object> raised = AlertsTest.next(events, AlertsTest.raised("FEATURED_OFFER_LOST", lost));
		assertThat((Object) at(raised, "alert.evidence.featuredOfferWinner")).isEqualTo(false);
		assertThat((Object) at(raised, "alert.evidence.featuredOfferSellerId")).isEqualTo(holder);

		AlertsTest.storefront(this.sandboxUrl, lost, "win-featured-offer");
		Map<String, Object> resolved = AlertsTest.next(events, AlertsTest.resolved("FEATURED_OFFER_LOST", lost));
		assertThat((Object) at(resolved, "alert.id")).isEqualTo(at(raised, "alert.id"));
		assertThat((Object) at(resolved, "alert.resolvedAt")).isNotNull();
	}

	private String profile() {
		Map<String, Object> answer = this.client.graphql(
				"{ profiles(filter: {marketplaceIds: [\"ATVPDKIKX0DER\"], types: [SELLER]}) { id accountInfo { accountId } } }");
		assertNoErrors(answer);
		List<Map<String, Object>> profiles = at(answer, "data.profiles");
		return profiles.stream()
			.filter((p) -> ProductsTest.SELLER.equals(at(p, "accountInfo.accountId")))
			.map((p) -> (String) p.get("id"))
			.findFirst()
			.orElseThrow();
	}

	private BlockingQueue<Map<String, Object>> subscribe(String profileId) {
		WebSocketGraphQlClient socket = WebSocketGraphQlClient
			.builder("ws://127.0.0.1:" + this.port + "/graphql-ws", new ReactorNettyWebSocketClient())
			.header("X-Api-Key", GatewayClient.DEMO_KEY)
			.build();
		this.sockets.add(socket);
		BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
		this.subscriptions.add(socket.document(CHANGED)
			.variables(Map.of("p", profileId))
			.executeSubscription()
			.map(ClientGraphQlResponse::<Map<String, Object>>getData)
			.subscribe((data) -> events.add(at(data, "alertsChanged")),
					(ex) -> events.add(Map.of("kind", "ERROR", "error", ex.toString()))));
		return events;
	}

}
