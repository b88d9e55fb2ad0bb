package dev.adsgraph.e2e;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

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
 * Alerts end to end: every kind the sandbox's fixtures call for is raised, with the ads
 * and spend the sandbox's own ground truth gives, and the subscription tells RAISED and
 * RESOLVED as the conditions change. Its own application: the subscription checks every
 * 100 ms and the inventory and listings are not cached, so a change is seen at the next
 * check (no test waits on a clock). The tests that change the sandbox's storefront leave
 * it changed: the others read their expectations from the sandbox's ground truth, which
 * follows it.
 */
@TestPropertySource(properties = { "adsgraph.alerts.check-interval=100ms", "adsgraph.products.inventory-ttl=0s",
		"adsgraph.products.listing-ttl=0s" })
class AlertsTest extends SandboxGatewayTest {

	static final String ALERTS = """
			query($p: ID!) { alerts(profileId: $p) {
			  checkedAt spendAtRisk { amount currencyCode } freshness { status }
			  unavailable { source message }
			  nodes { id kind severity asin marketplaceId sku since resolvedAt message
			    spendAtRisk { amount currencyCode }
			    ads { campaignId campaignName adGroupId adId spendLast7Days { amount } }
			    evidence { fulfillableQuantity dailyUnits daysOfCover listingStatus listingIssues retailReadinessGaps } } } }""";

	static final String SETTINGS = "{ alertSettings { daysOfCoverThreshold minTitleLength requireMainImage updatedAt } }";

	static final String UPDATE = """
			mutation($i: AlertSettingsInput!) { updateAlertSettings(input: $i) {
			  settings { daysOfCoverThreshold minTitleLength requireMainImage updatedAt }
			  userErrors { code message field } } }""";

	static final String CHANGED = """
			subscription($p: ID!) { alertsChanged(profileId: $p) { kind alert { id kind asin since resolvedAt
			  spendAtRisk { amount } } } }""";

	private final List<WebSocketGraphQlClient> sockets = new ArrayList<>();

	private final List<Disposable> subscriptions = new ArrayList<>();

	@AfterEach
	void disconnect() {
		this.subscriptions.forEach(Disposable::dispose);
		this.sockets.forEach((c) -> c.stop().block(Duration.ofSeconds(10)));
		// Back to the defaults for the next test.
		Map<String, Object> defaults = new HashMap<>();
		defaults.put("daysOfCoverThreshold", null);
		defaults.put("minTitleLength", null);
		defaults.put("requireMainImage", null);
		assertNoErrors(this.client.graphql(UPDATE, Map.of("i", defaults)));
	}

	String usSellerProfile() {
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

	@SuppressWarnings("unchecked")
	private Map<String, Object> ready(String profileId) {
		return ready(profileId, Set.of("pricing"), Duration.ofSeconds(10));
	}

	/**
	 * Asks until the ads report is READY and every source but {@code ignored} was read.
	 * Product Pricing's plan allows a batch every 30 seconds, so a test that needs it
	 * waits longer.
	 */
	private Map<String, Object> ready(String profileId, Set<String> ignored, Duration limit) {
		Map<String, Object> answer = SubscriptionsTest.eventuallyWithin(limit,
				() -> this.client.graphql(ALERTS, Map.of("p", profileId)), settled(ignored));
		assertNoErrors(answer);
		return answer;
	}

	/**
	 * An {@code alerts} answer whose ads report is READY and whose sources were all read
	 * but {@code ignored} (its {@code freshness { status }} and {@code unavailable {
	 * source }} asked).
	 */
	@SuppressWarnings("unchecked")
	static Predicate<Map<String, Object>> settled(Set<String> ignored) {
		return (a) -> "READY".equals(at(a, "data.alerts.freshness.status"))
				&& ((List<Map<String, Object>>) at(a, "data.alerts.unavailable")).stream()
					.allMatch((u) -> ignored.contains(u.get("source")));
	}

	private static Map<String, Set<String>> byKind(Map<String, Object> answer) {
		Map<String, Set<String>> kinds = new LinkedHashMap<>();
		List<Map<String, Object>> nodes = at(answer, "data.alerts.nodes");
		nodes.forEach((n) -> kinds.computeIfAbsent((String) n.get("kind"), (k) -> new TreeSet<>())
			.add((String) n.get("asin")));
		return kinds;
	}

	/** The sandbox's own products over the alerts' window (the last 7 days). */
	@SuppressWarnings("unchecked")
	List<Map<String, Object>> truth() {
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		return (List<Map<String, Object>>) this.client
			.groundTruth(ProductsTest.SELLER, ProductsTest.US, end.minusDays(6).toString(), end.toString())
			.get("products");
	}

	/**
	 * The kinds the rules of docs/alerts.md give a product of the ground truth, with the
	 * default thresholds.
	 */
	static List<String> expectedKinds(Map<String, Object> p) {
		List<String> kinds = new ArrayList<>();
		boolean inCatalog = Boolean.TRUE.equals(p.get("inCatalog"));
		int stock = inCatalog ? ((Number) at(p, "inventory.fulfillable")).intValue()
				+ ((Number) at(p, "inventory.merchantQuantity")).intValue() : 0;
		long units = ((Number) at(p, "retail.unitsOrdered")).longValue();
		List<String> status = inCatalog ? at(p, "listingStatus") : List.of();
		List<String> issues = inCatalog ? at(p, "listingIssues") : List.of();
		if (stock == 0) {
			kinds.add("OUT_OF_STOCK");
		}
		else if (units > 0 && stock / (units / 7.0) < 14) {
			kinds.add("LOW_DAYS_OF_COVER");
		}
		if (!status.contains("BUYABLE") || !issues.isEmpty()) {
			kinds.add("LISTING_NOT_BUYABLE");
		}
		Object buyBox = at(p, "retail.buyBoxPercentage");
		Object holder = p.get("featuredOfferSellerId");
		if (status.contains("BUYABLE") && stock > 0 && buyBox instanceof Number share && share.doubleValue() < 80
				&& holder != null && !ProductsTest.SELLER.equals(holder)) {
			kinds.add("FEATURED_OFFER_LOST");
		}
		String title = (String) p.get("title");
		if (!inCatalog || p.get("imageUrl") == null || title == null || title.strip().length() < 30) {
			kinds.add("NOT_RETAIL_READY");
		}
		return kinds;
	}

	@Test
	void everyKindTheFixturesCallForIsRaisedWithTheAdsAndTheirSpend() {
		String profile = usSellerProfile();
		Map<String, Object> answer = ready(profile, Set.of(), Duration.ofSeconds(60));
		Map<String, Set<String>> expected = new LinkedHashMap<>();
		Map<String, BigDecimal> spend = new HashMap<>();
		Map<String, List<Object>> adOf = new HashMap<>();
		for (Map<String, Object> p : truth()) {
			if (p.get("ads") == null) {
				continue;
			}
			String asin = (String) p.get("asin");
			spend.put(asin, new BigDecimal((String) at(p, "ads.cost.amount")));
			adOf.put(asin, List.<Object>of(at(p, "ads.campaignId"), at(p, "ads.campaignName"), at(p, "ads.adGroupId"),
					at(p, "ads.adId")));
			for (String kind : expectedKinds(p)) {
				expected.computeIfAbsent(kind, (k) -> new TreeSet<>()).add(asin);
			}
		}
		// The fixtures put advertised products in each state.
		assertThat(expected).containsKeys("OUT_OF_STOCK", "LOW_DAYS_OF_COVER", "LISTING_NOT_BUYABLE",
				"FEATURED_OFFER_LOST", "NOT_RETAIL_READY");
		assertThat(byKind(answer)).isEqualTo(expected);

		List<Map<String, Object>> nodes = at(answer, "data.alerts.nodes");
		BigDecimal total = BigDecimal.ZERO;
		Set<String> counted = new TreeSet<>();
		for (Map<String, Object> node : nodes) {
			String asin = (String) node.get("asin");
			BigDecimal atRisk = new BigDecimal((String) at(node, "spendAtRisk.amount"));
			assertThat(atRisk).as("spend at risk of %s", asin).isEqualByComparingTo(spend.get(asin));
			List<Map<String, Object>> ads = at(node, "ads");
			assertThat(ads).isNotEmpty();
			// Each fixture ASIN has one ad: the alert names it, its ad group and its
			// campaign.
			assertThat(ads)
				.extracting(
						(a) -> List.of(a.get("campaignId"), a.get("campaignName"), a.get("adGroupId"), a.get("adId")))
				.as("ads of %s", asin)
				.containsExactly(adOf.get(asin));
			assertThat(ads.stream()
				.map((a) -> new BigDecimal((String) at(a, "spendLast7Days.amount")))
				.reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(atRisk);
			assertThat((String) node.get("severity")).isEqualTo(
					Set.of("OUT_OF_STOCK", "LISTING_NOT_BUYABLE", "FEATURED_OFFER_LOST").contains(node.get("kind"))
							? "CRITICAL" : "WARNING");
			assertThat((String) node.get("message")).contains(asin);
			if (counted.add(asin)) {
				total = total.add(atRisk);
			}
		}
		assertThat(new BigDecimal((String) at(answer, "data.alerts.spendAtRisk.amount"))).isEqualByComparingTo(total);
		assertThat(nodes).filteredOn((n) -> "OUT_OF_STOCK".equals(n.get("kind")))
			.allSatisfy((n) -> assertThat(((Number) at(n, "evidence.fulfillableQuantity")).intValue()).isZero());

		// Checked again: the same alerts, open since the same moment.
		Map<String, Object> again = this.client.graphql(ALERTS, Map.of("p", profile));
		List<Map<String, Object>> later = at(again, "data.alerts.nodes");
		assertThat(later).extracting((n) -> n.get("id") + " " + n.get("since"))
			.containsExactlyInAnyOrderElementsOf(
					nodes.stream().map((n) -> n.get("id") + " " + n.get("since")).toList());
	}

	@Test
	void aThresholdChangeRaisesAndResolvesAlertsForTheSubscriber() {
		String profile = usSellerProfile();
		Set<String> notReady = byKind(ready(profile)).getOrDefault("NOT_RETAIL_READY", Set.of());
		BlockingQueue<Map<String, Object>> events = subscribe(profile);
		// First every open alert as RAISED.
		Map<String, Object> first = next(events, (e) -> true);
		assertThat((String) first.get("kind")).isEqualTo("RAISED");

		Map<String, Object> longTitles = this.client.graphql(UPDATE, Map.of("i", Map.of("minTitleLength", 200)));
		assertThat((List<?>) at(longTitles, "data.updateAlertSettings.userErrors")).isEmpty();
		assertThat(((Number) at(longTitles, "data.updateAlertSettings.settings.minTitleLength")).intValue())
			.isEqualTo(200);
		Map<String, Object> raised = next(events, (e) -> "RAISED".equals(e.get("kind"))
				&& "NOT_RETAIL_READY".equals(at(e, "alert.kind")) && !notReady.contains(at(e, "alert.asin")));
		String asin = at(raised, "alert.asin");

		assertNoErrors(this.client.graphql(UPDATE, Map.of("i", Map.of("minTitleLength", 0))));
		Map<String, Object> resolved = next(events, (e) -> "RESOLVED".equals(e.get("kind"))
				&& "NOT_RETAIL_READY".equals(at(e, "alert.kind")) && asin.equals(at(e, "alert.asin")));
		assertThat((Object) at(resolved, "alert.resolvedAt")).isNotNull();
		assertThat((Object) at(resolved, "alert.id")).isEqualTo(at(raised, "alert.id"));
	}

	@Test
	void restockingFixingAndStockingOutInTheSandboxAreToldAsResolvedAndRaised() {
		String profile = usSellerProfile();
		ready(profile);
		List<Map<String, Object>> truth = truth();
		String outOfStock = fixture(truth, (p) -> expectedKinds(p).contains("OUT_OF_STOCK"));
		String lowCover = fixture(truth, (p) -> expectedKinds(p).contains("LOW_DAYS_OF_COVER"));
		// Suppressed by an issue while in stock (a listing without units is not BUYABLE
		// either).
		String suppressed = fixture(truth, (p) -> expectedKinds(p).contains("LISTING_NOT_BUYABLE")
				&& !expectedKinds(p).contains("OUT_OF_STOCK") && !((List<?>) p.get("listingIssues")).isEmpty());
		String healthy = fixture(truth, (p) -> expectedKinds(p).isEmpty());
		BlockingQueue<Map<String, Object>> events = subscribe(profile);
		next(events, raised("OUT_OF_STOCK", outOfStock));

		storefront(outOfStock, "restock");
		Map<String, Object> restocked = next(events, resolved("OUT_OF_STOCK", outOfStock));
		assertThat((Object) at(restocked, "alert.resolvedAt")).isNotNull();
		storefront(lowCover, "restock");
		next(events, resolved("LOW_DAYS_OF_COVER", lowCover));
		storefront(suppressed, "fix-listing");
		next(events, resolved("LISTING_NOT_BUYABLE", suppressed));
		storefront(healthy, "stock-out");
		Map<String, Object> raised = next(events, raised("OUT_OF_STOCK", healthy));
		assertThat(new BigDecimal((String) at(raised, "alert.spendAtRisk.amount"))).isPositive();

		// What the subscriber was told is what a query answers.
		Map<String, Set<String>> now = byKind(this.client.graphql(ALERTS, Map.of("p", profile)));
		assertThat(now.get("OUT_OF_STOCK")).contains(healthy).doesNotContain(outOfStock);
		assertThat(now.getOrDefault("LOW_DAYS_OF_COVER", Set.of())).doesNotContain(lowCover);
		assertThat(now.get("LISTING_NOT_BUYABLE")).doesNotContain(suppressed);
	}

	/**
	 * The first advertised product of the seller's own (not suppressed by design) ones
	 * that matches.
	 */
	static String fixture(List<Map<String, Object>> truth, Predicate<Map<String, Object>> wanted) {
		return truth.stream()
			.filter((p) -> p.get("ads") != null && "BOTH".equals(p.get("kind")))
			.filter(wanted)
			.map((p) -> (String) p.get("asin"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no fixture product for this test"));
	}

	static Predicate<Map<String, Object>> raised(String kind, String asin) {
		return (e) -> "RAISED".equals(e.get("kind")) && kind.equals(at(e, "alert.kind"))
				&& asin.equals(at(e, "alert.asin"));
	}

	static Predicate<Map<String, Object>> resolved(String kind, String asin) {
		return (e) -> "RESOLVED".equals(e.get("kind")) && kind.equals(at(e, "alert.kind"))
				&& asin.equals(at(e, "alert.asin"));
	}

	/** One of the sandbox's storefront changes (restock, fix-listing, stock-out, ...). */
	private void storefront(String asin, String change) {
		storefront(this.sandboxUrl, asin, change);
	}

	static void storefront(String sandboxUrl, String asin, String change) {
		String path = "/sandbox/sellers/" + ProductsTest.SELLER + "/products/" + asin + "/" + change + "?marketplaceId="
				+ ProductsTest.US;
		try {
			java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandboxUrl + path))
					.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isLessThan(300);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	@Test
	void outOfRangeThresholdsAreUserErrorsAndSaveNothing() {
		Map<String, Object> before = this.client.graphql(SETTINGS);
		assertNoErrors(before);
		Map<String, Object> answer = this.client.graphql(UPDATE,
				Map.of("i", Map.of("daysOfCoverThreshold", 0, "minTitleLength", 201, "requireMainImage", false)));
		assertNoErrors(answer);
		List<Map<String, Object>> errors = at(answer, "data.updateAlertSettings.userErrors");
		assertThat(errors).extracting((e) -> e.get("code")).containsExactly("OUT_OF_RANGE", "OUT_OF_RANGE");
		assertThat(errors).extracting((e) -> e.get("field"))
			.containsExactly(List.of("input", "daysOfCoverThreshold"), List.of("input", "minTitleLength"));
		assertThat((String) errors.get(0).get("message")).contains("between 1 and 365").contains("got 0");
		assertThat((Object) at(answer, "data.updateAlertSettings.settings"))
			.isEqualTo(at(before, "data.alertSettings"));
		assertThat((Object) at(this.client.graphql(SETTINGS), "data.alertSettings"))
			.isEqualTo(at(before, "data.alertSettings"));

		Map<String, Object> saved = this.client.graphql(UPDATE, Map.of("i", Map.of("daysOfCoverThreshold", 30)));
		assertThat((List<?>) at(saved, "data.updateAlertSettings.userErrors")).isEmpty();
		Map<String, Object> now = at(this.client.graphql(SETTINGS), "data.alertSettings");
		assertThat(((Number) now.get("daysOfCoverThreshold")).intValue()).isEqualTo(30);
		assertThat(now.get("minTitleLength")).isEqualTo(at(before, "data.alertSettings.minTitleLength"));
		assertThat(now.get("updatedAt")).isNotNull();
	}

	@Test
	void anUnknownProfileIsNotFoundAndAMalformedOneABadInput() {
		assertThat(errorCode(this.client.graphql(ALERTS, Map.of("p", "999999999")))).isEqualTo("NOT_FOUND");
		assertThat(errorCode(this.client.graphql(ALERTS, Map.of("p", "not-a-profile")))).isEqualTo("BAD_USER_INPUT");

		WebSocketGraphQlClient socket = socket();
		BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
		this.subscriptions.add(socket.document(CHANGED)
			.variables(Map.of("p", "999999999"))
			.executeSubscription()
			.subscribe(null, failures::add));
		Throwable failure = poll(failures);
		assertThat(failure).isNotNull();
		assertThat(failure.toString()).contains("999999999");
	}

	private WebSocketGraphQlClient socket() {
		WebSocketGraphQlClient socket = WebSocketGraphQlClient
			.builder("ws://127.0.0.1:" + this.port + "/graphql-ws", new ReactorNettyWebSocketClient())
			.header("X-Api-Key", GatewayClient.DEMO_KEY)
			.build();
		this.sockets.add(socket);
		return socket;
	}

	BlockingQueue<Map<String, Object>> subscribe(String profileId) {
		BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
		this.subscriptions.add(socket().document(CHANGED)
			.variables(Map.of("p", profileId))
			.executeSubscription()
			.map(ClientGraphQlResponse::<Map<String, Object>>getData)
			.subscribe((data) -> events.add(at(data, "alertsChanged")),
					(ex) -> events.add(Map.of("kind", "ERROR", "error", ex.toString()))));
		return events;
	}

	/** The next event that matches, skipping the others; fails after 60 s without one. */
	static Map<String, Object> next(BlockingQueue<Map<String, Object>> events, Predicate<Map<String, Object>> wanted) {
		while (true) {
			Map<String, Object> event = poll(events);
			assertThat(event).as("an awaited alert event").isNotNull();
			assertThat(event.get("kind")).isNotEqualTo("ERROR");
			if (wanted.test(event)) {
				return event;
			}
		}
	}

	private static <T> T poll(BlockingQueue<T> queue) {
		try {
			return queue.poll(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
