package dev.adsgraph.e2e;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.adsgraph.e2e.PersistedQueriesTest.assertRan;
import static dev.adsgraph.e2e.PersistedQueriesTest.assertRefused;
import static dev.adsgraph.e2e.PersistedQueriesTest.get;
import static dev.adsgraph.e2e.PersistedQueriesTest.post;
import static dev.adsgraph.e2e.PersistedQueriesTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway that runs trusted documents only, from the two manifest formats (Apollo's
 * persisted query manifest, GraphQL Code Generator's persisted-documents.json): the
 * listed documents run by hash over POST and GET or sent in full, anything else is
 * refused, introspection included.
 */
@TestPropertySource(properties = { "adsgraph.graphql.trusted-documents.enabled=true",
		"adsgraph.graphql.trusted-documents.manifests=classpath:trusted-documents/persisted-query-manifest.json,"
				+ "classpath:trusted-documents/persisted-documents.json" })
class TrustedDocumentsTest extends SandboxGatewayTest {

	private static final String LISTED = "query Listed { listed: __typename }";

	private static final String ALSO_LISTED = "query AlsoListed { alsoListed: __typename }";

	private static final String NOT_ALLOWED = "PERSISTED_QUERY_NOT_ALLOWED";

	@Test
	void listedDocumentsRunByHashOverPostAndGetWithoutRegistration() {
		assertRan(post(this.client.gatewayUrl(), null, sha256(LISTED)), "listed");
		assertRan(get(this.client.gatewayUrl(), null, sha256(LISTED)), "listed");
		assertRan(post(this.client.gatewayUrl(), null, sha256(ALSO_LISTED)), "alsoListed");
		assertRan(post(this.client.gatewayUrl(), LISTED, sha256(LISTED)), "listed");
	}

	@Test
	void aListedDocumentSentInFullRuns() {
		assertNoErrors(this.client.graphql(LISTED));
	}

	@Test
	void anUnlistedDocumentIsRefusedHoweverItComes() {
		String unlisted = "query Unlisted { unlisted: __typename }";
		GatewayClient.Raw inFull = this.client.post("/graphql", GatewayClient.DEMO_KEY,
				"{\"query\":\"" + unlisted + "\"}");
		assertThat(inFull.status()).as(inFull.body()).isEqualTo(400);
		assertThat(errorCode(GatewayClient.parse(inFull.body()))).isEqualTo(NOT_ALLOWED);
		assertRefused(post(this.client.gatewayUrl(), unlisted, sha256(unlisted)), NOT_ALLOWED, null);
		assertRefused(post(this.client.gatewayUrl(), null, sha256(unlisted)), NOT_ALLOWED, null);
		assertRefused(get(this.client.gatewayUrl(), unlisted, sha256(unlisted)), NOT_ALLOWED, null);
	}

	@Test
	void introspectionIsRefusedUnlessListed() {
		String introspection = "{ __schema { queryType { name } } }";
		assertRefused(post(this.client.gatewayUrl(), introspection, sha256(introspection)), NOT_ALLOWED, null);
	}

}
