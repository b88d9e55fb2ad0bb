package dev.adsgraph.graphiql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadmeExamplesTest {

	@Test
	void everyGraphqlBlockOfTheReadmeBecomesANamedExampleThatParses() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		long blocks = readme.lines().filter((line) -> line.strip().equals("```graphql")).count();
		List<ReadmeExamples.Example> examples = ReadmeExamples.parse(readme);
		assertThat(examples).hasSize((int) blocks).isNotEmpty();
		assertThat(examples).extracting(ReadmeExamples.Example::name)
			.contains("Profiles", "AdsAccounts", "CreateTermsToken", "Register", "Status", "SellingAccounts", "Create",
					"Products", "ProfileProducts")
			.doesNotHaveDuplicates();
		for (ReadmeExamples.Example example : examples) {
			assertThat(Parser.parse(example.query())).as(example.name()).isNotNull();
		}
	}

	@Test
	void anAnonymousOperationIsNamedAfterItsFirstRootFieldWithoutOtherChanges() {
		List<ReadmeExamples.Example> examples = ReadmeExamples.parse("""
				Text.

				```graphql
				{
				  profiles { id }
				}
				```

				```graphql
				mutation { createTermsToken { termsToken { token } } }
				```

				```graphql
				{ profiles { countryCode } }
				```
				""");
		assertThat(examples).extracting(ReadmeExamples.Example::query)
			.containsExactly("query Profiles {\n  profiles { id }\n}",
					"mutation CreateTermsToken { createTermsToken { termsToken { token } } }",
					"query Profiles2 { profiles { countryCode } }");
	}

	@Test
	void aNamedOperationKeepsItsTextAndGetsATemplateOfItsVariables() {
		String query = "mutation Create($token: String!, $address: String!, $count: Int, $ids: [ID!], "
				+ "$flag: Boolean = true, $input: SomeInput) { createAdvertiserAccounts(input: []) { succeeded } }";
		ReadmeExamples.Example example = ReadmeExamples.parse("```graphql\n" + query + "\n```\n").get(0);
		assertThat(example.name()).isEqualTo("Create");
		assertThat(example.query()).isEqualTo(query);
		Map<String, Object> variables = example.variables();
		assertThat(variables.keySet()).containsExactly("token", "address", "count", "ids", "input");
		assertThat(variables).containsEntry("token", "")
			.containsEntry("count", 0)
			.containsEntry("ids", List.of())
			.containsEntry("input", null);
	}

	@Test
	void aBlockThatDoesNotParseIsRefusedWithItsLine() {
		assertThatThrownBy(() -> ReadmeExamples.parse("# Title\n\n```graphql\n{ profiles { id }\n```\n"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("README line 3: the graphql example does not parse");
		assertThatThrownBy(() -> ReadmeExamples.parse("```graphql\nquery A { a }\nquery B { b }\n```\n"))
			.hasMessageContaining("exactly one operation, this one holds 2");
	}

	@Test
	void datesMoveTogetherSoTheLatestIsTheGivenDay() {
		String query = "{ products(dateRange: { start: \"2026-11-10\", end: \"2026-11-16\" }) { asin } "
				+ "other: products(dateRange: { start: \"2026-11-01\", end: \"2026-11-02\" }) { asin } }";
		String moved = ReadmeExamples.withDatesEndingOn(query, LocalDate.parse("2027-03-01"));
		assertThat(moved).isEqualTo("{ products(dateRange: { start: \"2027-02-23\", end: \"2027-03-01\" }) { asin } "
				+ "other: products(dateRange: { start: \"2027-02-14\", end: \"2027-02-15\" }) { asin } }");
		assertThat(ReadmeExamples.withDatesEndingOn("{ profiles { id } }", LocalDate.parse("2027-03-01")))
			.isEqualTo("{ profiles { id } }");
		assertThat(ReadmeExamples.withDatesEndingOn("{ a(x: \"2026-13-45\") }", LocalDate.parse("2027-03-01")))
			.as("not a date")
			.isEqualTo("{ a(x: \"2026-13-45\") }");
	}

}
