package dev.adsgraph.bench;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer-equality check's comparison (bench/README.md, "Unchanged answers"): which
 * differences it finds, where it says they are, and which listed fields it lets differ.
 */
class AnswerDiffTest {

	@Test
	void equalAnswersAreEqualWhateverTheOrderOfMembersAndTheWritingOfNumbers() {
		assertThat(compare("{\"data\":{\"a\":1,\"b\":[1.5,\"x\",null,true]}}",
				"{\"data\":{\"b\":[1.50,\"x\",null,true],\"a\":1.0}}")
			.equal()).isTrue();
	}

	@Test
	void aChangedValueIsFoundAtItsPath() {
		AnswerDiff.Outcome outcome = compare(
				"{\"data\":{\"products\":{\"nodes\":[{\"asin\":\"B1\",\"catalog\":{\"title\":\"Tent\"}},{\"asin\":\"B2\",\"catalog\":{\"title\":\"Lamp\"}}]}}}",
				"{\"data\":{\"products\":{\"nodes\":[{\"asin\":\"B1\",\"catalog\":{\"title\":\"Tent\"}},{\"asin\":\"B2\",\"catalog\":{\"title\":\"Lantern\"}}]}}}");
		assertThat(outcome.count()).isOne();
		assertThat(outcome.listed()).extracting(Object::toString)
			.containsExactly("data.products.nodes[1].catalog.title: \"Lamp\" -> \"Lantern\"");
	}

	@Test
	void numbersOfAnotherValueTypesAndNullsDiffer() {
		AnswerDiff.Outcome outcome = compare("{\"a\":1,\"b\":\"1\",\"c\":null,\"d\":0.25,\"e\":{\"x\":1}}",
				"{\"a\":2,\"b\":1,\"c\":0,\"d\":0.250001,\"e\":[1]}");
		assertThat(outcome.listed()).extracting(AnswerDiff.Difference::path).containsExactly("a", "b", "c", "d", "e");
		assertThat(outcome.listed().get(4).baseline()).isEqualTo("{x}");
		assertThat(outcome.listed().get(4).underTest()).isEqualTo("[1 elements]");
	}

	@Test
	void aFieldOnlyOneAnswerHasDiffersAndSaysWhichOneLacksIt() {
		AnswerDiff.Outcome outcome = compare("{\"data\":{\"a\":1,\"b\":2}}", "{\"data\":{\"a\":1,\"c\":null}}");
		assertThat(outcome.listed()).extracting(Object::toString)
			.containsExactly("data.b: 2 -> (absent)", "data.c: (absent) -> null");
	}

	@Test
	void arraysOfAnotherLengthDifferOnceAndTheirCommonElementsAreCompared() {
		AnswerDiff.Outcome outcome = compare("{\"ids\":[1,2,3]}", "{\"ids\":[1,5]}");
		assertThat(outcome.listed()).extracting(Object::toString)
			.containsExactly("ids: [3 elements] -> [2 elements]", "ids[1]: 2 -> 5");
	}

	@Test
	void errorsInOneAnswerOnlyDiffer() {
		AnswerDiff.Outcome outcome = compare("{\"data\":{\"a\":1}}",
				"{\"data\":{\"a\":1},\"errors\":[{\"message\":\"boom\"}]}");
		assertThat(outcome.listed()).extracting(AnswerDiff.Difference::path).containsExactly("errors");
	}

	@Test
	void theListedFieldMayDifferAsItsRuleSaysAndNothingElse() {
		String baseline = """
				{"data":{"products":{"freshness":{"advertising":{"status":"READY","asOf":"2026-12-06T05:00:00Z"},
				 "retail":{"status":"PENDING","asOf":null}},"nodes":[{"asOf":"2026-12-06T05:00:00Z"}]}}}""";
		// another report time: equal, and counted as an allowed difference
		AnswerDiff.Outcome allowed = compare(baseline, baseline.replace("05:00:00Z\"},", "05:00:09Z\"},"));
		assertThat(allowed.equal()).isTrue();
		assertThat(allowed.allowed()).isOne();
		assertThat(compare(baseline, baseline).allowed()).isZero();
		// asOf only in one answer: differs (its presence says whether the figures are
		// ready)
		AnswerDiff.Outcome nowReady = compare(baseline,
				baseline.replace("\"asOf\":null", "\"asOf\":\"2026-12-06T05:00:01Z\""));
		assertThat(nowReady.listed()).extracting(AnswerDiff.Difference::path)
			.containsExactly("data.products.freshness.retail.asOf");
		// an asOf outside a freshness object is compared as any field
		AnswerDiff.Outcome elsewhere = compare(baseline, baseline.replace("\"nodes\":[{\"asOf\":\"2026-12-06T05:00:00Z",
				"\"nodes\":[{\"asOf\":\"2026-12-06T05:00:09Z"));
		assertThat(elsewhere.listed()).extracting(AnswerDiff.Difference::path)
			.containsExactly("data.products.nodes[0].asOf");
		// and the status beside it is not ignored
		assertThat(compare(baseline, baseline.replace("PENDING", "READY")).listed())
			.extracting(AnswerDiff.Difference::path)
			.containsExactly("data.products.freshness.retail.status");
		// extensions only one answer has differ: no gateway writes any today
		assertThat(compare(baseline, baseline.replace("]}}}", "]}},\"extensions\":{\"age\":2}}")).listed())
			.extracting(Object::toString)
			.containsExactly("extensions: (absent) -> {age}");
	}

	@Test
	void aFieldMayBeAllowedToBeAbsentFromOneAnswer() {
		AnswerDiff.Ignored extensions = new AnswerDiff.Ignored("extensions", true, "test");
		AnswerDiff.Outcome outcome = AnswerDiff.compare(json("{\"data\":{\"a\":1}}"),
				json("{\"data\":{\"a\":1},\"extensions\":{\"age\":2}}"), List.of(extensions));
		assertThat(outcome.equal()).isTrue();
		assertThat(outcome.allowed()).isOne();
		// only at the top: extensions inside data are data
		assertThat(AnswerDiff
			.compare(json("{\"data\":{\"extensions\":1}}"), json("{\"data\":{\"extensions\":2}}"), List.of(extensions))
			.equal()).isFalse();
	}

	@Test
	void patternsMatchNamesOneSegmentOrAnyNumberOfThem() {
		AnswerDiff.Ignored rule = new AnswerDiff.Ignored("data.**.freshness.*.asOf", false, "test");
		assertThat(rule.matches(List.of("data", "freshness", "retail", "asOf"))).isTrue();
		assertThat(rule.matches(List.of("data", "profile", "products", "freshness", "advertising", "asOf"))).isTrue();
		assertThat(rule.matches(List.of("data", "a", "[3]", "freshness", "retail", "asOf"))).isTrue();
		assertThat(rule.matches(List.of("data", "freshness", "asOf"))).isFalse();
		assertThat(rule.matches(List.of("data", "freshness", "retail", "asOf", "x"))).isFalse();
		assertThat(rule.matches(List.of("extensions", "freshness", "retail", "asOf"))).isFalse();
		assertThat(AnswerDiff.render(List.of("data", "nodes", "[2]", "id"))).isEqualTo("data.nodes[2].id");
	}

	@Test
	void atMostTenDifferencesAreListedAndAllAreCounted() {
		StringBuilder a = new StringBuilder("[");
		StringBuilder b = new StringBuilder("[");
		for (int i = 0; i < 25; i++) {
			a.append((i > 0) ? "," : "").append(i);
			b.append((i > 0) ? "," : "").append(i + 1);
		}
		AnswerDiff.Outcome outcome = compare(a + "]", b + "]");
		assertThat(outcome.count()).isEqualTo(25);
		assertThat(outcome.listed()).hasSize(AnswerDiff.MAX_LISTED);
		assertThat(outcome.listed().get(0).path()).isEqualTo("[0]");
	}

	private static AnswerDiff.Outcome compare(String baseline, String underTest) {
		return AnswerDiff.compare(json(baseline), json(underTest));
	}

	private static JsonNode json(String text) {
		return Bench.JSON.readTree(text);
	}

}
