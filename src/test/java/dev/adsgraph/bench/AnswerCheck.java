package dev.adsgraph.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;

import dev.adsgraph.testing.GatewayDataFolder;

/**
 * Unchanged answers (bench/README.md): after the measured runs, a sample of each
 * workload's requests goes to the gateway under test and, each request at once after, to
 * a baseline gateway (the pre-change jar, or a second start of the same jar) started
 * against the same sandbox with the same tenant, settings and JVM flags; the two JSON
 * answers are compared with {@link AnswerDiff}.
 */
final class AnswerCheck {

	/**
	 * Requests compared at a time: each pair is sent back to back, a few pairs at once.
	 */
	static final int PAIRS_AT_ONCE = 4;

	private AnswerCheck() {
	}

	/**
	 * What the check found.
	 *
	 * @param baseline what the gateway under test was compared with
	 * @param baselineJar the jar the baseline ran
	 * @param baselineStartUpMs the baseline's start-up, to ready
	 * @param sample {@code --sample}: 0 for each workload's covering prefix, otherwise
	 * the number of requests taken from the start of each workload's sequence
	 * @param allowedToDiffer the fields that may differ, and why
	 * @param workloads per workload, in the order of the run
	 */
	record Answers(String baseline, String baselineJar, long baselineStartUpMs, int sample,
			List<AnswerDiff.Ignored> allowedToDiffer, List<Compared> workloads) {

		boolean differ() {
			return this.workloads.stream().anyMatch((w) -> w.different() > 0);
		}

	}

	/**
	 * One workload's sample.
	 *
	 * @param compared requests sent to both gateways
	 * @param equal those whose two answers were equal
	 * @param allowedDifferences values of the fields allowed to differ that did, over all
	 * the requests (so the list's entries are seen to be needed)
	 * @param firstDifference the first request whose answers differed, or null
	 */
	record Compared(String workload, int compared, int equal, int allowedDifferences, Mismatch firstDifference) {

		int different() {
			return this.compared - this.equal;
		}

	}

	/**
	 * A request whose two answers differed.
	 *
	 * @param index its place in the workload's sequence (from 0)
	 * @param request its operation name
	 * @param variables its variables, as JSON
	 * @param differences how many differences the two answers had
	 * @param diff the first of them ({@link AnswerDiff#MAX_LISTED} at most), as
	 * {@code path: baseline -> under test}
	 */
	record Mismatch(int index, String request, String variables, int differences, List<String> diff) {
	}

	/**
	 * The requests of a workload the check sends: the first {@code n} of its sequence
	 * (which repeats), or when {@code n} is 0 its covering prefix ({@link #covering}).
	 */
	static List<Workloads.Request> sample(List<Workloads.Request> sequence, int n) {
		int size = (n > 0) ? n : covering(sequence);
		List<Workloads.Request> sample = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			sample.add(sequence.get(i % sequence.size()));
		}
		return sample;
	}

	/**
	 * The length of the shortest prefix of a sequence that holds each of its distinct
	 * requests (same body) at least once: every document and every variable the workload
	 * sends.
	 */
	static int covering(List<Workloads.Request> sequence) {
		Set<ByteBuffer> seen = new HashSet<>();
		int length = 0;
		for (int i = 0; i < sequence.size(); i++) {
			if (seen.add(ByteBuffer.wrap(sequence.get(i).body()))) {
				length = i + 1;
			}
		}
		return length;
	}

	/**
	 * Starts the baseline (its own database folder, deleted afterwards), compares each
	 * workload's sample, stops it; or with {@link BenchOptions#SELF} compares the gateway
	 * with itself.
	 */
	static Answers run(BenchOptions o, List<Workloads.Case> cases, Workloads workloads, String gateway, String sandbox,
			JsonNode info, Path logs, String label) throws Exception {
		if (o.baseline().equals(BenchOptions.SELF)) {
			Bench.log("answers: comparing the gateway with itself");
			return new Answers(
					"the gateway under test itself, each request twice (exercises the check, compares no change)",
					o.jar().toString(), 0, o.sample(), AnswerDiff.IGNORED,
					compareAll(o, cases, workloads, gateway, gateway));
		}
		Path jar = (o.baselineJar() != null) ? o.baselineJar() : o.jar();
		String baseline = o.baseline().equals(BenchOptions.SAME)
				? "the same jar, a second start (no --baseline given: exercises the check, compares no change)"
				: o.baseline();
		Path database = Path.of("target", "bench-postgres", label + "-baseline");
		Instant start = Instant.now();
		Bench.log("answers: starting the baseline, %s (%s)", baseline, jar);
		try (Procs.Started process = Procs.start("baseline",
				Bench.gatewayCommand(o, jar, null, sandbox, info, database), BenchOptions.GATEWAY_ENVIRONMENT, logs)) {
			String url = "http://127.0.0.1:"
					+ Procs.awaitLoggedPort(process, Bench.GATEWAY_STARTED, Duration.ofMinutes(3));
			Procs.awaitHttp(process, url + "/actuator/health/readiness", Duration.ofMinutes(3));
			long startUp = Duration.between(start, Instant.now()).toMillis();
			Bench.log("answers: baseline ready in %d ms", startUp);
			return new Answers(baseline, jar.toString(), startUp, o.sample(), AnswerDiff.IGNORED,
					compareAll(o, cases, workloads, gateway, url));
		}
		finally {
			GatewayDataFolder.stopAndDelete(database);
		}
	}

	private static List<Compared> compareAll(BenchOptions o, List<Workloads.Case> cases, Workloads workloads,
			String gateway, String baseline) throws Exception {
		List<Compared> compared = new ArrayList<>();
		for (Workloads.Case c : cases) {
			if (!c.target().equals(Workloads.ADSGRAPH) || c.requests().isEmpty()) {
				continue;
			}
			workloads.awaitSteadyState(c.workload(), gateway);
			if (!baseline.equals(gateway)) {
				workloads.awaitSteadyState(c.workload(), baseline);
			}
			Compared one = compare(c.workload(), sample(c.requests(), o.sample()), gateway + "/graphql",
					baseline + "/graphql");
			Bench.log("answers / %s: %d compared, %d equal (%d allowed differences)%s", one.workload(), one.compared(),
					one.equal(), one.allowedDifferences(),
					(one.firstDifference() != null) ? ", first difference at request " + one.firstDifference().index()
							+ ": " + one.firstDifference().diff().get(0) : "");
			compared.add(one);
		}
		return compared;
	}

	/**
	 * Sends each request to the gateway under test, then at once to the baseline, and
	 * compares the two answers (their HTTP status, then their JSON); a few such pairs at
	 * a time ({@link #PAIRS_AT_ONCE}), most of a pair's time being upstream latency.
	 */
	static Compared compare(String workload, List<Workloads.Request> sample, String underTest, String baseline)
			throws Exception {
		ExecutorService pairs = Executors.newFixedThreadPool(PAIRS_AT_ONCE);
		try {
			List<Future<Pair>> outcomes = new ArrayList<>();
			for (int i = 0; i < sample.size(); i++) {
				int index = i;
				outcomes.add(pairs.submit(() -> comparePair(index, sample.get(index), underTest, baseline)));
			}
			int equal = 0;
			int allowed = 0;
			Mismatch first = null;
			for (Future<Pair> outcome : outcomes) {
				Pair pair = outcome.get();
				allowed += pair.allowed();
				if (pair.mismatch() == null) {
					equal++;
				}
				else if (first == null) {
					first = pair.mismatch();
				}
			}
			return new Compared(workload, sample.size(), equal, allowed, first);
		}
		finally {
			pairs.shutdownNow();
		}
	}

	/**
	 * One request's two answers: how they differ (null when they are equal), and how many
	 * allowed differences they had.
	 */
	private record Pair(Mismatch mismatch, int allowed) {
	}

	/** One request to the gateway under test, then at once to the baseline. */
	private static Pair comparePair(int index, Workloads.Request request, String underTest, String baseline)
			throws IOException, InterruptedException {
		Answer ours = send(underTest, request.body());
		Answer theirs = send(baseline, request.body());
		List<String> diff = new ArrayList<>();
		int count;
		int allowed = 0;
		if (ours.status() != theirs.status()) {
			diff.add("(HTTP status): " + theirs.status() + " -> " + ours.status());
		}
		if (ours.json() != null && theirs.json() != null) {
			AnswerDiff.Outcome outcome = AnswerDiff.compare(theirs.json(), ours.json());
			outcome.listed().forEach((d) -> diff.add(d.toString()));
			count = diff.size() - outcome.listed().size() + outcome.count();
			allowed = outcome.allowed();
		}
		else {
			if (!ours.text().equals(theirs.text())) {
				diff.add("(not JSON): " + excerpt(theirs.text()) + " -> " + excerpt(ours.text()));
			}
			count = diff.size();
		}
		return new Pair((count == 0) ? null : new Mismatch(index, request.name(),
				Bench.JSON.writeValueAsString(request.variables()), count, List.copyOf(diff)), allowed);
	}

	private record Answer(int status, String text, JsonNode json) {
	}

	private static Answer send(String url, byte[] body) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = Bench.HTTP.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", Bench.API_KEY)
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		String text = new String(response.body(), StandardCharsets.UTF_8);
		JsonNode json;
		try {
			json = Bench.JSON.readTree(response.body());
		}
		catch (RuntimeException ex) {
			json = null;
		}
		return new Answer(response.statusCode(), text, json);
	}

	private static String excerpt(String text) {
		return (text.length() > 80) ? text.substring(0, 80) + "…" : text;
	}

}
