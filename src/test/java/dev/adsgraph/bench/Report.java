package dev.adsgraph.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a run's results as JSON (everything, for tools) and as markdown (the table
 * bench/README.md quotes): one row per workload, load model and target, then the ratios
 * the issue asks for, then the targets with what this run says of each.
 */
final class Report {

	private Report() {
	}

	static void write(Results results) throws IOException {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("label", results.label());
		json.put("began", results.began().toString());
		json.put("elapsedSeconds", results.elapsed().toSeconds());
		json.put("machine", results.machine());
		BenchOptions o = results.options();
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("warmupSeconds", o.warmup().toMillis() / 1000.0);
		settings.put("durationSeconds", o.duration().toMillis() / 1000.0);
		settings.put("closedClients", o.clients());
		settings.put("openRatePerSecond", o.rate());
		settings.put("upstreamLatencyMs", o.latency().toMillis());
		settings.put("upstreamJitterMs", o.jitter().toMillis());
		settings.put("gatewayJvm", o.gatewayJvm());
		settings.put("gatewayClassDataSharing", o.cds());
		settings.put("gatewayArgs", o.gatewayArgs());
		if (!o.sandboxArgs().isEmpty()) {
			settings.put("sandboxArgs", o.sandboxArgs());
		}
		settings.put("workloads", o.workloads());
		json.put("settings", settings);
		json.put("gatewayStartUpMs", results.gatewayStartUp().toMillis());
		json.put("peerStartUpMs", (results.peerStartUp() != null) ? results.peerStartUp().toMillis() : null);
		json.put("rows", results.rows());
		json.put("ratios", ratios(results));
		json.put("findings", results.findings());
		json.put("answers", results.answers());
		Files.writeString(results.jsonFile(),
				Bench.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + System.lineSeparator());
		Files.writeString(results.markdownFile(), markdown(results));
	}

	/** Per workload and model: ours over the peer, and ours minus the direct floor. */
	static List<Map<String, Object>> ratios(Results results) {
		List<Map<String, Object>> ratios = new ArrayList<>();
		for (Results.Row ours : results.rows()) {
			if (!ours.target().equals(Workloads.ADSGRAPH)) {
				continue;
			}
			Map<String, Object> ratio = new LinkedHashMap<>();
			ratio.put("workload", ours.workload());
			ratio.put("model", ours.model());
			find(results, ours, Workloads.PEER).ifPresent((peer) -> {
				ratio.put("throughputOverPeer", ours.throughput() / peer.throughput());
				ratio.put("p99OverPeer", ours.p99Ms() / peer.p99Ms());
			});
			find(results, ours, Workloads.DIRECT).ifPresent((direct) -> {
				ratio.put("addedP50Ms", ours.p50Ms() - direct.p50Ms());
				ratio.put("addedP99Ms", ours.p99Ms() - direct.p99Ms());
			});
			if (ratio.size() > 2) {
				ratios.add(ratio);
			}
		}
		return ratios;
	}

	private static Optional<Results.Row> find(Results results, Results.Row like, String target) {
		return results.rows()
			.stream()
			.filter((r) -> r.target().equals(target) && r.workload().equals(like.workload())
					&& r.model().equals(like.model()))
			.findFirst();
	}

	static String markdown(Results results) {
		BenchOptions o = results.options();
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark ").append(results.label()).append("\n\n");
		md.append(String.format(Locale.ROOT,
				"%s, %s cores, %s GiB, %s. Upstream latency %d ms + 0..%d ms. Warm-up %s s, runs %s s; closed model %d clients, open model %.0f requests/s. Gateway JVM: `%s`%s%s. Gateway start-up %.1f s%s. Whole run %d s.%n%n",
				results.machine().get("cpu"), results.machine().get("cores"), results.machine().get("memoryGiB"),
				results.machine().get("java"), o.latency().toMillis(), o.jitter().toMillis(),
				Report.seconds(o.warmup()), Report.seconds(o.duration()), o.clients(), o.rate(),
				String.join(" ", o.gatewayJvm()),
				o.cds() ? ", from the extracted jar with a class data sharing archive (as docker/Dockerfile)"
						: ", from the jar (no class data sharing archive)",
				o.gatewayArgs().isEmpty() ? "" : ", settings `" + String.join(" ", o.gatewayArgs()) + "`",
				results.gatewayStartUp().toMillis() / 1000.0, (results.peerStartUp() != null) ? String
					.format(Locale.ROOT, ", peer start-up %.1f s", results.peerStartUp().toMillis() / 1000.0) : "",
				results.elapsed().toSeconds()));
		md.append(
				"Workloads: (a) dashboard overview, (b) products with figures for 50 ASINs, (c) one profile (cache hot), (d) status polling, (d2) status polling over every ads account, round-robin, (e) a dashboard session (overview, products and performance, status polls, 1:1:5).\n\n");
		md.append(
				"| workload | model | target | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | upstream calls per request | CPU ms/req | peak RSS MB | upstream 429 |\n");
		md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
		for (Results.Row r : results.rows()) {
			md.append(String.format(Locale.ROOT,
					"| %s | %s | %s | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %s | %s | %s | %s |%n", r.workload(),
					r.model(), r.target(), r.throughput(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs(), r.errors(),
					calls(r.upstreamCallsPerRequest()), number(r.cpuMsPerRequest(), "%.2f"),
					number(r.peakRssMb(), "%.0f"), (r.upstream429() >= 0) ? Long.toString(r.upstream429()) : "–"));
		}
		List<Map<String, Object>> ratios = ratios(results);
		if (!ratios.isEmpty()) {
			md.append(
					"\n| workload | model | throughput ours/peer | p99 ours/peer | added p50 ms over direct | added p99 ms over direct |\n");
			md.append("|---|---|---:|---:|---:|---:|\n");
			for (Map<String, Object> ratio : ratios) {
				md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", ratio.get("workload"),
						ratio.get("model"), ratio(ratio, "throughputOverPeer", "%.2fx"),
						ratio(ratio, "p99OverPeer", "%.2fx"), ratio(ratio, "addedP50Ms", "%+.1f"),
						ratio(ratio, "addedP99Ms", "%+.1f")));
			}
		}
		if (!results.findings().isEmpty()) {
			md.append("\nFindings:\n\n");
			results.findings()
				.forEach((name, value) -> md.append("- `").append(name).append("`: ").append(value).append('\n'));
		}
		if (results.answers() != null) {
			md.append(answers(results.answers()));
		}
		List<Results.Row> errors = results.rows().stream().filter((r) -> r.firstError() != null).toList();
		if (!errors.isEmpty()) {
			md.append("\nFirst error of each run with errors:\n\n");
			errors.forEach((r) -> md.append("- ")
				.append(r.workload())
				.append(" / ")
				.append(r.target())
				.append(" / ")
				.append(r.model())
				.append(": ")
				.append(r.firstError().replace('\n', ' '))
				.append('\n'));
		}
		return md.toString();
	}

	/**
	 * The answer-equality check: per workload, requests compared, equal, and the first
	 * difference with its request and a path-level diff.
	 */
	static String answers(AnswerCheck.Answers answers) {
		StringBuilder md = new StringBuilder("\n## Unchanged answers\n\n");
		md.append(answers.differ() ? "**The answers differ from the baseline's** (bench/run's exit status is 1). "
				: "Every answer compared is equal to the baseline's. ");
		md.append("Baseline: ")
			.append(answers.baseline())
			.append(", `")
			.append(answers.baselineJar())
			.append('`')
			.append((answers.baselineStartUpMs() > 0)
					? String.format(Locale.ROOT, ", ready in %.1f s", answers.baselineStartUpMs() / 1000.0) : "")
			.append(". After the measured runs, each workload's ")
			.append((answers.sample() > 0) ? "first " + answers.sample() + " requests"
					: "requests up to the last first-time one (every distinct request once)")
			.append(" went to this gateway, each at once after to the baseline; the JSON answers were compared."
					+ " Allowed to differ: ");
		List<String> allowed = new ArrayList<>();
		for (AnswerDiff.Ignored ignored : answers.allowedToDiffer()) {
			allowed.add("`" + ignored.pattern() + "` (" + (ignored.presence() ? "" : "its value only: ") + ignored.why()
					+ ")");
		}
		md.append(String.join("; ", allowed)).append(".\n\n");
		md.append("| workload | requests compared | equal | different | allowed differences | first difference |\n");
		md.append("|---|---:|---:|---:|---:|---|\n");
		for (AnswerCheck.Compared w : answers.workloads()) {
			AnswerCheck.Mismatch m = w.firstDifference();
			String first = (m == null) ? "–"
					: String.format(Locale.ROOT, "request %d, `%s` %s: %d differences, %s", m.index(), m.request(),
							shorten(m.variables(), 120), m.differences(),
							String.join("; ", m.diff().stream().map((d) -> "`" + d.replace("`", "'") + "`").toList()));
			md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %s |%n", w.workload(), w.compared(),
					w.equal(), w.different(), w.allowedDifferences(), first.replace("|", "\\|")));
		}
		return md.toString();
	}

	private static String shorten(String text, int max) {
		return (text.length() > max) ? text.substring(0, max) + "…" : text;
	}

	/** A duration in seconds as the reports print it: 8, 0.25. */
	static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
	}

	/** Upstream calls per request, by operation, as the reports print them. */
	static String calls(Map<String, Double> perRequest) {
		if (perRequest.isEmpty()) {
			return "0";
		}
		List<String> parts = new ArrayList<>();
		perRequest.forEach((op, n) -> parts.add(op + " " + String.format(Locale.ROOT, "%.2f", n)));
		return String.join(", ", parts);
	}

	private static String number(double value, String format) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value);
	}

	private static String ratio(Map<String, Object> ratio, String key, String format) {
		Object value = ratio.get(key);
		return (value instanceof Double d) ? String.format(Locale.ROOT, format, d) : "–";
	}

}
