package dev.adsgraph.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.adsgraph.tenancy.AdsgraphProperties;
import dev.adsgraph.tenancy.AdsgraphProperties.AdsCredentialProperties;
import dev.adsgraph.tenancy.AdsgraphProperties.Mode;
import dev.adsgraph.tenancy.AdsgraphProperties.TenantProperties;
import dev.adsgraph.tenancy.ApiKeyResolver;
import dev.adsgraph.tenancy.TenantRegistry;
import dev.adsgraph.tenancy.WorkspaceStore;
import dev.adsgraph.tenancy.WorkspacesProperties;
import dev.adsgraph.testing.ClosedPort;
import dev.adsgraph.testing.ConfigurationBinding;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter with its database gone (a closed port): configured keys still pass without
 * it, a malformed key is still a 401 without asking it, and an issued-shaped key it
 * cannot check is a 503, never a 401.
 */
class ApiKeyWebFilterTest {

	private final ClosedPort closed = new ClosedPort();

	private final AdsgraphProperties properties = new AdsgraphProperties(Mode.LIVE, "X-Api-Key",
			List.of(new TenantProperties("configured", null, "a-configured-key-0000",
					new AdsCredentialProperties("amzn1.application-oa2-client.c", "s", "Atzr|c", List.of("NA")),
					null)));

	private final AtomicInteger passed = new AtomicInteger();

	private final ApiKeyWebFilter filter = new ApiKeyWebFilter(
			new ApiKeyResolver(new TenantRegistry(this.properties),
					new WorkspaceStore(DatabaseClient.create(ConnectionFactories
						.get("r2dbc:postgresql://postgres@127.0.0.1:" + this.closed.port() + "/none"))),
					ConfigurationBinding.bind(WorkspacesProperties.class), Clock.systemUTC()),
			this.properties, new MockEnvironment());

	@AfterEach
	void close() throws Exception {
		this.closed.close();
	}

	private MockServerWebExchange send(String key) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/graphql");
		if (key != null) {
			request.header("X-Api-Key", key);
		}
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		this.filter.filter(exchange, (e) -> Mono.fromRunnable(this.passed::incrementAndGet))
			.block(Duration.ofSeconds(30));
		return exchange;
	}

	@Test
	void withoutItsDatabaseTheFilterStillAnswersWhatItCan() {
		assertThat(send("a-configured-key-0000").getResponse().getStatusCode()).isNull();
		assertThat(this.passed).hasValue(1);
		MockServerWebExchange unknown = send("not-an-issued-key-0000");
		assertThat(unknown.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		MockServerWebExchange missing = send(null);
		assertThat(missing.getResponse().getBodyAsString().block())
			.isEqualTo(unknown.getResponse().getBodyAsString().block());

		MockServerWebExchange unchecked = send(ApiKeyResolver.newKey());
		assertThat(unchecked.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(unchecked.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(unchecked.getResponse().getBodyAsString().block()).isEqualTo("{\"errors\":[{\"message\":\""
				+ ApiKeyWebFilter.UNAVAILABLE_MESSAGE + "\",\"extensions\":{\"code\":\"INTERNAL\"}}]}");
		assertThat(this.passed).hasValue(1);
	}

}
