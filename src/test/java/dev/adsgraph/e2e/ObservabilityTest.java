package dev.adsgraph.e2e;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/prometheus} after queries touching the Ads API and the SP-API, with
 * failures injected by the sandbox: each metric family of docs/observability.md is there,
 * with the tags it documents.
 */
// An application of its own, shared by the two classes that inject upstream failures: the
// 500s
// they draw count towards the Ads NA circuit breaker, which the other tests' application
// must not
// see opening.
@TestPropertySource(properties = "adsgraph.metrics.max-operation-names=150")
class ObservabilityTest extends SandboxGatewayTest {

	private static final String SELLING = "query ObservedSelling { sellingAccounts { sellingAccountLinkToken } }";

	private PrometheusText scrape() {
		// No API key: the endpoint is open like health, and shows no tenant.
		GatewayClient.Raw raw = this.client.get(this.client.gatewayUrl() + "/actuator/prometheus");
		assertThat(raw.status()).isEqualTo(200);
		assertThat(raw.body()).doesNotContain(GatewayClient.DEMO_KEY, GatewayClient.AGENCY_KEY, "Atza|", "Atzr|",
				"client-secret", "adsgraph-sandbox-demo-secret");
		return PrometheusText.parse(raw.body());
	}

	@Test
	void aQueryOverAdsAndSpShowsUpInEveryMetricFamily() {
		assertNoErrors(this.client.graphql("query ObservedProfiles { profiles { id countryCode } }"));
		assertNoErrors(this.client.graphql("query ObservedProfiles { profiles { id countryCode } }"));
		assertNoErrors(this.client.graphql("query ObservedConnections { profiles { id connectedAccount { id } } }"));
		LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(4);
		assertNoErrors(this.client.graphql("""
				query ObservedProducts($a: [String!]!, $s: Date!, $e: Date!) {
				  products(marketplaceId: "ATVPDKIKX0DER", asins: $a, dateRange: {start: $s, end: $e}) {
				    nodes { asin catalog { title } listing { sku } inventory { fulfillable } }
				  }
				}""", Map.of("a", List.of("B0YR85KV4O", "B0X83LEEQV"), "s", end.minusDays(5).toString(), "e",
				end.toString())));

		PrometheusText metrics = scrape();

		// Upstream calls by upstream, operation and status.
		assertThat(metrics.sum("adsgraph_upstream_calls_seconds_count", "upstream", "ads", "operation", "listProfiles",
				"status", "200", "outcome", "success"))
			.isPositive();
		assertThat(metrics.sum("adsgraph_upstream_calls_seconds_count", "upstream", "sp", "outcome", "success"))
			.isPositive();
		assertThat(metrics.sum("adsgraph_upstream_calls_seconds_count", "upstream", "lwa", "operation", "token",
				"status", "200"))
			.isPositive();
		// SP-API rate-limit waits, LWA refreshes.
		assertThat(
				metrics.sum("adsgraph_upstream_ratelimit_wait_seconds_count", "upstream", "sp", "outcome", "granted"))
			.isPositive();
		assertThat(metrics.find("adsgraph_upstream_ratelimit_wait_seconds_sum", "upstream", "sp")).isNotEmpty();
		assertThat(metrics.sum("adsgraph_lwa_refreshes_total", "outcome", "success")).isPositive();
		// Caches by name: the second profiles query was served from the cache.
		assertThat(metrics.sum("cache_gets_total", "cache", "profiles", "result", "hit")).isPositive();
		assertThat(metrics.sum("cache_gets_total", "cache", "profiles", "result", "miss")).isPositive();
		// The second ObservedProfiles document was not parsed and validated again.
		assertThat(metrics.sum("cache_gets_total", "cache", "graphql.documents", "result", "hit")).isPositive();
		for (String cache : List.of("profiles", "catalog", "listings", "inventory", "marketplaceParticipations",
				"reports")) {
			assertThat(metrics.find("cache_gets_total", "cache", cache, "result", "miss")).as(cache).isNotEmpty();
			assertThat(metrics.find("cache_evictions_total", "cache", cache)).as(cache).isNotEmpty();
		}
		assertThat(metrics.sum("cache_gets_total", "cache", "catalog")).isPositive();
		// Circuit breakers per upstream and region.
		assertThat(metrics.sum("resilience4j_circuitbreaker_state", "name", "ads.na", "state", "closed"))
			.isEqualTo(1.0);
		// The bound on calls in flight per upstream and region: adaptive (8 to 256 by
		// default) for the Ads API and the SP-API, fixed for LWA.
		for (String upstream : List.of("ads", "sp")) {
			for (String region : List.of("na", "eu", "fe")) {
				assertThat(metrics.sum("adsgraph_upstream_concurrency_limit", "upstream", upstream, "region", region))
					.as(upstream + "." + region)
					.isBetween(8.0, 256.0);
			}
		}
		assertThat(metrics.sum("adsgraph_upstream_concurrency_limit", "upstream", "lwa", "region", "global"))
			.isEqualTo(4.0);
		// GraphQL operations by name: these names are this test's own.
		assertThat(metrics.sum("adsgraph_graphql_operations_seconds_count", "operation", "ObservedProfiles", "type",
				"query", "outcome", "success"))
			.isEqualTo(2.0);
		assertThat(metrics.sum("adsgraph_graphql_operations_seconds_count", "operation", "ObservedProducts"))
			.isEqualTo(1.0);
		// What Boot records by itself is there too.
		assertThat(metrics.find("http_client_requests_seconds_count")).isNotEmpty();
		assertThat(metrics.find("graphql_request_seconds_count")).isNotEmpty();
		// Data loaders are built when a field first asks for one
		// (OnDemandBatchLoaderRegistry) and observed all the same.
		assertThat(metrics.sum("graphql_dataloader_seconds_count", "graphql_loader_name", "Profile.connectedAccount"))
			.isPositive();
	}

	@Test
	void injectedServerErrorsAndThrottlingAreCountedAsTheyAreRetried() {
		try {
			// Spread evenly, every other call fails, so each failure is followed by a
			// success.
			this.client.injectFaults("""
					{"rules":[{"upstream":"ads","operation":"QuerySellingAccount","serverError":0.5}]}""");
			assertNoErrors(this.client.graphql(SELLING));
			assertNoErrors(this.client.graphql(SELLING));
			// A 429 backs its tenant off for the Retry-After: the agency tenant's, not
			// the demo's
			// other tests share.
			this.client.injectFaults("""
					{"rules":[{"upstream":"ads","operation":"QuerySellingAccount","tooManyRequests":0.5,
					           "retryAfterSeconds":1}]}""");
			assertNoErrors(this.client.graphql(GatewayClient.AGENCY_KEY, SELLING, Map.of()));
			assertNoErrors(this.client.graphql(GatewayClient.AGENCY_KEY, SELLING, Map.of()));
		}
		finally {
			this.client.clearFaults();
		}
		assertThat(this.client.sandboxCount("ads.na.QuerySellingAccount.fault.500")).isPositive();
		assertThat(this.client.sandboxCount("ads.na.QuerySellingAccount.fault.429")).isPositive();

		PrometheusText metrics = scrape();
		assertThat(metrics.sum("adsgraph_upstream_calls_seconds_count", "upstream", "ads", "operation",
				"QuerySellingAccount", "status", "500", "outcome", "server_error"))
			.isPositive();
		assertThat(metrics.sum("adsgraph_upstream_retries_total", "upstream", "ads", "operation", "QuerySellingAccount",
				"reason", "server_error"))
			.isPositive();
		assertThat(
				metrics.sum("adsgraph_upstream_throttled_total", "upstream", "ads", "operation", "QuerySellingAccount"))
			.isPositive();
		assertThat(metrics.sum("adsgraph_upstream_retries_total", "upstream", "ads", "operation", "QuerySellingAccount",
				"reason", "throttled"))
			.isPositive();
		assertThat(metrics.sum("adsgraph_upstream_calls_seconds_count", "upstream", "ads", "operation",
				"QuerySellingAccount", "status", "200"))
			.isGreaterThanOrEqualTo(4.0);
		assertThat(metrics.sum("adsgraph_graphql_operations_seconds_count", "operation", "ObservedSelling", "outcome",
				"success"))
			.isEqualTo(4.0);
	}

	@Test
	void aRefusedRequestCountsAsAnErrorUnderTheOperationNameItSent() {
		GatewayClient.Raw raw = this.client.post("/graphql", GatewayClient.DEMO_KEY,
				"{\"query\":\"query ObservedBroken { noSuchField }\",\"operationName\":\"ObservedBroken\"}");
		assertThat(raw.body()).contains("noSuchField");
		assertThat(scrape().sum("adsgraph_graphql_operations_seconds_count", "operation", "ObservedBroken", "outcome",
				"error"))
			.isEqualTo(1.0);
	}

}
