package dev.adsgraph.e2e;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.adsgraph.tenancy.ApiKeyResolver;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.web.ApiKeyWebFilter;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.instrumentation.DataLoaderInstrumentation;
import org.dataloader.instrumentation.DataLoaderInstrumentationContext;
import org.dataloader.instrumentation.DataLoaderInstrumentationHelper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;

import static dev.adsgraph.e2e.GatewayClient.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Product.catalog}, {@code .listing} and {@code .inventory} are read once for all
 * the products of a response, never per product: a page of products has them read with
 * the page (no data loader runs for them), and products made elsewhere (an ad's product)
 * have them read through one data loader batch per field. Counted by java-dataloader's
 * own instrumentation of the request's loaders, on requests run through the application's
 * real GraphQL handler against the sandbox. The answers themselves are checked against
 * the sandbox's ground truth by {@link ProductsTest} and {@link CampaignsTest}.
 */
class ProductBatchingTest extends SandboxGatewayTest {

	private static final String PAGE = """
			query($s: Date!, $e: Date!) { profiles(filter: {marketplaceIds: ["ATVPDKIKX0DER"], types: [SELLER]}) {
			  accountInfo { accountId }
			  products(dateRange: {start: $s, end: $e}, first: 50) { nodes { asin
			    catalog { title } listing { sku } inventory { fulfillable } metrics { ctr acos } } } } }""";

	@Autowired
	private WebGraphQlHandler handler;

	@Autowired
	private ApiKeyResolver keys;

	private final LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(3);

	private final LocalDate start = this.end.minusDays(6);

	private static final String SELLER_PROFILE = """
			{ profiles(filter: {marketplaceIds: ["ATVPDKIKX0DER"], types: [SELLER]}) { id accountInfo { accountId } } }""";

	private static final List<String> LOADERS = List.of("productCatalog", "productListing", "productInventory");

	@Test
	void aPageOfFiftyProductsReadsItsCatalogListingAndInventoryWithThePage() {
		Run run = eventually(() -> run(PAGE, Map.of("s", this.start.toString(), "e", this.end.toString())),
				(r) -> seller(r).size() == 50);
		assertThat(run.response().getErrors()).isEmpty();
		assertThat(run.batches()).as("data loader batches").noneMatch((batch) -> LOADERS.contains(batch.loader()));
		List<Map<String, Object>> nodes = seller(run);
		assertThat(nodes).allSatisfy((node) -> {
			assertThat(node.get("catalog")).as("catalog of %s", node.get("asin")).isNotNull();
			assertThat(node).as("listing and inventory of %s", node.get("asin")).containsKeys("listing", "inventory");
			assertThat(node.get("metrics")).as("metrics of %s", node.get("asin")).isNotNull();
		});
	}

	@Test
	void adsProductsHaveEachFieldReadInOneBatch() {
		List<Map<String, Object>> profiles = at(run(SELLER_PROFILE, Map.of()).response().getData(), "profiles");
		String profile = profiles.stream()
			.filter((p) -> ProductsTest.SELLER.equals(at(p, "accountInfo.accountId")))
			.map((p) -> (String) p.get("id"))
			.findFirst()
			.orElseThrow();
		Run run = eventually(
				() -> run(CampaignsTest.DOWN_TO_PRODUCTS,
						Map.of("p", profile, "s", this.start.toString(), "e", this.end.toString())),
				(r) -> !adsProducts(r).isEmpty());
		assertThat(run.response().getErrors()).isEmpty();
		long products = adsProducts(run).stream().map((product) -> product.get("asin")).distinct().count();
		assertThat(products).isGreaterThan(1);
		for (String loader : LOADERS) {
			assertThat(run.batches().stream().filter((b) -> b.loader().equals(loader)).toList())
				.as("batch calls of %s", loader)
				.singleElement()
				.satisfies((batch) -> assertThat(batch.keys()).isEqualTo(products));
		}
		assertThat(adsProducts(run)).anySatisfy(
				(product) -> assertThat(product.get("catalog")).as("catalog of %s", product.get("asin")).isNotNull());
	}

	private Run run(String query, Map<String, Object> variables) {
		Tenant tenant = this.keys.configured(GatewayClient.DEMO_KEY).orElseThrow();
		Queue<Batch> batches = new ConcurrentLinkedQueue<>();
		DataLoaderInstrumentation counting = new DataLoaderInstrumentation() {
			@Override
			public DataLoaderInstrumentationContext<List<?>> beginBatchLoader(DataLoader<?, ?> loader, List<?> keys,
					BatchLoaderEnvironment environment) {
				batches.add(new Batch(loader.getName(), keys.size()));
				return DataLoaderInstrumentationHelper.noOpCtx();
			}
		};
		WebGraphQlRequest request = new WebGraphQlRequest(URI.create("http://localhost/graphql"), new HttpHeaders(),
				null, Map.of(ApiKeyWebFilter.TENANT_ATTRIBUTE, tenant), Map.of("query", query, "variables", variables),
				"batching", null);
		request.configureExecutionInput((input, builder) -> builder
			.dataLoaderRegistry(DataLoaderRegistry.newRegistry().instrumentation(counting).build())
			.build());
		WebGraphQlResponse response = this.handler.handleRequest(request).block();
		return new Run(response, List.copyOf(batches));
	}

	private static List<Map<String, Object>> seller(Run run) {
		Map<String, Object> data = run.response().getData();
		if (data == null) {
			return List.of();
		}
		List<Map<String, Object>> profiles = at(data, "profiles");
		return profiles.stream()
			.filter((p) -> ProductsTest.SELLER.equals(at(p, "accountInfo.accountId")))
			.findFirst()
			.<List<Map<String, Object>>>map((p) -> at(p, "products.nodes"))
			.orElse(List.of());
	}

	/** The seller's ads' products, each once per ad. */
	private static List<Map<String, Object>> adsProducts(Run run) {
		Map<String, Object> data = run.response().getData();
		if (data == null) {
			return List.of();
		}
		List<Map<String, Object>> products = new ArrayList<>();
		List<Map<String, Object>> campaigns = at(data, "profile.campaigns.nodes");
		for (Map<String, Object> campaign : campaigns) {
			List<Map<String, Object>> groups = at(campaign, "adGroups.nodes");
			for (Map<String, Object> group : groups) {
				List<Map<String, Object>> ads = at(group, "ads.nodes");
				for (Map<String, Object> ad : ads) {
					Map<String, Object> product = at(ad, "product");
					if (product != null) {
						products.add(product);
					}
				}
			}
		}
		return products;
	}

	private record Batch(String loader, int keys) {
	}

	private record Run(WebGraphQlResponse response, List<Batch> batches) {
	}

}
