package dev.adsgraph.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * What workloads (d2) and (e) are made of, without starting anything: the dashboard
 * session's request is still the example dashboard's, its ratio is the one
 * bench/README.md derives, and the round-robin visits every item in turn.
 */
class WorkloadsTest {

	@Test
	void theSessionsProductsRequestIsTheExampleDashboardsOwn() throws IOException {
		String script;
		try (InputStream in = Workloads.class.getResourceAsStream("/dev/adsgraph/dashboard/dashboard.js")) {
			assertThat(in).as("the example dashboard's script on the classpath").isNotNull();
			script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		String freshness = group(script, "const FRESHNESS = '([^']*)';");
		String products = group(script, "const PRODUCTS = `([^`]*)`;").replace("${FRESHNESS}", freshness);
		assertThat(normalized(Workloads.DASHBOARD_PRODUCTS)).isEqualTo(normalized(products));
		assertThat(group(script, "const PAGE_SIZE = (\\d+);"))
			.isEqualTo(Integer.toString(Workloads.DASHBOARD_PAGE_SIZE));
		// start() in dashboard.js: the last day is yesterday, the first 13 days before it
		assertThat(group(script, "first\\.setDate\\(first\\.getDate\\(\\) - (\\d+)\\);"))
			.isEqualTo(Integer.toString(Workloads.DASHBOARD_DAYS - 1));
	}

	@Test
	void aSessionIsOneOverviewOneProductsRequestAndTheStatusPollsOfOneRegistration() {
		assertThat(Collections.frequency(Workloads.SESSION, "overview")).isEqualTo(1);
		assertThat(Collections.frequency(Workloads.SESSION, "productsAndPerformance")).isEqualTo(1);
		assertThat(Collections.frequency(Workloads.SESSION, "status")).isEqualTo(Workloads.STATUS_POLLS_PER_SESSION);
		assertThat(Workloads.SESSION).hasSize(2 + Workloads.STATUS_POLLS_PER_SESSION);
		// Amazon: a registration completes in 3 to 30 s, polled every 3 to 5 s. Every 4
		// s,
		// a completion at t seconds takes ceil(t / 4) polls; t uniform over 3..30 s.
		double expected = 0;
		for (int polls = 1; polls * 4 - 4 < 30; polls++) {
			double from = Math.max(3, polls * 4 - 4);
			double to = Math.min(30, polls * 4);
			expected += polls * (to - from) / 27.0;
		}
		assertThat(expected).isCloseTo(125 / 27.0, offset(1e-9));
		assertThat(Math.round(expected)).isEqualTo(Workloads.STATUS_POLLS_PER_SESSION);
	}

	@Test
	void roundRobinSendsRequestIAfterItemIModN() {
		List<String> sent = Collections.synchronizedList(new ArrayList<>());
		Supplier<Mono<Boolean>> polls = Workloads.roundRobin(List.of("1", "2", "3"),
				(id) -> () -> Mono.fromSupplier(() -> sent.add(id)));
		for (int i = 0; i < 7; i++) {
			assertThat(polls.get().block()).isTrue();
		}
		assertThat(sent).containsExactly("1", "2", "3", "1", "2", "3", "1");
	}

	@Test
	void aSessionSequencePollsTheAccountsInTurnAcrossSessions() {
		Workloads.Request overview = Workloads.Request.of("Overview", Workloads.OVERVIEW, Map.of());
		Workloads.Request products = Workloads.Request.of("DashboardProducts", Workloads.DASHBOARD_PRODUCTS,
				Map.of("id", "1"));
		List<Workloads.Request> polls = List.of("A", "B", "C").stream().map(Workloads::statusRequest).toList();
		List<Workloads.Request> sequence = Workloads.sessions(overview, products, polls);
		// one period: as many sessions as accounts, 5 polls each, round-robin over them
		assertThat(sequence).hasSize(3 * Workloads.SESSION.size());
		assertThat(sequence.stream().limit(14).map(WorkloadsTest::describe)).containsExactly("Overview",
				"DashboardProducts", "A", "B", "C", "A", "B", "Overview", "DashboardProducts", "C", "A", "B", "C", "A");
	}

	@Test
	void theAnswerCheckSamplesEveryDistinctRequestOfEachWorkloadOnce() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 63; i++) {
			ids.add("account-" + i);
		}
		List<Workloads.Request> polls = ids.stream().map(Workloads::statusRequest).toList();
		// (d2): the 63 polls
		assertThat(AnswerCheck.covering(polls)).isEqualTo(63);
		// (e): 13 sessions hold 65 polls; the 63rd account is the third poll of the 13th
		List<Workloads.Request> session = Workloads.sessions(
				Workloads.Request.of("Overview", Workloads.OVERVIEW, Map.of()),
				Workloads.Request.of("DashboardProducts", Workloads.DASHBOARD_PRODUCTS, Map.of("id", "1")), polls);
		assertThat(AnswerCheck.covering(session)).isEqualTo(12 * 7 + 2 + 3);
		assertThat(AnswerCheck.sample(session, 0).stream().map(WorkloadsTest::describe).distinct()).hasSize(2 + 63);
		// (a) to (d): their one request
		assertThat(AnswerCheck.covering(List.of(Workloads.statusRequest("x")))).isOne();
		// a sample of a given size follows the sequence round
		assertThat(AnswerCheck.sample(polls.subList(0, 2), 5).stream().map(WorkloadsTest::describe))
			.containsExactly("account-0", "account-1", "account-0", "account-1", "account-0");
	}

	private static String describe(Workloads.Request request) {
		return request.name().equals("Status") ? (String) request.variables().get("adsAccountId") : request.name();
	}

	private static String group(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as(regex + " in dashboard.js").isTrue();
		return matcher.group(1);
	}

	private static String normalized(String document) {
		return document.replaceAll("\\s+", " ").trim();
	}

}
