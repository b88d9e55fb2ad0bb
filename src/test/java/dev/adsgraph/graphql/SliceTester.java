package dev.adsgraph.graphql;

import java.util.List;
import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.web.reactive.function.client.WebClient;

import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.sp.SpCredentials;

/**
 * What the web layer gives a GraphQL request in the whole application (the tenant of the
 * API key, a correlation id), given here by the tester of a {@link GatewayGraphQlTest}
 * slice; and the closed port its upstream clients point at.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SliceTester {

	/** Nothing listens on the discard port of the loopback address. */
	static final String CLOSED = "http://127.0.0.1:9";

	static final String LWA = "adsgraph.upstream.lwa.token-url=" + CLOSED + "/auth/o2/token";

	static final String ADS_NA = "adsgraph.upstream.ads.hosts.NA=" + CLOSED;

	static final String ADS_EU = "adsgraph.upstream.ads.hosts.EU=" + CLOSED;

	static final String ADS_FE = "adsgraph.upstream.ads.hosts.FE=" + CLOSED;

	static final String SP_NA = "adsgraph.upstream.sp.hosts.NA=" + CLOSED;

	static final String SP_EU = "adsgraph.upstream.sp.hosts.EU=" + CLOSED;

	static final String SP_FE = "adsgraph.upstream.sp.hosts.FE=" + CLOSED;

	private static final LwaCredentials CREDENTIALS = new LwaCredentials("amzn1.application-oa2-client.slice",
			"slice-secret", "Atzr|slice");

	/** The tenant every request of a slice runs as. */
	public static final Tenant TENANT = Tenant.configured("slice", "Slice tenant", CREDENTIALS,
			List.of(Region.NA, Region.EU, Region.FE), new SpCredentials(CREDENTIALS, "A3NWOUTDR82KQZ"),
			List.of(Region.NA));

	/** The correlation id of every request of a slice. */
	public static final String CORRELATION_ID = "slice-correlation-id";

	@Bean
	ExecutionGraphQlServiceTester graphQlTester(ExecutionGraphQlService service) {
		return ExecutionGraphQlServiceTester.builder(service)
			.configureExecutionInput((input, builder) -> builder
				.graphQLContext(Map.of(TenantContextInterceptor.TENANT, TENANT, CorrelationInterceptor.CONTEXT_KEY,
						CORRELATION_ID))
				.build())
			.build();
	}

	/** The upstream clients are built from it, as Boot's auto-configuration does. */
	@Bean
	@Scope("prototype")
	WebClient.Builder webClientBuilder() {
		return WebClient.builder();
	}

}
