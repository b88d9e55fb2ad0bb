package dev.adsgraph.products;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import dev.adsgraph.graphql.GatewayGraphQlTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code products} field's arguments (marketplace, ASINs, date range), judged before
 * any upstream call; the ASIN join itself is tested end to end
 * ({@code e2e.ProductsTest}).
 */
@GatewayGraphQlTest
class ProductControllerTest {

	private static final String US = "ATVPDKIKX0DER";

	@Autowired
	private GraphQlTester graphQlTester;

	private final LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(3);

	private final LocalDate start = this.end.minusDays(6);

	@Test
	void badInputIsAnsweredWithClearErrorsBeforeAnyUpstreamCall() {
		String s = this.start.toString();
		String e = this.end.toString();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		List<String> tooMany = IntStream.range(0, 101).mapToObj((i) -> String.format("B0%08d", i)).toList();
		assertBad(Map.of("m", "NOTAMARKETPLACE", "a", List.of("B0YR85KV4O"), "s", s, "e", e), "marketplaceId must be");
		assertBad(Map.of("m", US, "a", tooMany, "s", s, "e", e), "1 to 100 ASINs");
		assertBad(Map.of("m", US, "a", List.of(), "s", s, "e", e), "1 to 100 ASINs");
		assertBad(Map.of("m", US, "a", List.of("B0YR85KV4O", "not-an-asin"), "s", s, "e", e), "not-an-asin");
		assertBad(Map.of("m", US, "a", List.of("B0YR85KV4O"), "s", e, "e", s), "is before dateRange.start");
		assertBad(Map.of("m", US, "a", List.of("B0YR85KV4O"), "s", this.end.minusDays(40).toString(), "e", e),
				"at most 31");
		assertBad(Map.of("m", US, "a", List.of("B0YR85KV4O"), "s", s, "e", today.plusDays(5).toString()),
				"in the future");
		assertBad(Map.of("m", US, "a", List.of("B0YR85KV4O"), "s", today.minusDays(120).toString(), "e",
				today.minusDays(100).toString()), "within the last 95 days");
	}

	private void assertBad(Map<String, Object> variables, String message) {
		this.graphQlTester.documentName("products")
			.variables(variables)
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).as("%s", variables).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
				assertThat(error.getMessage()).contains(message);
			}));
	}

}
