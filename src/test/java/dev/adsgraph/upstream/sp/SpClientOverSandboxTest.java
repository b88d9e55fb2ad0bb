package dev.adsgraph.upstream.sp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxSettings;
import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway's SP-API client against the sandbox over real HTTP, for the facts the
 * alerts read: listing status, issues with their enforcement actions, merchant-fulfilled
 * quantity.
 */
class SpClientOverSandboxTest {

	static final String US = "ATVPDKIKX0DER";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

	private final SandboxServer sandbox = SandboxServer.start(SandboxSettings.defaults().withClock(this.clock));

	private final LwaTokenService tokens = new LwaTokenService(WebClient.builder(),
			new UpstreamProperties.Lwa(URI.create(this.sandbox.baseUrl() + "/auth/o2/token"), Duration.ofSeconds(60),
					Duration.ofSeconds(5)),
			new InMemoryLwaTokenCache(), this.clock);

	private final SellingPartnerApiClient sp = new WebClientSellingPartnerApiClient(WebClient.builder(),
			new UpstreamProperties.Sp(Map.of(Region.NA, URI.create(this.sandbox.spHost("na"))), Duration.ofSeconds(2),
					Duration.ofSeconds(10), DataSize.ofMegabytes(16), null, Map.of(), Duration.ofSeconds(30),
					DataSize.ofMegabytes(16)),
			this.tokens, new SpRateLimiter(new InMemoryTokenBucketStore(this.clock), generous(), Duration.ofSeconds(30),
					Schedulers.parallel()),
			this.clock);

	private final SpCredentials credentials = new SpCredentials(lwa(SandboxServer.demoSpCredentials()),
			SandboxServer.DEMO_SELLING_PARTNER_ID);

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	static Map<SpOperation, SpRateLimit> generous() {
		return Arrays.stream(SpOperation.values())
			.collect(Collectors.toMap(Function.identity(), (operation) -> new SpRateLimit(1000, 1000)));
	}

	static LwaCredentials lwa(SandboxCredentials credentials) {
		return new LwaCredentials(credentials.clientId(), credentials.clientSecret(), credentials.refreshToken());
	}

	/** Northwind's US products in catalogue order, from the sandbox's ground truth. */
	static JsonNode truth(SandboxServer sandbox) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(
					URI.create(sandbox.baseUrl() + "/sandbox/products?sellerId=" + SandboxServer.DEMO_SELLING_PARTNER_ID
							+ "&marketplaceId=" + US + "&startDate=2026-11-01&endDate=2026-11-07"))
				.build(), HttpResponse.BodyHandlers.ofString());
		return JsonMapper.builder().build().readTree(response.body()).at("/products");
	}

	@Test
	void aListingsSearchCarriesStatusIssuesWithTheirEnforcementsAndTheMerchantQuantity() throws Exception {
		JsonNode products = truth(this.sandbox);
		List<String> asins = List.of(0, 4, 24, 41)
			.stream()
			.map((index) -> products.at("/" + index + "/asin").stringValue())
			.toList();
		ListingsItem.SearchResults results = this.sp
			.searchListingsItems(this.credentials, Region.NA,
					new ListingsItemSearch(SandboxServer.DEMO_SELLING_PARTNER_ID, List.of(US), asins, "ASIN",
							List.of("summaries", "issues", "fulfillmentAvailability"), 20, null))
			.block();
		Map<String, ListingsItem> byAsin = results.items()
			.stream()
			.collect(Collectors.toMap((item) -> item.summaries().get(0).asin(), Function.identity()));
		assertThat(byAsin).containsOnlyKeys(asins);

		ListingsItem healthy = byAsin.get(asins.get(0));
		assertThat(healthy.summaries().get(0).status()).containsExactly("BUYABLE", "DISCOVERABLE");
		assertThat(healthy.issues()).isEmpty();

		ListingsItem suppressed = byAsin.get(asins.get(1));
		assertThat(suppressed.summaries().get(0).status()).containsExactly("DISCOVERABLE");
		ListingsItem.Issue issue = suppressed.issues().get(0);
		assertThat(issue.severity()).isEqualTo("ERROR");
		assertThat(issue.categories()).isNotEmpty();
		assertThat(issue.enforcements().exemption().status()).isEqualTo("NOT_EXEMPT");
		assertThat(issue.enforcedActions()).containsExactly("LISTING_SUPPRESSED");

		assertThat(byAsin.get(asins.get(2)).issues().get(0).enforcedActions()).containsExactly("SEARCH_SUPPRESSED");

		ListingsItem merchant = byAsin.get(asins.get(3));
		assertThat(merchant.fulfillmentAvailability())
			.extracting(ListingsItem.FulfillmentAvailability::fulfillmentChannelCode,
					ListingsItem.FulfillmentAvailability::quantity)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("AMAZON_NA", 0),
					org.assertj.core.groups.Tuple.tuple("DEFAULT", 12));
	}

	@Test
	void theCompetitiveSummaryTellsWhoHoldsTheFeaturedOfferPerAsinInOneCall() throws Exception {
		JsonNode products = truth(this.sandbox);
		String seller = SandboxServer.DEMO_SELLING_PARTNER_ID;
		List<String> asins = List.of(0, 5, 1, 41)
			.stream()
			.map((index) -> products.at("/" + index + "/asin").stringValue())
			.collect(Collectors.toCollection(java.util.ArrayList::new));
		asins.add("B000000000");
		List<CompetitiveSummary> summaries = this.sp.getCompetitiveSummary(this.credentials, Region.NA, US, asins)
			.block();
		assertThat(summaries).extracting(CompetitiveSummary::asin).containsExactlyElementsOf(asins);
		CompetitiveSummary winner = summaries.get(0);
		assertThat(winner.succeeded()).isTrue();
		assertThat(winner.isFeatured(seller)).isTrue();
		assertThat(winner.featuredShare(seller)).isEqualTo(100.0);
		CompetitiveSummary loser = summaries.get(1);
		assertThat(loser.isFeatured(seller)).isFalse();
		assertThat(loser.featuredSellerIds()).containsExactly("A3RIVALSELLR9T");
		assertThat(loser.featuredShare(seller)).isZero();
		assertThat(summaries.get(2).featuredSellerIds()).isEmpty();
		assertThat(summaries.get(3).featuredBuyingOptions().get(0).segmentedFeaturedOffers().get(0).fulfillmentType())
			.isEqualTo("MFN");
		CompetitiveSummary unknown = summaries.get(4);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.succeeded()).isFalse();
		assertThat(unknown.errors()).extracting(CompetitiveSummary.ItemError::code).containsExactly("NOT_FOUND");
		assertThat(stat("sp.na.getCompetitiveSummary")).isEqualTo(1);

		// Amazon's plan allows the next call 30 seconds later; the Featured Offer was
		// won back in between.
		HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create(this.sandbox.baseUrl() + "/sandbox/sellers/" + seller + "/products/"
						+ asins.get(1) + "/win-featured-offer?marketplaceId=" + US))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding());
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.sp.getCompetitiveSummary(this.credentials, Region.NA, US, List.of(asins.get(1)))
			.block()
			.get(0)
			.isFeatured(seller)).isTrue();
	}

	@Test
	void aBatchBeyondAmazonsTwentyAsinsIsRefusedBeforeAnythingIsSent() throws Exception {
		List<String> asins = java.util.stream.IntStream.range(0, 21).mapToObj((i) -> "B0000000" + (10 + i)).toList();
		assertThatThrownBy(() -> this.sp.getCompetitiveSummary(this.credentials, Region.NA, US, asins))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.sp.getCompetitiveSummary(this.credentials, Region.NA, US, List.of()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(stat("sp.na.getCompetitiveSummary")).isZero();
	}

	private long stat(String key) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.sandbox.baseUrl() + "/sandbox/stats")).build(),
					HttpResponse.BodyHandlers.ofString());
		return JsonMapper.builder().build().readTree(response.body()).path(key).asLong(0);
	}

	@Test
	void anExemptIssueEnforcesNothing() {
		ListingsItem.Issue exempt = new ListingsItem.Issue("1", "m", "ERROR", List.of(), List.of("INVALID_IMAGE"),
				new ListingsItem.Enforcements(List.of(new ListingsItem.EnforcementAction("LISTING_SUPPRESSED")),
						new ListingsItem.Exemption("EXEMPT", null)),
				List.of(US));
		assertThat(exempt.enforcedActions()).isEmpty();
		ListingsItem.Issue noEnforcement = new ListingsItem.Issue("2", "m", "WARNING", null, List.of(), null, null);
		assertThat(noEnforcement.enforcedActions()).isEmpty();
	}

}
