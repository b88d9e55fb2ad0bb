package dev.adsgraph.graphiql;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExamplesTest {

	@Test
	void everyFileOfTheExamplesDirectoryIsANamedOperationWithTheVariablesItNeeds() {
		List<Examples.Example> examples = Examples.load("file:examples/*.graphql");
		assertThat(examples).extracting(Examples.Example::name)
			.startsWith("Profiles")
			.contains("AdsAccounts", "CreateTermsToken", "Register", "Status", "SellingAccounts",
					"CreateAdvertiserAccounts", "Products", "ProfileProducts", "DailyPerformance")
			.doesNotHaveDuplicates();
		assertThat(examples).filteredOn((example) -> example.name().equals("Register"))
			.singleElement()
			.satisfies((register) -> assertThat(register.variables()).contains("\"token\""));
	}

	@Test
	void theJarCarriesTheExamplesDirectoryAsItIs() {
		assertThat(Examples.load(Examples.CLASSPATH)).as("examples/ packed by the build at %s", Examples.CLASSPATH)
			.isEqualTo(Examples.load("file:examples/*.graphql"));
	}

	@Test
	void theFileIsTakenAsItIsAndItsVariablesAsWritten() {
		Examples.Example example = Examples.of("status.graphql",
				"# A comment.\nquery Status($id: ID!, $first: Int = 10) { adsAccount(id: $id) { id } }\n",
				"{\n  \"id\": \"\"\n}\n");
		assertThat(example).isEqualTo(new Examples.Example("status.graphql", "Status",
				"# A comment.\nquery Status($id: ID!, $first: Int = 10) { adsAccount(id: $id) { id } }",
				"{\n  \"id\": \"\"\n}"));
		assertThat(Examples.of("a.graphql", "query A { a }", null).variables()).isNull();
	}

	@Test
	void aFileThatIsNotOneNamedOperationWithItsVariablesIsRefusedNamingTheFile() {
		assertThatThrownBy(() -> Examples.of("a.graphql", "{ profiles { id }", null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("a.graphql does not parse");
		assertThatThrownBy(() -> Examples.of("b.graphql", "query A { a }\nquery B { b }", null))
			.hasMessage("b.graphql must hold exactly one operation, it holds 2");
		assertThatThrownBy(() -> Examples.of("c.graphql", "{ profiles { id } }", null))
			.hasMessageStartingWith("c.graphql: name the operation");
		assertThatThrownBy(() -> Examples.of("d.graphql", "query D($id: ID!) { a(id: $id) }", null))
			.hasMessage("d.graphql declares the variables [id] without a default; its variables file names []");
		assertThatThrownBy(() -> Examples.of("e.graphql", "query E { a }", "{\"id\": \"\"}"))
			.hasMessage("e.graphql declares the variables [] without a default; its variables file names [id]");
		assertThatThrownBy(() -> Examples.of("f.graphql", "query F($id: ID!) { a(id: $id) }", "[]"))
			.hasMessage("f.graphql: its variables file must hold one JSON object");
	}

	@Test
	void datesMoveTogetherSoTheLatestIsTheGivenDay() {
		String variables = "{\n  \"start\": \"2026-11-10\",\n  \"end\": \"2026-11-16\",\n  \"other\": \"2026-11-01\"\n}";
		assertThat(Examples.withDatesEndingOn(variables, LocalDate.parse("2027-03-01")))
			.isEqualTo("{\n  \"start\": \"2027-02-23\",\n  \"end\": \"2027-03-01\",\n  \"other\": \"2027-02-14\"\n}");
		assertThat(Examples.withDatesEndingOn("{ profiles { id } }", LocalDate.parse("2027-03-01")))
			.isEqualTo("{ profiles { id } }");
		assertThat(Examples.withDatesEndingOn("{ a(x: \"2026-13-45\") }", LocalDate.parse("2027-03-01")))
			.as("not a date")
			.isEqualTo("{ a(x: \"2026-13-45\") }");
		assertThat(Examples.withDatesEndingOn(null, LocalDate.parse("2027-03-01"))).isNull();
	}

}
