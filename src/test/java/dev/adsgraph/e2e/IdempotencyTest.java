package dev.adsgraph.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutations sent with an idempotency key, end to end: the sandbox's request counts prove
 * how many writes reached "Amazon", and its fault injection plays a slow or failing
 * Amazon. Registering a selling partner succeeds only once per sandbox, and faults are
 * set for the whole sandbox, so this class has an application (and a sandbox) of its own,
 * and each test uses its own partners.
 */
@TestPropertySource(properties = "adsgraph.idempotency.retention=12h")
class IdempotencyTest extends SandboxGatewayTest {

	private static final String REGISTER = """
			mutation($input: RegisterAdsAccountInput!, $key: String) {
			  registerAdsAccount(input: $input, idempotencyKey: $key) {
			    adsAccount { id name status }
			    userErrors { code message field }
			  }
			}""";

	private static final String CREATE_TOKEN = """
			mutation($input: CreateTermsTokenInput, $key: String) {
			  createTermsToken(input: $input, idempotencyKey: $key) {
			    termsToken { token status termsType acceptanceUrl }
			    userErrors { code message }
			  }
			}""";

	private static final String CREATE_ADVERTISERS = """
			mutation($input: [AdvertiserAccountCreateInput!]!, $key: String) {
			  createAdvertiserAccounts(input: $input, idempotencyKey: $key) {
			    succeeded failed
			    results { index errors { code message } account { id displayName status { code } } }
			  }
			}""";

	private static final String UPDATE_ADVERTISERS = """
			mutation($input: [AdvertiserAccountUpdateInput!]!, $key: String) {
			  updateAdvertiserAccounts(input: $input, idempotencyKey: $key) {
			    succeeded failed
			    results { index errors { code message } account { id displayName } }
			  }
			}""";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * Makes the sandbox fail or slow down: one rule for an Ads operation (see Faults in
	 * the sandbox).
	 */
	private void fault(String operation, String rule) {
		this.client.sandboxFaults(
				"{\"rules\": [{\"upstream\": \"ads\", \"operation\": \"" + operation + "\", " + rule + "}]}");
	}

	@AfterEach
	void clearFaults() {
		this.client.clearSandboxFaults();
	}

	private static Map<String, Object> seller(String sellerCentralAccount) {
		return Map.of("countryCode", "US", "association",
				Map.of("amazonSeller", Map.of("sellerCentralAccount", sellerCentralAccount)));
	}

	/**
	 * A business that does not sell on Amazon: the sandbox registers one every time it is
	 * asked.
	 */
	private static Map<String, Object> business(String name) {
		return Map.of("association",
				Map.of("business",
						Map.of("name", name, "phone", "+1 206 555 0199", "addressLine1", "400 Pine St", "city",
								"Seattle", "state", "WA", "zipCode", "98101", "countryCode", "US", "websiteUrl",
								"https://www.harborview-dental.example")));
	}

	private static Map<String, Object> address(String businessName) {
		return Map.of("address", Map.of("businessName", businessName, "addressLine1", "1 Test Way", "city", "Seattle",
				"state", "WA", "zipCode", "98101", "countryCode", "US"));
	}

	private static Map<String, Object> variables(Object input, String key) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("input", input);
		variables.put("key", key);
		return variables;
	}

	private Map<String, Object> send(String apiKey, String mutation, Object input, String key) {
		return this.client.graphql(apiKey, mutation, variables(input, key));
	}

	private Map<String, Object> send(String mutation, Object input, String key) {
		return send(GatewayClient.DEMO_KEY, mutation, input, key);
	}

	/** Requests the sandbox received for an Ads operation, in every region. */
	private long upstreamCalls(String operationId) {
		return this.client.sandboxStats()
			.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith("ads.") && e.getKey().endsWith("." + operationId))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	private static String newKey() {
		return UUID.randomUUID().toString();
	}

	@Test
	void aRegistrationSentThreeTimesWithOneKeyReachesAmazonOnce() {
		long before = upstreamCalls("RegisterAdsAccount");
		String key = newKey();
		List<Map<String, Object>> answers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Map<String, Object> answer = send(REGISTER, seller("A17CEDARLN4PTS"), key);
			assertNoErrors(answer);
			answers.add(answer);
		}
		assertThat(upstreamCalls("RegisterAdsAccount") - before).isEqualTo(1);
		assertThat((List<?>) at(answers.get(0), "data.registerAdsAccount.userErrors")).isEmpty();
		assertThat((String) at(answers.get(0), "data.registerAdsAccount.adsAccount.id"))
			.startsWith("amzn1.ads-account");
		assertThat(answers).allSatisfy((answer) -> assertThat(answer).isEqualTo(answers.get(0)));
	}

	@Test
	void concurrentRegistrationsWithOneKeyReachAmazonOnce() throws Exception {
		long before = upstreamCalls("RegisterAdsAccount");
		String key = newKey();
		Map<String, Object> first = sameAnswerToAll(6, () -> send(REGISTER, seller("A3MAPLETRL6CNQ"), key));
		assertThat((String) at(first, "data.registerAdsAccount.adsAccount.id")).isNotBlank();
		assertThat(upstreamCalls("RegisterAdsAccount") - before).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherInputIsRefusedAndNothingIsSent() {
		String key = newKey();
		assertNoErrors(send(REGISTER, business("Harborview Dental Group"), key));
		long before = upstreamCalls("RegisterAdsAccount");

		Map<String, Object> reused = send(REGISTER, business("Harborview Dental Clinic"), key);
		assertThat(errorCode(reused)).isEqualTo("IDEMPOTENCY_KEY_REUSED");
		Map<String, Object> error = errors(reused).get(0);
		assertThat((String) error.get("message")).contains("idempotencyKey", "another input", "registerAdsAccount");
		assertThat((Object) at(error, "extensions.mutation")).isEqualTo("registerAdsAccount");
		assertThat((String) at(error, "extensions.firstUsedAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
		assertThat((Object) at(error, "extensions.classification")).isEqualTo("BAD_REQUEST");
		assertThat(upstreamCalls("RegisterAdsAccount")).isEqualTo(before);
	}

	@Test
	void aKeyServesOneMutationOnly() {
		String key = newKey();
		assertNoErrors(send(REGISTER, business("Key Holder Inc"), key));
		long before = upstreamCalls("CreateTermsToken");

		Map<String, Object> reused = send(CREATE_TOKEN, null, key);
		assertThat(errorCode(reused)).isEqualTo("IDEMPOTENCY_KEY_REUSED");
		assertThat((String) at(errors(reused).get(0), "message")).contains("registerAdsAccount");
		assertThat(upstreamCalls("CreateTermsToken")).isEqualTo(before);
	}

	@Test
	void termsTokensCreatedWithOneKeyAreCreatedOnce() {
		long before = upstreamCalls("CreateTermsToken");
		String key = newKey();
		Map<String, Object> first = send(CREATE_TOKEN, Map.of("termsType", "ADVERTISING"), key);
		assertNoErrors(first);
		assertThat((String) at(first, "data.createTermsToken.termsToken.acceptanceUrl")).startsWith("http");
		assertThat(send(CREATE_TOKEN, Map.of("termsType", "ADVERTISING"), key)).isEqualTo(first);
		assertThat(send(CREATE_TOKEN, Map.of("termsType", "ADVERTISING"), key)).isEqualTo(first);
		assertThat(upstreamCalls("CreateTermsToken") - before).isEqualTo(1);

		// Another input under the same key is refused, even though it differs only by a
		// default.
		assertThat(errorCode(send(CREATE_TOKEN, null, key))).isEqualTo("IDEMPOTENCY_KEY_REUSED");
		assertThat(upstreamCalls("CreateTermsToken") - before).isEqualTo(1);
	}

	@Test
	void withoutAKeyEveryCallIsSent() {
		long tokensBefore = upstreamCalls("CreateTermsToken");
		Map<String, Object> one = send(CREATE_TOKEN, null, null);
		Map<String, Object> two = send(CREATE_TOKEN, null, null);
		assertThat((Object) at(one, "data.createTermsToken.termsToken.token"))
			.isNotEqualTo(at(two, "data.createTermsToken.termsToken.token"));
		assertThat(upstreamCalls("CreateTermsToken") - tokensBefore).isEqualTo(2);

		long registrationsBefore = upstreamCalls("RegisterAdsAccount");
		Map<String, Object> first = send(REGISTER, business("Twice Without A Key LLC"), null);
		Map<String, Object> second = send(REGISTER, business("Twice Without A Key LLC"), null);
		assertThat((Object) at(first, "data.registerAdsAccount.adsAccount.id"))
			.isNotEqualTo(at(second, "data.registerAdsAccount.adsAccount.id"));
		assertThat(upstreamCalls("RegisterAdsAccount") - registrationsBefore).isEqualTo(2);
	}

	@Test
	void advertiserAccountsCreatedAndUpdatedWithKeysAreWrittenOnce() {
		List<Map<String, Object>> accounts = List.of(
				Map.of("displayName", "Idempotent One", "currencyCode", "USD", "timeZoneIana", "America/Los_Angeles",
						"businessDetails", address("Idempotent One LLC")),
				Map.of("displayName", "Idempotent Two", "currencyCode", "EUR", "timeZoneIana", "Europe/Paris",
						"businessDetails", address("Idempotent Two GmbH")));
		long createsBefore = upstreamCalls("CreateAdvertiserAccount");
		String createKey = newKey();
		Map<String, Object> created = send(CREATE_ADVERTISERS, accounts, createKey);
		assertNoErrors(created);
		assertThat((Object) at(created, "data.createAdvertiserAccounts.succeeded")).isEqualTo(2);
		assertThat(send(CREATE_ADVERTISERS, accounts, createKey)).isEqualTo(created);
		assertThat(upstreamCalls("CreateAdvertiserAccount") - createsBefore).isEqualTo(1);

		String id = at(created, "data.createAdvertiserAccounts.results.0.account.id");
		List<Map<String, Object>> rename = List.of(Map.of("id", id, "displayName", "Idempotent Renamed"));
		long updatesBefore = upstreamCalls("UpdateAdvertiserAccount");
		String updateKey = newKey();
		Map<String, Object> updated = send(UPDATE_ADVERTISERS, rename, updateKey);
		assertNoErrors(updated);
		assertThat((Object) at(updated, "data.updateAdvertiserAccounts.results.0.account.displayName"))
			.isEqualTo("Idempotent Renamed");
		assertThat(send(UPDATE_ADVERTISERS, rename, updateKey)).isEqualTo(updated);
		assertThat(upstreamCalls("UpdateAdvertiserAccount") - updatesBefore).isEqualTo(1);
	}

	@Test
	void anotherTenantUsingTheSameKeyExecutesIndependently() {
		long before = upstreamCalls("RegisterAdsAccount");
		String key = newKey();
		Map<String, Object> demo = send(REGISTER, business("Shared Key Clinic"), key);
		Map<String, Object> agency = send(GatewayClient.AGENCY_KEY, REGISTER, business("Shared Key Clinic"), key);
		assertNoErrors(demo);
		assertNoErrors(agency);
		String demoId = at(demo, "data.registerAdsAccount.adsAccount.id");
		String agencyId = at(agency, "data.registerAdsAccount.adsAccount.id");
		assertThat(agencyId).isNotBlank().isNotEqualTo(demoId);
		assertThat(upstreamCalls("RegisterAdsAccount") - before).isEqualTo(2);

		assertThat(send(REGISTER, business("Shared Key Clinic"), key)).isEqualTo(demo);
		assertThat(send(GatewayClient.AGENCY_KEY, REGISTER, business("Shared Key Clinic"), key)).isEqualTo(agency);
		assertThat(upstreamCalls("RegisterAdsAccount") - before).isEqualTo(2);
	}

	@Test
	void anAnswerWithUserErrorsIsKeptLikeAnyOther() {
		// Lumen Electronics' vendor group is registered once without a key; with a key
		// Amazon
		// then refuses it, and that refusal is the answer the key keeps.
		assertNoErrors(
				send(REGISTER, Map.of("association", Map.of("amazonVendor", Map.of("vendorGroup", "7730002"))), null));
		long before = upstreamCalls("RegisterAdsAccount");
		String key = newKey();
		Map<String, Object> input = Map.of("association", Map.of("amazonVendor", Map.of("vendorGroup", "7730002")));
		Map<String, Object> refused = send(REGISTER, input, key);
		assertNoErrors(refused);
		assertThat((Object) at(refused, "data.registerAdsAccount.userErrors.0.code"))
			.isEqualTo("ADS_ACCOUNT_ALREADY_EXISTS");
		assertThat(send(REGISTER, input, key)).isEqualTo(refused);
		assertThat(upstreamCalls("RegisterAdsAccount") - before).isEqualTo(1);
	}

	@Test
	void callsInFlightTogetherShareOneRegistration() throws Exception {
		// Amazon takes a second to answer, so every caller arrives while the first call
		// is running.
		fault("RegisterAdsAccount", "\"latency\": \"1s\"");
		long before = upstreamCalls("RegisterAdsAccount");
		String key = newKey();
		sameAnswerToAll(4, () -> send(REGISTER, business("Slow Amazon Dental"), key));
		assertThat(upstreamCalls("RegisterAdsAccount") - before).isEqualTo(1);
	}

	@Test
	void aClientThatGivesUpWaitingGetsTheFirstResultOnItsRetry() throws Exception {
		fault("RegisterAdsAccount", "\"latency\": \"2s\"");
		long before = upstreamCalls("RegisterAdsAccount");
		String key = newKey();
		String body = JsonMapper.shared()
			.writeValueAsString(
					Map.of("query", REGISTER, "variables", variables(business("Impatient Client Inc"), key)));
		HttpRequest impatient = HttpRequest.newBuilder(URI.create(this.client.gatewayUrl() + "/graphql"))
			.timeout(Duration.ofMillis(300))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", GatewayClient.DEMO_KEY)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		assertThatThrownBy(() -> this.http.send(impatient, HttpResponse.BodyHandlers.ofString()))
			.isInstanceOf(HttpTimeoutException.class);

		Map<String, Object> retry = send(REGISTER, business("Impatient Client Inc"), key);
		assertNoErrors(retry);
		String id = at(retry, "data.registerAdsAccount.adsAccount.id");
		assertThat(id).startsWith("amzn1.ads-account");
		assertThat(send(REGISTER, business("Impatient Client Inc"), key)).isEqualTo(retry);
		assertThat(upstreamCalls("RegisterAdsAccount") - before).isEqualTo(1);
	}

	@Test
	void aThrottledRegistrationReleasesItsKeySoTheRetryRegisters() throws Exception {
		fault("RegisterAdsAccount", "\"tooManyRequests\": 1.0");
		long before = upstreamCalls("RegisterAdsAccount");
		String key = newKey();
		assertThat(errorCode(send(REGISTER, business("Throttled Dental"), key))).isEqualTo("UPSTREAM_RATE_LIMITED");
		// A 429 means Amazon did not act, so the gateway itself tried again, up to its
		// attempts.
		long throttled = upstreamCalls("RegisterAdsAccount") - before;
		assertThat(throttled).isEqualTo(5);
		clearFaults();

		Map<String, Object> retry = send(REGISTER, business("Throttled Dental"), key);
		assertNoErrors(retry);
		assertThat((String) at(retry, "data.registerAdsAccount.adsAccount.id")).startsWith("amzn1.ads-account");
		assertThat(send(REGISTER, business("Throttled Dental"), key)).isEqualTo(retry);
		assertThat(upstreamCalls("RegisterAdsAccount") - before).isEqualTo(throttled + 1);
	}

	@Test
	void aServerErrorLeavesARegistrationsOutcomeUnknownAndItIsNotSentAgain() throws Exception {
		fault("RegisterAdsAccount", "\"serverError\": 1.0");
		long before = upstreamCalls("RegisterAdsAccount");
		String key = newKey();
		assertThat(errorCode(send(REGISTER, business("Uncertain Dental"), key))).isEqualTo("UPSTREAM_UNAVAILABLE");
		clearFaults();

		Map<String, Object> retry = send(REGISTER, business("Uncertain Dental"), key);
		assertThat(errorCode(retry)).isEqualTo("IDEMPOTENCY_OUTCOME_UNKNOWN");
		assertThat((String) at(errors(retry).get(0), "message")).contains("Amazon answered HTTP 500",
				"may have been carried out");
		assertThat(upstreamCalls("RegisterAdsAccount") - before).isEqualTo(1);

		// After looking, the client sends it again under a new key.
		assertNoErrors(send(REGISTER, business("Uncertain Dental"), newKey()));
		assertThat(upstreamCalls("RegisterAdsAccount") - before).isEqualTo(2);
	}

	@Test
	void aDroppedConnectionLeavesAnAdvertiserAccountCreationUnknown() throws Exception {
		fault("CreateAdvertiserAccount", "\"drop\": 1.0");
		long before = upstreamCalls("CreateAdvertiserAccount");
		String key = newKey();
		List<Map<String, Object>> accounts = List.of(Map.of("displayName", "Dropped Brand", "currencyCode", "USD",
				"timeZoneIana", "America/Los_Angeles", "businessDetails", address("Dropped Brand LLC")));
		assertThat(errorCode(send(CREATE_ADVERTISERS, accounts, key))).isEqualTo("UPSTREAM_UNAVAILABLE");
		clearFaults();
		assertThat(errorCode(send(CREATE_ADVERTISERS, accounts, key))).isEqualTo("IDEMPOTENCY_OUTCOME_UNKNOWN");
		assertThat(upstreamCalls("CreateAdvertiserAccount") - before).isEqualTo(1);
	}

	@Test
	void aServerErrorOnATermsTokenReleasesItsKeyBecauseASpareTokenIsHarmless() throws Exception {
		fault("CreateTermsToken", "\"unavailable\": 1.0");
		long before = upstreamCalls("CreateTermsToken");
		String key = newKey();
		assertThat(errorCode(send(CREATE_TOKEN, null, key))).isEqualTo("UPSTREAM_UNAVAILABLE");
		clearFaults();

		Map<String, Object> retry = send(CREATE_TOKEN, null, key);
		assertNoErrors(retry);
		assertThat((String) at(retry, "data.createTermsToken.termsToken.token")).isNotBlank();
		assertThat(send(CREATE_TOKEN, null, key)).isEqualTo(retry);
		assertThat(upstreamCalls("CreateTermsToken") - before).isEqualTo(2);
	}

	@Test
	void malformedKeysAreRefusedBeforeAnythingIsSent() {
		long registrations = upstreamCalls("RegisterAdsAccount");
		long tokens = upstreamCalls("CreateTermsToken");
		for (String key : List.of("", "two words", "k".repeat(256), "clé-idempotence")) {
			Map<String, Object> answer = send(REGISTER, business("Malformed Key Co"), key);
			assertThat(errorCode(answer)).as("key %s", key).isEqualTo("BAD_USER_INPUT");
			assertThat((String) at(errors(answer).get(0), "message")).contains("idempotencyKey");
			assertThat(errorCode(send(CREATE_TOKEN, null, key))).isEqualTo("BAD_USER_INPUT");
		}
		assertThat(upstreamCalls("RegisterAdsAccount")).isEqualTo(registrations);
		assertThat(upstreamCalls("CreateTermsToken")).isEqualTo(tokens);
	}

	/**
	 * Sends {@code request} from {@code callers} threads released together; every answer
	 * must be free of errors and equal to the first, which is returned.
	 */
	private static Map<String, Object> sameAnswerToAll(int callers, Supplier<Map<String, Object>> request)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<CompletableFuture<Map<String, Object>>> answers = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				answers.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return request.get();
				}, pool));
			}
			start.countDown();
			Map<String, Object> first = answers.get(0).get(60, TimeUnit.SECONDS);
			assertNoErrors(first);
			for (CompletableFuture<Map<String, Object>> answer : answers) {
				assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(first);
			}
			return first;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
