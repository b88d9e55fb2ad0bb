package dev.adsgraph.graphiql;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.adsgraph.testing.LiveModeGateway;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page of a gateway talking to Amazon: no key of any tenant, the configured header
 * name.
 */
class GraphiQlLiveModeTest {

	@Test
	void theLivePageNamesTheHeaderButFillsInNoKey() throws Exception {
		try (LiveModeGateway gateway = LiveModeGateway.start()) {
			HttpResponse<String> page = gateway.get("/graphiql");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("\"mode\":\"live\"")
				.contains("X-Acme-Key")
				.doesNotContain(LiveModeGateway.TENANT_KEY, "adsgraph-demo-key");
		}
	}

	@Test
	void thePageCanBeSwitchedOff() throws Exception {
		try (LiveModeGateway gateway = LiveModeGateway.start("--adsgraph.graphiql.enabled=false")) {
			assertThat(gateway.get("/graphiql").statusCode()).isEqualTo(404);
		}
	}

}
