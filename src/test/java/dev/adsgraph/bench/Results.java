package dev.adsgraph.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one benchmark run produced.
 *
 * @param rows one per workload, target and load model
 * @param findings what was measured besides the runs (for example a cold request's
 * upstream calls)
 * @param answers each workload's answers compared with a baseline gateway's, or null
 * ({@code --baseline=off})
 */
record Results(String label, Instant began, Duration elapsed, BenchOptions options, Map<String, Object> machine,
		Duration gatewayStartUp, Duration peerStartUp, List<Row> rows, Map<String, Object> findings,
		AnswerCheck.Answers answers, Path jsonFile, Path markdownFile) {

	/**
	 * One measured run.
	 *
	 * @param clients the closed model's concurrency (0 in the open model)
	 * @param rate the open model's arrival rate (0 in the closed model)
	 * @param upstreamCallsPerRequest the sandbox's count of each upstream operation, over
	 * the requests
	 * @param cpuSeconds CPU time of the target's processes during the run (NaN for the
	 * direct floor)
	 * @param peakRssMb the target's peak resident memory during the run (NaN for the
	 * direct floor)
	 * @param upstream429 the gateway's count of upstream 429 answers during the run (-1
	 * when not known)
	 */
	record Row(String workload, String model, String target, int clients, double rate, long requests, long ok,
			long errors, String firstError, double throughput, double p50Ms, double p95Ms, double p99Ms, double maxMs,
			Map<String, Double> upstreamCallsPerRequest, double cpuSeconds, double cpuMsPerRequest, double peakRssMb,
			long upstream429) {
	}

	static Map<String, Object> describeMachine() {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cores", Runtime.getRuntime().availableProcessors());
		machine.put("memoryGiB", memoryGiB());
		machine.put("cpu", cpuModel());
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		machine.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		return machine;
	}

	private static String cpuModel() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter((line) -> line.startsWith("model name"))
				.findFirst()
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.orElse("unknown");
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static double memoryGiB() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
			return lines.filter((line) -> line.startsWith("MemTotal:"))
				.findFirst()
				.map((line) -> Long.parseLong(line.replaceAll("\\D", "")) / (1024.0 * 1024.0))
				.map((gib) -> Math.round(gib * 10) / 10.0)
				.orElse(Double.NaN);
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

}
