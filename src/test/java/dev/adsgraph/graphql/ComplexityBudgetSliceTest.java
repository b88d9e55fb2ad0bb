package dev.adsgraph.graphql;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's queries run within the complexity budget, which each gives back.
 */
@GatewayGraphQlTest
class ComplexityBudgetSliceTest {

	@Autowired
	private GraphQlTester graphQlTester;

	@Autowired
	private GraphQlSource graphQlSource;

	@Autowired
	private ComplexityBudget budget;

	@Test
	void queriesRunWithinTheBudgetAndGiveItBack() {
		assertThat(this.graphQlSource.graphQl().getQueryStrategy()).isInstanceOf(BudgetedExecutionStrategy.class);
		this.graphQlTester.document("{ __typename }")
			.execute()
			.path("__typename")
			.entity(String.class)
			.isEqualTo("Query");
		assertThat(this.budget.inUse()).isZero();
		assertThat(this.budget.waiting()).isZero();
	}

}
