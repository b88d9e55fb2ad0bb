package dev.adsgraph.e2e;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * {@code Product.catalog}, {@code .listing}, {@code .inventory} and {@code .metrics} are
 * resolved with one controller call per field for all the products of a response, not one
 * per product: counted by java-dataloader's own instrumentation of the request's loaders
 * (a Spring batch mapping is a data loader whose batch function is the controller
 * method), on a request run through the application's real GraphQL handler against the
 * sandbox. The answers themselves are checked against the sandbox's ground truth by
 * {@link ProductsTest}.
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

	@Test
	void aPageOfFiftyProductsCallsEachFieldsControllerMethodOnce() {
		Run run = eventually(this::page, (r) -> seller(r).size() == 50);
		assertThat(run.response().getErrors()).isEmpty();
		for (String field : List.of("catalog", "listing", "inventory", "metrics")) {
			assertThat(run.batches().stream().filter((b) -> b.loader().equals("Product." + field)).toList())
				.as("batch calls of Product.%s", field)
				.singleElement()
				.satisfies((batch) -> assertThat(batch.keys()).isEqualTo(50));
		}
		List<Map<String, Object>> nodes = seller(run);
		assertThat(nodes).allSatisfy((node) -> {
			assertThat(node.get("catalog")).as("catalog of %s", node.get("asin")).isNotNull();
			assertThat(node.get("metrics")).as("metrics of %s", node.get("asin")).isNotNull();
		});
	}

	private Run page() {
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
				null, Map.of(ApiKeyWebFilter.TENANT_ATTRIBUTE, tenant),
				Map.of("query", PAGE, "variables", Map.of("s", this.start.toString(), "e", this.end.toString())),
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

	private record Batch(String loader, int keys) {
	}

	private record Run(WebGraphQlResponse response, List<Batch> batches) {
	}

}
