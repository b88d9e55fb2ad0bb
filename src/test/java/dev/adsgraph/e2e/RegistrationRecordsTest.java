package dev.adsgraph.e2e;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registrations made through the gateway, read from PostgreSQL's tables: each
 * mutation Amazon accepted is a row with the tenant, the input's fingerprint (the one its
 * idempotency key holds) and the status answered, and each change of status a query sees
 * is an event. Its own application: registrations stay pending until a test settles them
 * in the sandbox.
 */
@TestPropertySource(properties = { "adsgraph.sandbox.registration-delay=1h" })
class RegistrationRecordsTest extends SandboxGatewayTest {

	private static final String CREATE_TOKEN = """
			mutation($key: String) { createTermsToken(idempotencyKey: $key) { termsToken { token status } } }""";

	private static final String TERMS_TOKEN = "query($t: ID!) { termsToken(token: $t) { status } }";

	private static final String REGISTER = """
			mutation($input: RegisterAdsAccountInput!) {
			  registerAdsAccount(input: $input) { adsAccount { id status } userErrors { code } } }""";

	private static final String ADS_ACCOUNT = "query($id: ID!) { adsAccount(id: $id) { status } }";

	private static final String CREATE_ADVERTISERS = """
			mutation($input: [AdvertiserAccountCreateInput!]!) {
			  createAdvertiserAccounts(input: $input) { results { index account { id status { code } } errors { code } } } }""";

	private static final String UPDATE_ADVERTISERS = """
			mutation($input: [AdvertiserAccountUpdateInput!]!) {
			  updateAdvertiserAccounts(input: $input) { results { account { id } errors { code } } } }""";

	private static final String ADVERTISERS = """
			query($ids: [ID!]) { advertiserAccounts(filter: {ids: $ids}) { nodes { id status { code } } } }""";

	@Autowired
	DatabaseClient database;

	private Map<String, Object> row(String amazonId) {
		return this.database.sql("SELECT * FROM registration WHERE amazon_id = :id")
			.bind("id", amazonId)
			.fetch()
			.one()
			.block();
	}

	private List<String> events(String amazonId) {
		return this.database
			.sql("SELECT status, source, fingerprint FROM registration_event WHERE amazon_id = :id ORDER BY id")
			.bind("id", amazonId)
			.fetch()
			.all()
			.map((e) -> e.get("status") + " " + e.get("source") + ((e.get("fingerprint") != null) ? " +" : ""))
			.collectList()
			.block();
	}

	private Map<String, Object> ok(Map<String, Object> answer) {
		assertNoErrors(answer);
		return answer;
	}

	@Test
	void aTermsTokenIsRecordedWithItsKeysFingerprintThenItsAcceptanceAsAQuerySawIt() {
		String key = UUID.randomUUID().toString();
		String token = at(ok(this.client.graphql(CREATE_TOKEN, Map.of("key", key))),
				"data.createTermsToken.termsToken.token");
		Map<String, Object> row = row(token);
		assertThat(row).containsEntry("tenant_id", "demo")
			.containsEntry("kind", "TERMS_TOKEN")
			.containsEntry("mutation", "createTermsToken")
			.containsEntry("status", "CREATED")
			.containsEntry("terminal", false);
		String held = (String) this.database.sql("SELECT fingerprint FROM idempotency_key WHERE idempotency_key = :k")
			.bind("k", key)
			.fetch()
			.one()
			.block()
			.get("fingerprint");
		assertThat(row.get("fingerprint")).isEqualTo(held);
		// The replay of the same key records nothing more.
		ok(this.client.graphql(CREATE_TOKEN, Map.of("key", key)));
		// A read that sees no change records nothing; the acceptance is one event.
		ok(this.client.graphql(TERMS_TOKEN, Map.of("t", token)));
		this.client.acceptTerms(token);
		ok(this.client.graphql(TERMS_TOKEN, Map.of("t", token)));
		ok(this.client.graphql(TERMS_TOKEN, Map.of("t", token)));
		assertThat(events(token)).containsExactly("CREATED createTermsToken +", "ACCEPTED QUERY");
		assertThat(row(token)).containsEntry("status", "ACCEPTED").containsEntry("terminal", true);
	}

	@Test
	void anAdsAccountIsRecordedPendingThenCreated() {
		String token = at(ok(this.client.graphql(CREATE_TOKEN, Map.of())), "data.createTermsToken.termsToken.token");
		this.client.acceptTerms(token);
		Map<String, Object> input = Map.of("termsToken", token, "countryCode", "US", "association",
				Map.of("amazonSeller", Map.of("sellerCentralAccount", "A17CEDARLN4PTS")));
		String id = at(ok(this.client.graphql(REGISTER, Map.of("input", input))),
				"data.registerAdsAccount.adsAccount.id");
		assertThat(row(id)).containsEntry("kind", "ADS_ACCOUNT")
			.containsEntry("mutation", "registerAdsAccount")
			.containsEntry("status", "PENDING")
			.containsEntry("terminal", false);
		assertThat((String) row(id).get("fingerprint")).hasSize(64);
		this.client.settleRegistration(id);
		assertThat((Object) at(ok(this.client.graphql(ADS_ACCOUNT, Map.of("id", id))), "data.adsAccount.status"))
			.isEqualTo("CREATED");
		assertThat(events(id)).containsExactly("PENDING registerAdsAccount +", "CREATED QUERY");
		// A refused registration is not one.
		Map<String, Object> refused = ok(this.client.graphql(REGISTER,
				Map.of("input", Map.of("association", Map.of("amazonVendor", Map.of("vendorGroup", "no group!"))))));
		assertThat((List<?>) at(refused, "data.registerAdsAccount.userErrors")).isNotEmpty();
		assertThat(this.database.sql("SELECT count(*) AS n FROM registration WHERE kind = 'ADS_ACCOUNT'")
			.fetch()
			.one()
			.block()).containsEntry("n", 1L);
	}

	@Test
	void advertiserAccountsAreRecordedPerItemWithTheirUpdatesAndApproval() {
		Map<String, Object> address = Map.of("address", Map.of("businessName", "Recorded Brand LLC", "addressLine1",
				"1 Test Way", "city", "Seattle", "state", "WA", "zipCode", "98101", "countryCode", "US"));
		Map<String, Object> good = Map.of("displayName", "Recorded Brand", "currencyCode", "USD", "timeZoneIana",
				"America/Los_Angeles", "businessDetails", address);
		Map<String, Object> bad = Map.of("displayName", "Empty Token", "currencyCode", "USD", "timeZoneIana",
				"America/Los_Angeles", "businessDetails", Map.of("addressToken", ""));
		Map<String, Object> answer = ok(this.client.graphql(CREATE_ADVERTISERS, Map.of("input", List.of(bad, good))));
		assertThat((Object) at(answer, "data.createAdvertiserAccounts.results.0.account")).isNull();
		String id = at(answer, "data.createAdvertiserAccounts.results.1.account.id");
		assertThat(row(id)).containsEntry("kind", "ADVERTISER_ACCOUNT")
			.containsEntry("mutation", "createAdvertiserAccounts")
			.containsEntry("input_index", 1)
			.containsEntry("status", "REGISTRATION_IN_PROGRESS");
		assertThat(this.database.sql("SELECT count(*) AS n FROM registration WHERE kind = 'ADVERTISER_ACCOUNT'")
			.fetch()
			.one()
			.block()).containsEntry("n", 1L);
		ok(this.client.graphql(UPDATE_ADVERTISERS,
				Map.of("input", List.of(Map.of("id", id, "displayName", "Recorded Brand Renamed")))));
		this.client.settleRegistration(id);
		assertThat((Object) at(ok(this.client.graphql(ADVERTISERS, Map.of("ids", List.of(id)))),
				"data.advertiserAccounts.nodes.0.status.code"))
			.isEqualTo("APPROVED");
		assertThat(events(id)).containsExactly("REGISTRATION_IN_PROGRESS createAdvertiserAccounts +",
				"REGISTRATION_IN_PROGRESS updateAdvertiserAccounts +", "APPROVED QUERY");
		assertThat(row(id)).containsEntry("status", "APPROVED").containsEntry("terminal", true);
	}

	@Test
	void anotherTenantsReadsRecordNothingOnTheseRegistrations() {
		String token = at(ok(this.client.graphql(CREATE_TOKEN, Map.of())), "data.createTermsToken.termsToken.token");
		this.client.acceptTerms(token);
		// The agency's read of the demo tenant's token: another tenant's, not recorded.
		this.client.graphql("adsgraph-agency-key", TERMS_TOKEN, Map.of("t", token));
		assertThat(events(token)).containsExactly("CREATED createTermsToken +");
		assertThat(row(token)).containsEntry("tenant_id", "demo");
	}

}
