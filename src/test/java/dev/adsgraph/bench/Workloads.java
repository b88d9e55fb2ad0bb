package dev.adsgraph.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.netty.handler.codec.http.HttpMethod;
import org.awaitility.Awaitility;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * The six workloads of the benchmark, each as the requests every target that can express
 * it sends:
 *
 * <ul>
 * <li>(a) dashboard overview: the tenant's profiles and ads accounts in one request;</li>
 * <li>(b) products with their figures for 50 ASINs (catalog, listing, inventory, sales
 * and traffic, advertising, derived metrics): Adsgraph only, since neither the peer nor a
 * single upstream call can join the two APIs;</li>
 * <li>(c) one profile by id, which Adsgraph answers from its profile cache (cache
 * hot);</li>
 * <li>(d) registration status polling: one ads account's status, asked again and
 * again;</li>
 * <li>(d2) status polling over all the sandbox's ads accounts, round-robin, so that
 * sharing identical in-flight reads of one account cannot carry the result;</li>
 * <li>(e) a mixed dashboard session: the overview, one profile's products and performance
 * as the example dashboard asks for them, and status polls, in the ratio {@link #SESSION}
 * (derived in bench/README.md): Adsgraph only, since neither the peer nor the direct
 * floor can express the products and performance.</li>
 * </ul>
 *
 * <p>
 * Targets: {@value #ADSGRAPH} (the gateway under test), {@value #PEER} (bench/peer, when
 * installed; workloads whose GraphQL document exists in bench/peer/queries), and
 * {@value #DIRECT} (the load generator sends the same upstream calls itself, with an LWA
 * token it got once: the floor a gateway adds its latency to).
 */
final class Workloads implements AutoCloseable {

	static final String ADSGRAPH = "adsgraph";

	static final String PEER = "hive-gateway";

	static final String DIRECT = "direct";

	static final String SELLER = "A3NWOUTDR82KQZ";

	static final String MARKETPLACE = "ATVPDKIKX0DER";

	/** Hive Gateway's readiness path. */
	static final String PEER_HEALTH = "/readiness";

	static final int ASINS = 50;

	static final String OVERVIEW = """
			query Overview {
			  profiles { id countryCode currencyCode timezone marketplaceId dailyBudget accountInfo { accountId type name validPaymentMethod } }
			  adsAccounts(first: 50) { nodes { id name status countryCodes } pageInfo { hasNextPage endCursor } }
			}""";

	static final String PRODUCTS = """
			query Products($asins: [String!]!, $start: Date!, $end: Date!) {
			  products(marketplaceId: "%s", asins: $asins, dateRange: { start: $start, end: $end }) {
			    freshness { advertising { status asOf } retail { status asOf } }
			    nodes {
			      id asin
			      catalog { title brand imageUrl salesRanks { title rank } }
			      listing { sku status price { amount currencyCode } }
			      inventory { fulfillable inboundShipped reserved }
			      sales { unitsOrdered orderedProductSales { amount currencyCode } sessions pageViews buyBoxPercentage }
			      advertising { impressions clicks spend { amount } attributedSales { amount } attributedOrders }
			      metrics { ctr cvr cpc { amount } acos roas tacos organicSales { amount } organicShare }
			    }
			  }
			}""".formatted(MARKETPLACE);

	static final String PROFILE = """
			query Profile($profileId: ID!) {
			  profile(id: $profileId) { id countryCode currencyCode timezone marketplaceId dailyBudget accountInfo { accountId type name validPaymentMethod } }
			}""";

	static final String STATUS = """
			query Status($adsAccountId: ID!) {
			  adsAccount(id: $adsAccountId) { id name status countryCodes }
			}""";

	/**
	 * The example dashboard's own products-and-performance request
	 * ({@code DashboardProducts} in {@code dev/adsgraph/dashboard/dashboard.js}, its
	 * {@code FRESHNESS} fragment written out): the profile's totals and daily figures and
	 * its first page of products. {@code WorkloadsTest} checks it is still the
	 * dashboard's.
	 */
	static final String DASHBOARD_PRODUCTS = """
			query DashboardProducts($id: ID!, $range: DateRangeInput!, $first: Int!, $after: String) {
			  profile(id: $id) {
			    id
			    performance(dateRange: $range) {
			      id
			      advertising { spend { amount } attributedSales { amount } }
			      sales { orderedProductSales { amount } }
			      metrics { acos tacos organicShare }
			      daily {
			        id date
			        advertising { spend { amount } attributedSales { amount } }
			        sales { orderedProductSales { amount } unitsOrdered }
			        metrics { acos tacos organicShare }
			      }
			      freshness { advertising { status message } retail { status message } }
			    }
			    products(dateRange: $range, first: $first, after: $after) {
			      nodes {
			        id asin
			        catalog { title }
			        inventory { fulfillable inboundShipped reserved }
			        advertising { spend { amount } attributedSales { amount } }
			        sales { orderedProductSales { amount } }
			        metrics { acos tacos organicShare }
			      }
			      pageInfo { hasNextPage endCursor }
			      freshness { advertising { status message } retail { status message } }
			    }
			  }
			}""";

	/** The example dashboard's page of products ({@code PAGE_SIZE} in dashboard.js). */
	static final int DASHBOARD_PAGE_SIZE = 50;

	/**
	 * The example dashboard's date range: the 14 days up to yesterday ({@code start()} in
	 * dashboard.js).
	 */
	static final int DASHBOARD_DAYS = 14;

	/**
	 * Status polls per dashboard session: Amazon completes a registration in 3 to 30 s
	 * and asks clients to poll every 3 to 5 s; polling every 4 s from the registration's
	 * answer, a completion time drawn uniformly from 3 to 30 s takes ceil(t / 4) polls,
	 * 125/27 = 4.6 on average, so 5 (bench/README.md, workload (e)).
	 */
	static final int STATUS_POLLS_PER_SESSION = 5;

	/**
	 * Workload (e)'s cycle, one dashboard session: request <i>i</i> of the run is entry
	 * <i>i</i> mod 7.
	 */
	static final List<String> SESSION = List.of("overview", "productsAndPerformance", "status", "status", "status",
			"status", "status");

	/**
	 * One target's way of running one workload.
	 *
	 * @param requests Adsgraph's request sequence, one period of it (request <i>i</i> of
	 * a run is {@code requests.get(i mod size)}), which the answer-equality check samples
	 * ({@link AnswerCheck}); empty for the other targets
	 */
	record Case(String workload, String target, Supplier<Mono<Boolean>> operation, Bench.Before before,
			List<Request> requests) {

		Case(String workload, String target, Supplier<Mono<Boolean>> operation, Bench.Before before) {
			this(workload, target, operation, before, List.of());
		}

	}

	/**
	 * One GraphQL request of a workload.
	 *
	 * @param name its operation name
	 * @param body the request's body, as sent
	 */
	record Request(String name, Map<String, Object> variables, byte[] body) {

		static Request of(String name, String query, Map<String, Object> variables) {
			return new Request(name, variables, Http.graphqlBody(query, variables));
		}

	}

	private final Http http;

	private final Bench.Control control;

	private final String gatewayGraphql;

	private final String sandbox;

	private final String peerGraphql;

	private final Path peerQueries;

	private final HttpClient adsgraph;

	private final HttpClient direct;

	private final HttpClient peer;

	private final String profileId;

	private final String adsAccountId;

	/**
	 * Every ads account the sandbox's demo user has in NA, in the order Amazon lists
	 * them.
	 */
	private final List<String> adsAccountIds;

	private final List<String> asins;

	private final LocalDate start;

	private final LocalDate end;

	private Workloads(Http http, Bench.Control control, String gateway, String sandbox, String apiKey, String peer,
			Path peerDir, String accessToken, String clientId, String profileId, String adsAccountId,
			List<String> adsAccountIds, List<String> asins) {
		this.http = http;
		this.control = control;
		this.gatewayGraphql = gateway + "/graphql";
		this.sandbox = sandbox;
		this.peerGraphql = (peer != null) ? peer + "/graphql" : null;
		this.peerQueries = peerDir.resolve("queries");
		this.adsgraph = http.withHeaders(Map.of("Content-Type", "application/json", "X-Api-Key", apiKey));
		Map<String, String> amazon = Map.of("Authorization", "Bearer " + accessToken, "Amazon-Advertising-API-ClientId",
				clientId);
		this.direct = http.withHeaders(amazon);
		Map<String, String> peerHeaders = new LinkedHashMap<>(amazon);
		peerHeaders.put("Content-Type", "application/json");
		this.peer = http.withHeaders(peerHeaders);
		this.profileId = profileId;
		this.adsAccountId = adsAccountId;
		this.adsAccountIds = adsAccountIds;
		this.asins = asins;
		this.end = Bench.yesterday();
		this.start = this.end.minusDays(6);
	}

	static Workloads create(BenchOptions o, Bench.Control control, JsonNode info, String gateway, String sandbox,
			String apiKey, String peer, Path peerDir) throws IOException, InterruptedException {
		JsonNode user = info.get("users").get(0);
		String token = control.accessToken(user);
		JsonNode data = Bench.Control
			.graphql(gateway + "/graphql", apiKey,
					"query { profiles(filter: { types: [SELLER], marketplaceIds: [\"" + MARKETPLACE
							+ "\"] }) { id accountInfo { accountId } } adsAccounts(first: 1) { nodes { id } } }",
					Map.of());
		String profileId = null;
		for (JsonNode profile : data.get("profiles")) {
			if (profile.get("accountInfo").get("accountId").asString().equals(SELLER)) {
				profileId = profile.get("id").asString();
			}
		}
		if (profileId == null || data.get("adsAccounts").get("nodes").isEmpty()) {
			throw new IllegalStateException(
					"the sandbox's demo user has no " + SELLER + " profile or no ads account: " + data);
		}
		String adsAccountId = data.get("adsAccounts").get("nodes").get(0).get("id").asString();
		LocalDate end = Bench.yesterday();
		JsonNode products = control.get("/sandbox/products?sellerId=" + SELLER + "&marketplaceId=" + MARKETPLACE
				+ "&startDate=" + end.minusDays(6) + "&endDate=" + end);
		List<String> asins = new ArrayList<>();
		for (JsonNode product : products.get("products")) {
			if (asins.size() < ASINS) {
				asins.add(product.get("asin").asString());
			}
		}
		if (asins.size() < ASINS) {
			throw new IllegalStateException("the sandbox's seller has only " + asins.size() + " products");
		}
		List<String> adsAccountIds = adsAccountIds(sandbox, token, user.get("clientId").asString());
		if (!adsAccountIds.contains(adsAccountId)) {
			throw new IllegalStateException(
					"the gateway's first ads account " + adsAccountId + " is not among Amazon's " + adsAccountIds);
		}
		Http http = new Http("load", Math.max(o.clients(), 256));
		return new Workloads(http, control, gateway, sandbox, apiKey, peer, peerDir, token,
				user.get("clientId").asString(), profileId, adsAccountId, adsAccountIds, List.copyOf(asins));
	}

	/**
	 * All the user's ads accounts in NA, as Amazon lists them
	 * ({@code POST /adsAccounts/list}, every page): the accounts (d2) and (e) poll.
	 */
	static List<String> adsAccountIds(String sandbox, String accessToken, String clientId)
			throws IOException, InterruptedException {
		Set<String> ids = new LinkedHashSet<>();
		String nextToken = null;
		do {
			Map<String, Object> request = (nextToken == null) ? Map.of("maxResults", 100)
					: Map.of("maxResults", 100, "nextToken", nextToken);
			HttpResponse<byte[]> response = Bench.HTTP
				.send(HttpRequest.newBuilder(URI.create(sandbox + "/ads/na/adsAccounts/list"))
					.header("Authorization", "Bearer " + accessToken)
					.header("Amazon-Advertising-API-ClientId", clientId)
					.header("Content-Type", LIST_ADS_ACCOUNTS)
					.header("Accept", LIST_ADS_ACCOUNTS)
					.timeout(Duration.ofSeconds(30))
					.POST(HttpRequest.BodyPublishers.ofByteArray(Bench.JSON.writeValueAsBytes(request)))
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("POST /adsAccounts/list answered " + response.statusCode() + ": "
						+ new String(response.body(), StandardCharsets.UTF_8));
			}
			JsonNode page = Bench.JSON.readTree(response.body());
			for (JsonNode account : page.get("adsAccounts")) {
				ids.add(account.get("adsAccountId").asString());
			}
			nextToken = (page.hasNonNull("nextToken") && !page.get("nextToken").asString().isEmpty())
					? page.get("nextToken").asString() : null;
		}
		while (nextToken != null);
		if (ids.size() < 2) {
			throw new IllegalStateException("the sandbox's demo user has " + ids.size() + " ads accounts in NA");
		}
		return List.copyOf(ids);
	}

	List<Case> cases(String workload) throws IOException {
		List<Case> cases = new ArrayList<>();
		String ads = this.sandbox + "/ads/na";
		switch (workload) {
			case "a" -> {
				cases.add(adsgraphCase("a", List.of(Request.of("Overview", OVERVIEW, Map.of())), null));
				peerCase("a", "overview.graphql", Map.of()).ifPresent(cases::add);
				byte[] list = "{\"maxResults\":100}".getBytes(StandardCharsets.UTF_8);
				HttpClient listClient = this.direct
					.headers((h) -> h.set("Content-Type", LIST_ADS_ACCOUNTS).set("Accept", LIST_ADS_ACCOUNTS));
				HttpClient jsonClient = this.direct.headers((h) -> h.set("Accept", "application/json"));
				cases.add(
						new Case("a", DIRECT,
								() -> Mono
									.zip(Http.expect2xx(jsonClient, HttpMethod.GET, ads + "/v2/profiles", null),
											Http.expect2xx(listClient, HttpMethod.POST, ads + "/adsAccounts/list",
													list))
									.map((both) -> true),
								null));
			}
			case "b" -> {
				cases.add(adsgraphCase("b", List.of(Request.of("Products", PRODUCTS, productsVariables())),
						this::coldProductsRequest));
			}
			case "c" -> {
				cases.add(adsgraphCase("c",
						List.of(Request.of("Profile", PROFILE, Map.of("profileId", this.profileId))), null));
				peerCase("c", "profile.graphql", Map.of("profileId", this.profileId)).ifPresent(cases::add);
				HttpClient jsonClient = this.direct.headers((h) -> h.set("Accept", "application/json"));
				cases.add(new Case("c", DIRECT,
						() -> Http.expect2xx(jsonClient, HttpMethod.GET, ads + "/v2/profiles/" + this.profileId, null),
						null));
			}
			case "d" -> {
				cases.add(adsgraphCase("d", List.of(statusRequest(this.adsAccountId)), null));
				peerCase("d", "status.graphql", Map.of("adsAccountId", this.adsAccountId)).ifPresent(cases::add);
				HttpClient accountClient = this.direct.headers((h) -> h.set("Accept", ADS_ACCOUNT));
				cases.add(new Case("d", DIRECT, () -> Http.expect2xx(accountClient, HttpMethod.GET,
						ads + "/adsAccounts/" + this.adsAccountId, null), null));
			}
			case "d2" -> {
				Bench.Before accounts = () -> Map.of("d2.adsAccountsPolled", this.adsAccountIds.size());
				cases.add(adsgraphCase("d2", this.adsAccountIds.stream().map(Workloads::statusRequest).toList(),
						accounts));
				Path document = this.peerQueries.resolve("status.graphql");
				if (this.peerGraphql != null && Files.isRegularFile(document)) {
					String status = Files.readString(document);
					cases.add(new Case("d2", PEER, roundRobin(this.adsAccountIds, (id) -> {
						byte[] body = Http.graphqlBody(status, Map.of("adsAccountId", id));
						return () -> Http.graphql(this.peer, this.peerGraphql, body);
					}), null));
				}
				HttpClient accountClient = this.direct.headers((h) -> h.set("Accept", ADS_ACCOUNT));
				cases.add(new Case("d2", DIRECT, roundRobin(this.adsAccountIds,
						(id) -> () -> Http.expect2xx(accountClient, HttpMethod.GET, ads + "/adsAccounts/" + id, null)),
						null));
			}
			case "e" -> {
				cases.add(adsgraphCase("e",
						sessions(Request.of("Overview", OVERVIEW, Map.of()),
								Request.of("DashboardProducts", DASHBOARD_PRODUCTS, dashboardProductsVariables()),
								this.adsAccountIds.stream().map(Workloads::statusRequest).toList()),
						this::dashboardReportsReady));
			}
			default -> throw new IllegalArgumentException("no workload " + workload);
		}
		return cases;
	}

	/** Adsgraph's case of a workload: its request sequence, request after request. */
	private Case adsgraphCase(String workload, List<Request> requests, Bench.Before before) {
		return new Case(workload, ADSGRAPH, cycle(requests.stream().map((request) -> {
			byte[] body = request.body();
			return (Supplier<Mono<Boolean>>) () -> Http.graphql(this.adsgraph, this.gatewayGraphql, body);
		}).toList()), before, List.copyOf(requests));
	}

	static Request statusRequest(String adsAccountId) {
		return Request.of("Status", STATUS, Map.of("adsAccountId", adsAccountId));
	}

	/**
	 * Workload (e)'s sequence, one period of it: session after session ({@link #SESSION}:
	 * the overview, the products and performance, then status polls), the polls going
	 * round-robin over the accounts across sessions; after as many sessions as there are
	 * accounts the polls start again at the first account.
	 */
	static List<Request> sessions(Request overview, Request products, List<Request> polls) {
		List<Request> sequence = new ArrayList<>();
		int poll = 0;
		for (int session = 0; session < polls.size(); session++) {
			for (String entry : SESSION) {
				sequence.add(switch (entry) {
					case "overview" -> overview;
					case "productsAndPerformance" -> products;
					case "status" -> polls.get(poll++ % polls.size());
					default -> throw new IllegalStateException(entry);
				});
			}
		}
		return List.copyOf(sequence);
	}

	/**
	 * One request per item, item after item: request <i>i</i> of a run (whichever client
	 * sends it) is the one for item <i>i</i> mod n.
	 */
	static <T> Supplier<Mono<Boolean>> roundRobin(List<T> items, Function<T, Supplier<Mono<Boolean>>> request) {
		List<Supplier<Mono<Boolean>>> requests = new ArrayList<>();
		for (T item : items) {
			requests.add(request.apply(item));
		}
		return cycle(requests);
	}

	/** Request <i>i</i> of a run is {@code requests.get(i mod n)}. */
	static Supplier<Mono<Boolean>> cycle(List<Supplier<Mono<Boolean>>> requests) {
		List<Supplier<Mono<Boolean>>> copy = List.copyOf(requests);
		AtomicLong next = new AtomicLong();
		return () -> copy.get((int) Math.floorMod(next.getAndIncrement(), (long) copy.size())).get();
	}

	private Map<String, Object> productsVariables() {
		return Map.of("asins", this.asins, "start", this.start.toString(), "end", this.end.toString());
	}

	private Map<String, Object> dashboardProductsVariables() {
		LocalDate end = Bench.yesterday();
		// "after" left out: null, as the dashboard's first page sends it
		return Map.of("id", this.profileId, "range",
				Map.of("start", end.minusDays(DASHBOARD_DAYS - 1).toString(), "end", end.toString()), "first",
				DASHBOARD_PAGE_SIZE);
	}

	/**
	 * Before (e): the dashboard's products-and-performance request until the reports
	 * behind it are ready (the dashboard asks again while they are PENDING, up to 20
	 * times), so the runs measure the steady state, as (b) does.
	 */
	private Map<String, Object> dashboardReportsReady() throws Exception {
		JsonNode profile = dashboardReportsReady(this.gatewayGraphql);
		Map<String, Object> finding = new LinkedHashMap<>();
		finding.put("e.session", String.join(", ", SESSION));
		finding.put("e.adsAccountsPolled", this.adsAccountIds.size());
		finding.put("e.productsOnPage", profile.get("products").get("nodes").size());
		return finding;
	}

	/**
	 * The dashboard's products-and-performance request to a gateway until the four report
	 * statuses it shows are READY; the profile of the last answer.
	 */
	private JsonNode dashboardReportsReady(String graphql) {
		Map<String, Object> variables = dashboardProductsVariables();
		return untilReady("the dashboard's reports",
				() -> Bench.Control.graphql(graphql, Bench.API_KEY, DASHBOARD_PRODUCTS, variables).get("profile"),
				(answer) -> List.of("performance", "products")
					.stream()
					.map((part) -> answer.get(part).get("freshness"))
					.allMatch(Workloads::bothReady));
	}

	/** (b)'s 50-ASIN request to a gateway until both its reports are READY. */
	private void productsReportsReady(String graphql) {
		Map<String, Object> variables = productsVariables();
		untilReady("the products' reports",
				() -> Bench.Control.graphql(graphql, Bench.API_KEY, PRODUCTS, variables)
					.get("products")
					.get("freshness"),
				Workloads::bothReady);
	}

	/**
	 * Before a workload's answers are compared ({@link AnswerCheck}): waits until a
	 * gateway's reports behind the workload's answers are READY, as the workload's own
	 * set-up did for the gateway under test, so that two gateways' answers are compared
	 * in the same steady state.
	 */
	void awaitSteadyState(String workload, String gateway) {
		switch (workload) {
			case "b" -> productsReportsReady(gateway + "/graphql");
			case "e" -> dashboardReportsReady(gateway + "/graphql");
			default -> {
				// no reports behind its answers
			}
		}
	}

	/**
	 * Whether a freshness answer has both its advertising and its retail report READY.
	 */
	private static boolean bothReady(JsonNode freshness) {
		return freshness.get("advertising").get("status").asString().equals("READY")
				&& freshness.get("retail").get("status").asString().equals("READY");
	}

	/**
	 * Asks the gateway every half second until its answer is ready (at most two minutes,
	 * then the run stops naming {@code what}); the last answer.
	 */
	private static JsonNode untilReady(String what, Callable<JsonNode> ask, Predicate<JsonNode> ready) {
		return Awaitility.await(what + " READY")
			.atMost(Duration.ofMinutes(2))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(500))
			.until(ask, ready);
	}

	static final String LIST_ADS_ACCOUNTS = "application/vnd.listaccountsresource.v1+json";

	static final String ADS_ACCOUNT = "application/vnd.accountresource.v1+json";

	private Optional<Case> peerCase(String workload, String file, Map<String, Object> variables) throws IOException {
		Path document = this.peerQueries.resolve(file);
		if (this.peerGraphql == null || !Files.isRegularFile(document)) {
			return Optional.empty();
		}
		byte[] body = Http.graphqlBody(Files.readString(document), variables);
		return Optional.of(new Case(workload, PEER, () -> Http.graphql(this.peer, this.peerGraphql, body), null));
	}

	/**
	 * The first 50-ASIN request the gateway ever sees, alone: what it costs upstream (the
	 * catalog calls among them), then waits until both reports are ready so the runs
	 * measure the steady state.
	 */
	private Map<String, Object> coldProductsRequest() throws Exception {
		this.control.post("/sandbox/stats/reset");
		Bench.Control.graphql(this.gatewayGraphql, Bench.API_KEY, PRODUCTS, productsVariables());
		Map<String, Long> calls = new TreeMap<>();
		this.control.get("/sandbox/stats")
			.properties()
			.stream()
			.filter((e) -> e.getValue().isNumber()) // not the "warnings" list
			.forEach((e) -> calls.put(e.getKey(), e.getValue().asLong()));
		productsReportsReady(this.gatewayGraphql);
		Map<String, Object> finding = new LinkedHashMap<>();
		finding.put("b.coldRequestUpstreamCalls", calls);
		return finding;
	}

	@Override
	public void close() {
		this.http.close();
	}

}
