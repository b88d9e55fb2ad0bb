package dev.adsgraph.graphql;

import graphql.introspection.Introspection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code adsgraph.limits.introspection=false}: the schema is not answered, other queries
 * are; a slice of its own, as the switch is read when the schema is built.
 *
 * <p>
 * Boot applies the switch with graphql-java's {@code Introspection.enabledJvmWide(false)}
 * and never switches it back on, so once this context exists every other context in the
 * same JVM refuses introspection too. The context is closed after the class, and
 * introspection switched back on, so that no later test depends on running before this
 * one.
 */
@GatewayGraphQlTest
@TestPropertySource(properties = "adsgraph.limits.introspection=false")
@DirtiesContext
class IntrospectionOffSliceTest {

	@AfterAll
	static void switchIntrospectionBackOnForTheOtherContexts() {
		Introspection.enabledJvmWide(true);
	}

	@Autowired
	private GraphQlTester graphQlTester;

	@Test
	void introspectionIsRefusedAndQueriesStillWork() {
		this.graphQlTester.documentName("queryTypeName").execute().errors().satisfy((errors) -> {
			assertThat(errors).isNotEmpty();
			assertThat(errors).allSatisfy((error) -> assertThat(error.getMessage()).doesNotContain("Exception"));
		}).path("__schema").pathDoesNotExist();
		this.graphQlTester.document("{ __typename }")
			.execute()
			.path("__typename")
			.entity(String.class)
			.isEqualTo("Query");
	}

}
