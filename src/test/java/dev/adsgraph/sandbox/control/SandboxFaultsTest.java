package dev.adsgraph.sandbox.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxServer;
import dev.adsgraph.sandbox.SandboxTestClient;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fault injection through {@code /sandbox/faults}: rates, shapes, latency, drops,
 * validation.
 */
class SandboxFaultsTest {

	private final SandboxTestClient sandbox = SandboxTestClient.start();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	private Exchange configure(String json) {
		return this.sandbox.raw("PUT", "/sandbox/faults").body("application/json", json).send();
	}

	@Test
	void anInjected429SpeaksEachFamilysOwnText() {
		this.sandbox.accessToken(SandboxServer.demoCredentials());
		this.sandbox.accessToken(SandboxServer.demoSpCredentials());
		Exchange configured = configure("""
				{"rules": [{"upstream": "*", "operation": "*", "tooManyRequests": 1.0}]}""");
		assertThat(configured.status()).as(configured.body()).isEqualTo(200);

		JsonNode sp = this.sandbox.sp("na", "GET", "/sellers/v1/marketplaceParticipations").send().json();
		assertThat(sp.at("/errors/0/code").stringValue()).isEqualTo("QuotaExceeded");
		assertThat(sp.at("/errors/0/message").stringValue())
			.isEqualTo("You exceeded your quota for the requested resource.");
		JsonNode reporting = this.sandbox.ads("na", "GET", "/reporting/reports/r1")
			.header("Amazon-Advertising-API-Scope", "1")
			.send()
			.json();
		assertThat(reporting.get("code").stringValue()).isEqualTo("429");
		assertThat(reporting.get("detail").stringValue()).isEqualTo("Too Many Requests");
		JsonNode accounts = this.sandbox.ads("na", "POST", "/adsAccounts/list")
			.json(SandboxTestClient.LIST_ACCOUNTS, "{}")
			.send()
			.json();
		assertThat(accounts.at("/errors/0/errorMessage").stringValue()).isEqualTo("Maximum sending rate exceeded.");
		JsonNode v1 = this.sandbox.ads("na", "POST", "/adsApi/v1/query/sellingAccounts")
			.json("application/json", "{}")
			.send()
			.json();
		assertThat(v1.get("code").stringValue()).isEqualTo("TOO_MANY_REQUESTS");
		assertThat(v1.get("message").stringValue())
			.isEqualTo("There have been too many requests, please slow down your call rate.");
	}

	@Test
	void spreadRatesAreExactProportionsInTheOperationsOwnErrorShape() {
		this.sandbox.accessToken(SandboxServer.demoCredentials());
		Exchange configured = configure("""
				{"rules": [{"upstream": "ads", "operation": "listProfiles", "tooManyRequests": 0.2,
				            "serverError": 0.05, "retryAfterSeconds": 3}]}""");
		assertThat(configured.status()).as(configured.body()).isEqualTo(200);

		List<Exchange> answers = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			answers.add(this.sandbox.ads("na", "GET", "/v2/profiles").send());
		}
		List<Exchange> throttled = answers.stream().filter((a) -> a.status() == 429).toList();
		List<Exchange> failed = answers.stream().filter((a) -> a.status() == 500).toList();
		// 40 calls at 0.2 and 0.05: 10 faults, 8 and 2.
		assertThat(throttled).hasSize(8);
		assertThat(failed).hasSize(2);
		// Never two faults in a row at these rates: spread, not bunched.
		for (int i = 1; i < answers.size(); i++) {
			assertThat(answers.get(i).status() != 200 && answers.get(i - 1).status() != 200)
				.as("calls %d and %d both faulted", i - 1, i)
				.isFalse();
		}
		Exchange first = throttled.get(0);
		assertThat(first.header("Retry-After")).isEqualTo("3");
		assertThat(first.json().get("code").stringValue()).isEqualTo("TOO_MANY_REQUESTS");
		assertThat(failed.get(0).json().get("code").stringValue()).isEqualTo("INTERNAL_ERROR");
		// Other operations and regions' other operations are untouched.
		assertThat(this.sandbox.ads("na", "GET", "/v2/profiles/1").send().status()).isIn(200, 404);

		JsonNode stats = this.sandbox.raw("GET", "/sandbox/stats").send().json();
		assertThat(stats.get("ads.na.listProfiles").asInt()).isEqualTo(40);
		assertThat(stats.get("ads.na.listProfiles.fault.429").asInt()).isEqualTo(throttled.size());
		assertThat(stats.get("ads.na.listProfiles.fault.500").asInt()).isEqualTo(failed.size());
	}

	@Test
	void spApiFaultsUseTheSpEnvelopeAndNoRetryAfter() {
		this.sandbox.accessToken(SandboxServer.demoSpCredentials());
		configure("""
				{"rules": [{"upstream": "sp", "operation": "*", "unavailable": 1.0}]}""");
		Exchange answer = this.sandbox.sp("na", "GET", "/sellers/v1/marketplaceParticipations").send();
		assertThat(answer.status()).isEqualTo(503);
		assertThat(answer.json().get("errors").get(0).get("code").stringValue()).isEqualTo("ServiceUnavailable");
		assertThat(answer.header("Retry-After")).isNull();
	}

	@Test
	void lwaCanBeThrottled() {
		configure("""
				{"rules": [{"upstream": "lwa", "tooManyRequests": 1.0, "retryAfterSeconds": 2}]}""");
		Exchange answer = this.sandbox.lwa("application/x-www-form-urlencoded",
				SandboxTestClient.form(SandboxTestClient.refreshGrant(SandboxServer.demoCredentials())));
		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.json().get("error").stringValue()).isEqualTo("slow_down");
	}

	@Test
	void malformedBodiesAreCutShortTwoHundreds() {
		this.sandbox.accessToken(SandboxServer.demoCredentials());
		configure("""
				{"rules": [{"upstream": "ads", "operation": "listProfiles", "malformed": 1}]}""");
		Exchange answer = this.sandbox.ads("na", "GET", "/v2/profiles").send();
		assertThat(answer.status()).isEqualTo(200);
		assertThatThrownBy(answer::json).isInstanceOf(RuntimeException.class);
	}

	@Test
	void droppedConnectionsGetNoAnswerAtAll() {
		this.sandbox.accessToken(SandboxServer.demoCredentials());
		configure("""
				{"rules": [{"upstream": "ads", "operation": "listProfiles", "drop": 1}]}""");
		assertThatThrownBy(() -> this.sandbox.ads("na", "GET", "/v2/profiles").send())
			.hasRootCauseInstanceOf(java.io.IOException.class);
		// The server itself is fine.
		assertThat(this.sandbox.raw("GET", "/sandbox").send().status()).isEqualTo(200);
	}

	@Test
	void latencyIsAddedToMatchingCalls() {
		this.sandbox.accessToken(SandboxServer.demoCredentials());
		configure(
				"""
						{"rules": [{"upstream": "*", "operation": "getProfileById", "latency": "400ms", "latencyJitter": "50ms"}]}""");
		long started = System.nanoTime();
		this.sandbox.ads("na", "GET", "/v2/profiles/1").send();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void randomModeWithASeedRepeatsItself() {
		this.sandbox.accessToken(SandboxServer.demoCredentials());
		String rules = """
				{"mode": "random", "seed": 42, "rules": [{"upstream": "ads", "serverError": 0.5}]}""";
		List<Integer> first = new ArrayList<>();
		List<Integer> second = new ArrayList<>();
		configure(rules);
		for (int i = 0; i < 20; i++) {
			first.add(this.sandbox.ads("na", "GET", "/v2/profiles").send().status());
		}
		configure(rules);
		for (int i = 0; i < 20; i++) {
			second.add(this.sandbox.ads("na", "GET", "/v2/profiles").send().status());
		}
		assertThat(first).isEqualTo(second).contains(200, 500);
	}

	@Test
	void rulesAreDescribedClearedAndResetClearsThem() {
		configure("""
				{"rules": [{"upstream": "ads", "operation": "listProfiles", "serverError": 1}]}""");
		JsonNode described = this.sandbox.raw("GET", "/sandbox/faults").send().json();
		assertThat(described.get("mode").stringValue()).isEqualTo("spread");
		assertThat(described.get("rules").get(0).get("operation").stringValue()).isEqualTo("listProfiles");

		assertThat(this.sandbox.raw("DELETE", "/sandbox/faults").send().status()).isEqualTo(204);
		assertThat(this.sandbox.raw("GET", "/sandbox/faults").send().json().get("rules").size()).isZero();

		configure("""
				{"rules": [{"upstream": "ads", "serverError": 1}]}""");
		this.sandbox.raw("POST", "/sandbox/reset").send();
		assertThat(this.sandbox.raw("GET", "/sandbox/faults").send().json().get("rules").size()).isZero();
		assertThat(this.sandbox.ads("na", "GET", "/v2/profiles").send().status()).isEqualTo(200);
	}

	@Test
	void invalidRulesAreRefusedWithTheReason() {
		Map<String, String> cases = Map.of("""
				{"rules": [{"upstream": "ads", "serverError": 1.5}]}""", "between 0 and 1", """
				{"rules": [{"upstream": "ads", "serverError": 0.6, "tooManyRequests": 0.6}]}""", "at most 1", """
				{"rules": [{"upstream": "s3"}]}""", "ads, sp, lwa", """
				{"rules": [{"upstream": "ads", "latency": "soon"}]}""", "duration", """
				{"mode": "chaotic", "rules": []}""", "spread or random", """
				{"rules": {}}""", "array", "not json", "JSON object");
		cases.forEach((body, reason) -> {
			Exchange answer = configure(body);
			assertThat(answer.status()).as(body).isEqualTo(400);
			assertThat(answer.body()).as(body).contains(reason);
		});
		assertThat(this.sandbox.raw("GET", "/sandbox/faults").send().json().get("rules").size()).isZero();
	}

}
