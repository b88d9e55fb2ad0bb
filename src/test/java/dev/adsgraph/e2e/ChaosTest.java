package dev.adsgraph.e2e;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import dev.adsgraph.sandbox.SandboxCredentials;
import dev.adsgraph.sandbox.SandboxServer;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against a sandbox that throttles one call in five (429 with Retry-After),
 * fails one in twenty (500) and answers every call 10 to 50 ms late, on every upstream
 * and operation: read queries of both tenants still answer without an error within the
 * retry budget, and a registration sent three times with one idempotency key creates one
 * account.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "adsgraph.upstream.resilience.retry.initial-backoff=50ms",
		"adsgraph.upstream.resilience.retry.max-backoff=400ms" })
class ChaosTest extends SandboxGatewayTest {

	/**
	 * The SP-API operations of about one call a minute get only the 500s: a 429 there
	 * empties the operation's bucket for a minute (Amazon's usage plan), which no read
	 * should wait out; the gateway answers that at once as UPSTREAM_RATE_LIMITED with the
	 * wait (SpRateLimiterTest).
	 */
	private static final List<String> ONE_A_MINUTE = List.of("getMarketplaceParticipations", "createReport",
			"getReportDocument");

	private static final String CHAOS = "{\"rules\": [" + String.join(", ",
			ONE_A_MINUTE.stream()
				.map((operation) -> """
						{"upstream": "sp", "operation": "%s", "serverError": 0.05, "latency": "10ms", "latencyJitter": "40ms"}"""
					.formatted(operation))
				.toList())
			+ """
					, {"upstream": "*", "operation": "*", "tooManyRequests": 0.2, "serverError": 0.05,
					   "latency": "10ms", "latencyJitter": "40ms", "retryAfterSeconds": 1}]}""";

	@BeforeEach
	void chaos() {
		this.client.sandboxFaults(CHAOS);
	}

	@AfterEach
	void calmAndCheckTheLogs(CapturedOutput output) {
		this.client.clearSandboxFaults();
		// Retries, throttling and failures are logged; none of those lines may carry a
		// secret (the
		// sandbox's demo API keys are public and printed at start-up on purpose).
		List<String> secrets = new ArrayList<>();
		for (SandboxCredentials credentials : List.of(SandboxServer.demoCredentials(),
				SandboxServer.agencyCredentials(), SandboxServer.demoSpCredentials(),
				SandboxServer.agencySpCredentials())) {
			secrets.add(credentials.clientSecret());
			secrets.add(credentials.refreshToken());
		}
		assertThat(output.getAll()).doesNotContain(secrets.toArray(String[]::new));
	}

	@Test
	void everyReadQuerySucceedsWithinItsRetryBudget() {
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		List<String> queries = new ArrayList<>(List.of(
				"{ profiles { id region countryCode accountInfo { accountId type name } } }",
				"{ profiles(filter: { types: [SELLER] }) { id marketplaceId } }",
				"{ adsAccounts(first: 50) { nodes { id name status profiles { id countryCode } } pageInfo { hasNextPage } } }",
				"{ sellingAccounts { sellingAccountLinkToken sellingProgram displayName } }",
				"{ sellingPartner { id marketplaceParticipations { id marketplace { id name countryCode } } } }"));
		// Product tables over several ranges: each range starts its own reports and
		// catalog calls.
		for (int days = 1; days <= 3; days++) {
			queries.add("""
					{ products(marketplaceId: "ATVPDKIKX0DER", asins: ["B0YR85KV4O", "B0X83LEEQV", "B04N8ZCCFB"],
					           dateRange: { start: "%s", end: "%s" }) {
					    freshness { advertising { status } retail { status } }
					    nodes { asin catalog { title } listing { sku } inventory { fulfillable }
					            advertising { spend { amount } } sales { unitsOrdered } metrics { tacos } } } }"""
				.formatted(yesterday.minusDays(days * 7L), yesterday.minusDays(days * 7L - 6)));
		}
		for (String apiKey : List.of(GatewayClient.DEMO_KEY, GatewayClient.AGENCY_KEY)) {
			for (String query : queries) {
				Map<String, Object> answer = this.client.graphql(apiKey, query, Map.of());
				assertThat(errors(answer)).as("errors in %s; sandbox saw %s", answer, this.client.sandboxStats())
					.isEmpty();
				assertThat(answer.get("data")).isNotNull();
			}
		}
		// The product tables also become READY under the same faults.
		String ready = queries.get(queries.size() - 1);
		eventually(() -> this.client.graphql(ready), (answer) -> {
			assertNoErrors(answer);
			return "READY".equals(at(answer, "data.products.freshness.advertising.status"))
					&& "READY".equals(at(answer, "data.products.freshness.retail.status"));
		});

		Map<String, Long> stats = this.client.sandboxStats();
		long throttled = faults(stats, ".fault.429");
		long failed = faults(stats, ".fault.500");
		assertThat(throttled).as("the run met injected 429s: %s", stats).isGreaterThanOrEqualTo(5);
		assertThat(failed).as("the run met injected 500s: %s", stats).isGreaterThanOrEqualTo(1);
	}

	@Test
	void aRegistrationSentThreeTimesWithOneKeyUnderFaultsCreatesOneAccount() {
		// One RegisterAdsAccount call in two is throttled, starting with the first.
		this.client.sandboxFaults(CHAOS.replace("{\"rules\": [", """
				{"rules": [{"upstream": "ads", "operation": "RegisterAdsAccount", "tooManyRequests": 0.5,
				            "retryAfterSeconds": 1},"""));
		Map<String, Object> created = this.client.graphql(
				"mutation($key: String) { createTermsToken(idempotencyKey: $key) { termsToken { token } userErrors { code } } }",
				Map.of("key", UUID.randomUUID().toString()));
		assertNoErrors(created);
		String termsToken = at(created, "data.createTermsToken.termsToken.token");
		this.client.acceptTerms(termsToken);

		String register = """
				mutation($token: ID!, $key: String) {
				  registerAdsAccount(input: { termsToken: $token, countryCode: US,
				      association: { amazonSeller: { sellerCentralAccount: "A17CEDARLN4PTS" } } }, idempotencyKey: $key) {
				    adsAccount { id status } userErrors { code message } } }""";
		Map<String, Object> variables = Map.of("token", termsToken, "key", UUID.randomUUID().toString());
		Map<String, Object> first = this.client.graphql(register, variables);
		List<CompletableFuture<Map<String, Object>>> again = IntStream.range(0, 2)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> this.client.graphql(register, variables)))
			.toList();

		assertNoErrors(first);
		String accountId = at(first, "data.registerAdsAccount.adsAccount.id");
		assertThat(accountId).isNotBlank();
		for (CompletableFuture<Map<String, Object>> repeat : again) {
			Map<String, Object> answer = repeat.join();
			assertNoErrors(answer);
			assertThat((String) at(answer, "data.registerAdsAccount.adsAccount.id")).isEqualTo(accountId);
		}
		Map<String, Long> stats = this.client.sandboxStats();
		long sent = stats.getOrDefault("ads.na.RegisterAdsAccount", 0L);
		long faulted = stats.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith("ads.na.RegisterAdsAccount.fault."))
			.mapToLong(Map.Entry::getValue)
			.sum();
		assertThat(faulted).as("the registration met a fault: %s", stats).isGreaterThanOrEqualTo(1);
		assertThat(sent - faulted).as("registrations Amazon carried out").isEqualTo(1);
	}

	private static long faults(Map<String, Long> stats, String suffix) {
		return stats.entrySet()
			.stream()
			.filter((e) -> e.getKey().endsWith(suffix))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
