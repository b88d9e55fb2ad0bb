package dev.adsgraph.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.convert.DurationStyle;

/**
 * The benchmark's settings, from {@code --name=value} arguments ({@code bench/run --help}
 * lists them).
 *
 * @param jar the gateway jar (it also holds the sandbox)
 * @param out where the results go
 * @param warmup how long each target and workload is driven before it is measured
 * @param duration how long each measured run lasts
 * @param clients the closed model's concurrency
 * @param rate the open model's arrivals per second
 * @param latency the latency the sandbox adds to every upstream call
 * @param jitter a uniformly drawn extra latency between zero and this
 * @param peer {@code on} (required), {@code off}, or {@code auto} (when bench/peer is
 * installed)
 * @param workloads the workloads to run ({@link #WORKLOADS})
 * @param gatewayJvm the gateway's JVM flags, fixed so runs compare
 * @param gatewayArgs extra Spring arguments of the gateway ({@code --name=value}), for
 * experiments
 * @param jfr whether the gateway records a Java Flight Recording of the measured runs
 * @param label a name for the results files
 * @param scaleOut whether to run the scale-out comparison ({@link ScaleOut}: one replica
 * in memory, one on Redis, two on Redis) instead of the workloads against the peer and
 * the direct floor
 * @param baseline what each workload's answers are compared with ({@link AnswerCheck}):
 * {@value #SAME} (a second start of the jar under test), {@value #SELF} (the gateway
 * under test itself, each request twice: what the smoke run does), {@value #OFF} (no
 * check), or the name of {@code baselineJar} (bench/run's {@code --baseline=<git ref>}
 * builds it)
 * @param baselineJar the pre-change gateway's jar, or null
 * @param sample how many requests of each workload's sequence the check sends; 0 for each
 * workload's covering prefix (every distinct request once)
 * @param sandboxArgs extra arguments of the sandbox ({@code SandboxMain}): none in a real
 * run
 * @param cds whether the gateway under test starts as the Docker image starts it, from
 * the extracted jar with a class data sharing archive ({@link AppCds}); otherwise from
 * the jar
 */
record BenchOptions(Path jar, Path out, Duration warmup, Duration duration, int clients, double rate, Duration latency,
		Duration jitter, String peer, List<String> workloads, List<String> gatewayJvm, List<String> gatewayArgs,
		boolean jfr, String label, boolean scaleOut, String baseline, Path baselineJar, int sample,
		List<String> sandboxArgs, boolean cds) {

	/**
	 * No baseline given: the answers are compared with a second start of the same jar.
	 */
	static final String SAME = "same";

	/**
	 * The smoke run's baseline: the gateway under test itself, so that the check costs no
	 * second start.
	 */
	static final String SELF = "self";

	/** No answer check. */
	static final String OFF = "off";

	/**
	 * The settings without an answer check's choices (compared with the same jar) and
	 * without sandbox arguments.
	 */
	BenchOptions(Path jar, Path out, Duration warmup, Duration duration, int clients, double rate, Duration latency,
			Duration jitter, String peer, List<String> workloads, List<String> gatewayJvm, List<String> gatewayArgs,
			boolean jfr, String label, boolean scaleOut) {
		this(jar, out, warmup, duration, clients, rate, latency, jitter, peer, workloads, gatewayJvm, gatewayArgs, jfr,
				label, scaleOut, SAME, null, 0, List.of(), true);
	}

	/**
	 * Every workload, in the order a run measures them (bench/README.md describes each).
	 */
	static final List<String> WORKLOADS = List.of("a", "b", "c", "d", "d2", "e");

	/**
	 * The JVM flags of the gateway under test: a small container's budget, the same as
	 * docker/Dockerfile's (BenchOptionsTest checks). Why each: bench/README.md,
	 * "Profiling".
	 */
	static final List<String> GATEWAY_JVM = List.of("-Xms64m", "-Xmx80m", "-XX:+UseSerialGC", "-XX:SurvivorRatio=4",
			"-Xss512k", "-XX:MaxDirectMemorySize=64m", "-XX:MaxInlineLevel=9", "-XX:InlineSmallCode=1000",
			"-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=2000");

	/**
	 * The gateway's environment: glibc keeps up to eight malloc arenas per core, and a
	 * JVM's native allocations spread over them hold tens of megabytes that Java's own
	 * accounting (native memory tracking) never sees; two arenas is the usual setting for
	 * JVMs in containers (docker/Dockerfile sets it too).
	 */
	static final Map<String, String> GATEWAY_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

	static final String USAGE = """
			bench/run [--name=value ...]
			  --duration=20s      each measured run
			  --warmup=8s         driven before measuring, per target and workload
			  --clients=200       closed model: concurrent clients
			  --rate=200          open model: requests started per second
			  --latency=20ms      added by the sandbox to every upstream call
			  --jitter=10ms       plus a uniform random 0..jitter
			  --workloads=a,b,c,d,d2,e   dashboard overview, 50-ASIN products, profile lookup, status polling
			                      (one account), status polling (all accounts, round-robin), dashboard session
			  --peer=auto         on | off | auto (auto: when bench/peer/node_modules exists)
			  --gateway-jvm="-Xmx192m ..."   the gateway's JVM flags (default: see bench/README.md)
			  --gateway-args="--name=value ..."   extra gateway settings, for experiments (recorded in the results)
			  --jfr=false         record the gateway with Java Flight Recorder into the results folder
			                      (without the --cds archive: Java 17 crashes with both)
			  --out=bench/results --label=<timestamp> --jar=target/adsgraph.jar
			  --scale-out=false   instead: one replica in memory, one on Redis, two on Redis (a redis-server
			                      of its own), the cache-hot lookup and a burst on one seller's SP-API plan
			  --baseline=same     compare each workload's answers with: same (a second start of the jar),
			                      self (the gateway itself; --smoke's default), off (no check), or with
			                      bench/run a git ref (its jar, built once and kept)
			  --baseline-jar=<path> --baseline-label=<name>   the pre-change jar, and what to call it
			  --sample=0          requests of each workload the check sends (0: every distinct one once)
			  --cds=true          start the gateway as docker/Dockerfile does: the jar extracted, with a class
			                      data sharing archive from a training start (kept in target/bench-cds/)
			  --smoke             seconds-long run with few clients (what mvn verify runs)
			""";

	static BenchOptions defaults() {
		return new BenchOptions(Path.of("target", "adsgraph.jar"), Path.of("bench", "results"), Duration.ofSeconds(8),
				Duration.ofSeconds(20), 200, 200, Duration.ofMillis(20), Duration.ofMillis(10), "auto", WORKLOADS,
				GATEWAY_JVM, List.of(), false, null, false, SAME, null, 0, List.of(), true);
	}

	/**
	 * The smoke run's reports: the sandbox finishes one in 300 ms (not 2 s) and the
	 * gateway polls it after 50 ms, then at most every 200 ms (not 1 s, then up to 30 s),
	 * as the end-to-end tests run them, so the wait for READY before (b) and (e) is
	 * short.
	 */
	static final List<String> SMOKE_GATEWAY_ARGS = List.of("--adsgraph.reports.poll-initial-delay=50ms",
			"--adsgraph.reports.poll-max-delay=200ms");

	static final List<String> SMOKE_SANDBOX_ARGS = List.of("--report-processing-time=300ms");

	/**
	 * The smoke run's gateways: the fixed flags, compiling with C1 only, since they live
	 * for seconds and the smoke run measures nothing it compares.
	 */
	static final List<String> SMOKE_GATEWAY_JVM = Stream
		.concat(GATEWAY_JVM.stream(), Stream.of("-XX:TieredStopAtLevel=1"))
		.toList();

	/**
	 * Seconds-long: a quarter-second warm-up and half-second runs, 4 clients, 20 arrivals
	 * a second (so each open-model run still sends 10 requests), quick reports
	 * ({@link #SMOKE_GATEWAY_ARGS}), gateways on C1 ({@link #SMOKE_GATEWAY_JVM}). The
	 * smoke run checks that everything runs without errors and counts (upstream calls,
	 * results files), not how fast: warming up the JIT longer, or waiting longer for
	 * reports, would not change any of its checks.
	 */
	static BenchOptions smoke(Path out) {
		BenchOptions d = defaults();
		return new BenchOptions(d.jar(), out, Duration.ofMillis(250), Duration.ofMillis(500), 4, 20, d.latency(),
				d.jitter(), d.peer(), d.workloads(), SMOKE_GATEWAY_JVM, SMOKE_GATEWAY_ARGS, false, "smoke", false, SELF,
				null, 0, SMOKE_SANDBOX_ARGS, true);
	}

	static BenchOptions parse(String[] args) {
		BenchOptions o = Arrays.asList(args).contains("--smoke") ? smoke(Path.of("target", "bench-smoke")) : defaults();
		Path jar = o.jar, out = o.out;
		Duration warmup = o.warmup, duration = o.duration, latency = o.latency, jitter = o.jitter;
		int clients = o.clients;
		double rate = o.rate;
		String peer = o.peer, label = o.label;
		List<String> workloads = o.workloads, gatewayJvm = o.gatewayJvm, gatewayArgs = o.gatewayArgs;
		boolean jfr = o.jfr, scaleOut = o.scaleOut, cds = o.cds;
		String baseline = o.baseline, baselineLabel = null;
		Path baselineJar = o.baselineJar;
		int sample = o.sample;
		Boolean cdsGiven = null;
		for (String arg : args) {
			if (arg.equals("--smoke")) {
				continue;
			}
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Unrecognised argument: " + arg + " (options are --name=value)");
			}
			String name = arg.substring(2, equals);
			String value = arg.substring(equals + 1).trim();
			switch (name) {
				case "jar" -> jar = Path.of(value);
				case "out" -> out = Path.of(value);
				case "warmup" -> warmup = duration(name, value);
				case "duration" -> duration = positive(name, duration(name, value));
				case "clients" -> clients = (int) number(name, value, 1, 5000);
				case "rate" -> rate = number(name, value, 0.1, 100_000);
				case "latency" -> latency = duration(name, value);
				case "jitter" -> jitter = duration(name, value);
				case "peer" -> peer = oneOf(name, value, List.of("on", "off", "auto"));
				case "workloads" -> workloads = workloads(value);
				case "gateway-jvm" -> gatewayJvm = List.of(value.split("\\s+"));
				case "gateway-args" -> gatewayArgs = gatewayArgs(value);
				case "jfr" -> jfr = Boolean.parseBoolean(oneOf(name, value, List.of("true", "false")));
				case "label" -> label = label(value);
				case "scale-out" -> scaleOut = Boolean.parseBoolean(oneOf(name, value, List.of("true", "false")));
				case "baseline" -> baseline = baseline(value);
				case "baseline-jar" -> baselineJar = Path.of(value);
				case "baseline-label" -> baselineLabel = value;
				case "sample" -> sample = (int) number(name, value, 0, 100_000);
				case "cds" -> cdsGiven = Boolean.parseBoolean(oneOf(name, value, List.of("true", "false")));
				default -> throw new IllegalArgumentException("Unknown option --" + name);
			}
		}
		// JDK 17 crashes (SIGSEGV in KlassFactory::check_shared_class_file_load_hook)
		// when a
		// flight recording starts in a JVM that maps a dynamic class data sharing
		// archive:
		// a recorded run starts the gateway from the fat jar, without the archive.
		if (jfr && Boolean.TRUE.equals(cdsGiven)) {
			throw new IllegalArgumentException(
					"--jfr=true and --cds=true exclude each other (Java 17 crashes when a flight recording starts with a dynamic class data sharing archive mapped); --jfr=true runs the gateway without the archive");
		}
		cds = (cdsGiven != null) ? cdsGiven : cds && !jfr;
		if (baselineJar != null) {
			if (baseline.equals(OFF)) {
				throw new IllegalArgumentException("--baseline=off and --baseline-jar exclude each other");
			}
			baseline = (baselineLabel != null) ? baselineLabel : baselineJar.toString();
		}
		else if (baselineLabel != null) {
			throw new IllegalArgumentException("--baseline-label names a --baseline-jar; none was given");
		}
		return new BenchOptions(jar, out, warmup, duration, clients, rate, latency, jitter, peer, workloads, gatewayJvm,
				gatewayArgs, jfr, label, scaleOut, baseline, baselineJar, sample, o.sandboxArgs, cds);
	}

	/** Whether each workload's answers are compared with a baseline gateway. */
	boolean checksAnswers() {
		return !this.baseline.equals(OFF);
	}

	private static String baseline(String value) {
		if (!List.of(SAME, SELF, OFF).contains(value)) {
			throw new IllegalArgumentException("--baseline takes same, self or off here, was " + value
					+ " (bench/run builds a git ref's jar and passes it as --baseline-jar)");
		}
		return value;
	}

	private static Duration duration(String name, String value) {
		try {
			Duration parsed = DurationStyle.detectAndParse(value);
			if (parsed.isNegative()) {
				throw new IllegalArgumentException("--" + name + " must not be negative, was " + value);
			}
			return parsed;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--" + name + " takes a duration such as 500ms or 20s, was " + value);
		}
	}

	private static Duration positive(String name, Duration value) {
		if (value.isZero()) {
			throw new IllegalArgumentException("--" + name + " must be more than zero");
		}
		return value;
	}

	private static double number(String name, String value, double min, double max) {
		double parsed;
		try {
			parsed = Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " takes a number, was " + value);
		}
		if (!(parsed >= min && parsed <= max)) {
			throw new IllegalArgumentException(
					"--" + name + " must be between " + min + " and " + max + ", was " + value);
		}
		return parsed;
	}

	private static String oneOf(String name, String value, List<String> allowed) {
		String lower = value.toLowerCase(Locale.ROOT);
		if (!allowed.contains(lower)) {
			throw new IllegalArgumentException("--" + name + " must be one of " + allowed + ", was " + value);
		}
		return lower;
	}

	private static List<String> workloads(String value) {
		List<String> list = new ArrayList<>();
		for (String part : value.split(",")) {
			String id = part.trim().toLowerCase(Locale.ROOT);
			if (!WORKLOADS.contains(id)) {
				throw new IllegalArgumentException("--workloads takes a comma-separated list of "
						+ String.join(", ", WORKLOADS) + "; was " + value);
			}
			if (!list.contains(id)) {
				list.add(id);
			}
		}
		return List.copyOf(list);
	}

	private static List<String> gatewayArgs(String value) {
		List<String> args = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
		for (String arg : args) {
			if (!arg.startsWith("--") || arg.indexOf('=') < 3) {
				throw new IllegalArgumentException(
						"--gateway-args takes Spring arguments such as --name=value, was " + arg);
			}
		}
		return args;
	}

	private static String label(String value) {
		if (!value.matches("[A-Za-z0-9._-]{1,64}")) {
			throw new IllegalArgumentException(
					"--label takes letters, digits, '.', '_' or '-' (at most 64), was " + value);
		}
		return value;
	}

}
