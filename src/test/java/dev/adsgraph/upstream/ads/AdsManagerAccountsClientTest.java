package dev.adsgraph.upstream.ads;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.adsgraph.testing.MutableClock;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ScriptedHttpServer;
import dev.adsgraph.upstream.ScriptedHttpServer.RecordedRequest;
import dev.adsgraph.upstream.ScriptedHttpServer.Reply;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The manager-account operations on the wire: paths, media types both ways, no scope,
 * bodies, and the 207 and ErrorDetail answers (ManagerAccount.facts.json).
 */
class AdsManagerAccountsClientTest {

	private static final String NA = "/ads/na";

	private static final LwaCredentials CREDENTIALS = new LwaCredentials("amzn1.application-oa2-client.abc",
			"client-secret", "Atzr|refresh");

	private ScriptedHttpServer server;

	private AdsApiClient client;

	private Function<RecordedRequest, Reply> ads = (request) -> Reply.status(500);

	@BeforeEach
	void start() {
		this.server = new ScriptedHttpServer();
		this.server.script((request) -> request.path().equals("/auth/o2/token")
				? Reply.json(200, "{\"access_token\":\"Atza|t\",\"token_type\":\"bearer\",\"expires_in\":3600}")
				: this.ads.apply(request));
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		LwaTokenService tokens = new LwaTokenService(WebClient.builder(),
				new UpstreamProperties.Lwa(URI.create(this.server.url() + "/auth/o2/token"), Duration.ofSeconds(60),
						Duration.ofSeconds(5)),
				new InMemoryLwaTokenCache(), clock);
		this.client = new WebClientAdsApiClient(WebClient.builder(),
				new UpstreamProperties.Ads(Map.of(Region.NA, URI.create(this.server.url() + NA)), Duration.ofSeconds(2),
						Duration.ofSeconds(5), DataSize.ofMegabytes(16)),
				tokens, clock);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private RecordedRequest onlyAdsRequest() {
		List<RecordedRequest> requests = this.server.requestsTo("/ads/");
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	@Test
	void theListAcceptsItsMediaTypeAndSendsNoScope() {
		this.ads = (request) -> Reply.of(200, "application/vnd.getmanageraccountsresponse.v1+json", """
				{"managerAccounts": [{"managerAccountId": "amzn1.ads1.ma1.x", "managerAccountName": "Group",
				  "linkedAccounts": [{"accountId": "ENTITY1", "accountName": "Shop", "accountType": "SELLER",
				    "dspAdvertiserId": "", "marketplaceId": "ATVPDKIKX0DER", "profileId": "123"}]}]}
				""");

		List<ManagerAccount> managers = this.client.getManagerAccounts(CREDENTIALS, Region.NA).block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.uri()).isEqualTo(NA + "/managerAccounts");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.getmanageraccountsresponse.v1+json");
		assertThat(request.header("Amazon-Advertising-API-ClientId")).isEqualTo(CREDENTIALS.clientId());
		assertThat(request.header("Amazon-Advertising-API-Scope")).isNull();
		assertThat(managers).singleElement().satisfies((manager) -> {
			assertThat(manager.managerAccountName()).isEqualTo("Group");
			assertThat(manager.linkedAccounts().get(0).profileId()).isEqualTo("123");
		});
	}

	@Test
	void createSendsNameAndTypeInTheRequestMediaType() {
		this.ads = (request) -> Reply.of(200, "application/vnd.manageraccount.v1+json",
				"{\"managerAccountId\": \"amzn1.ads1.ma1.new\", \"managerAccountName\": \"Team\", \"linkedAccounts\": []}");

		ManagerAccount created = this.client
			.createManagerAccount(CREDENTIALS, Region.NA, new ManagerAccount.Create("Team", "Agency"))
			.block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("Content-Type")).isEqualTo("application/vnd.createmanageraccountrequest.v1+json");
		assertThat(request.header("Accept")).isEqualTo("application/vnd.manageraccount.v1+json");
		assertThat(json(request.body()))
			.isEqualTo(json("{\"managerAccountName\": \"Team\", \"managerAccountType\": \"Agency\"}"));
		assertThat(created.managerAccountId()).isEqualTo("amzn1.ads1.ma1.new");
		assertThat(created.linkedAccounts()).isEmpty();
	}

	@Test
	void linkAndUnlinkPostTheAccountsAndReadBothHalvesOfA207() {
		this.ads = (request) -> Reply.of(207,
				"application/vnd.updateadvertisingaccountsinmanageraccountresponse.v1+json", """
						{"succeedAccounts": [{"id": "ENTITY1", "type": "ACCOUNT_ID", "roles": ["SELLER_USER"]}],
						 "failedAccounts": [{"account": {"id": "ENTITY2", "type": "ACCOUNT_ID"},
						                     "error": {"code": "FORBIDDEN", "message": "not an admin"}}]}
						""");

		ManagerAccount.UpdateResult linked = this.client.linkAdvertisingAccounts(CREDENTIALS, Region.NA,
				"amzn1.ads1.ma1.x", List.of(ManagerAccount.AccountToUpdate.accountId("ENTITY1"),
						ManagerAccount.AccountToUpdate.accountId("ENTITY2")))
			.block();

		RecordedRequest request = onlyAdsRequest();
		assertThat(request.uri()).isEqualTo(NA + "/managerAccounts/amzn1.ads1.ma1.x/associate");
		assertThat(request.header("Content-Type"))
			.isEqualTo("application/vnd.updateadvertisingaccountsinmanageraccountrequest.v1+json");
		assertThat(request.header("Accept"))
			.isEqualTo("application/vnd.updateadvertisingaccountsinmanageraccountresponse.v1+json");
		assertThat(json(request.body())).isEqualTo(json("""
				{"accounts": [{"id": "ENTITY1", "type": "ACCOUNT_ID"}, {"id": "ENTITY2", "type": "ACCOUNT_ID"}]}
				"""));
		assertThat(linked.succeedAccounts()).extracting(ManagerAccount.AccountToUpdate::id).containsExactly("ENTITY1");
		assertThat(linked.failedAccounts().get(0).error().code()).isEqualTo("FORBIDDEN");

		this.client
			.unlinkAdvertisingAccounts(CREDENTIALS, Region.NA, "amzn1.ads1.ma1.x",
					List.of(ManagerAccount.AccountToUpdate.accountId("ENTITY1")))
			.block();
		assertThat(this.server.requestsTo("/ads/").get(1).uri())
			.isEqualTo(NA + "/managerAccounts/amzn1.ads1.ma1.x/disassociate");
	}

	@Test
	void anErrorDetailBecomesAnUpstreamExceptionWithItsCodeAndMessage() {
		this.ads = (request) -> Reply.of(403,
				"application/vnd.updateadvertisingaccountsinmanageraccountresponse.v1+json",
				"{\"code\": \"FORBIDDEN\", \"message\": \"no access to the manager account\"}");

		UpstreamException ex = catchThrowableOfType(UpstreamException.class,
				() -> this.client
					.linkAdvertisingAccounts(CREDENTIALS, Region.NA, "amzn1.ads1.ma1.other",
							List.of(ManagerAccount.AccountToUpdate.accountId("ENTITY1")))
					.block());

		assertThat(ex.httpStatus()).isEqualTo(403);
		assertThat(ex.code()).isEqualTo("FORBIDDEN");
		assertThat(ex.upstreamMessage()).isEqualTo("no access to the manager account");
		assertThat(ex.operation()).isEqualTo("LinkAdvertisingAccountsToManagerAccountPublicAPI");
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

}
