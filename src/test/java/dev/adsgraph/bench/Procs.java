package dev.adsgraph.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The processes a benchmark run starts (sandbox, gateway, peer), and what the harness
 * reads of them from Linux's {@code /proc}: CPU time (user + system, the whole process
 * tree) and peak resident memory ({@code VmHWM}, reset before each run through
 * {@code clear_refs}).
 */
final class Procs {

	private Procs() {
	}

	/** A started process with its log. */
	record Started(String name, Process process, Path log) implements AutoCloseable {

		/** The process and its descendants (a start script's children). */
		List<ProcessHandle> tree() {
			List<ProcessHandle> all = new ArrayList<>();
			all.add(this.process.toHandle());
			this.process.descendants().forEach(all::add);
			return all;
		}

		/** CPU time used so far by the process tree. */
		Duration cpu() {
			Duration total = Duration.ZERO;
			for (ProcessHandle handle : tree()) {
				total = total.plus(handle.info().totalCpuDuration().orElse(Duration.ZERO));
			}
			return total;
		}

		/**
		 * Resets the peak resident set size of every process of the tree to its current
		 * size.
		 */
		void resetPeakRss() {
			for (ProcessHandle handle : tree()) {
				try {
					Files.writeString(Path.of("/proc", Long.toString(handle.pid()), "clear_refs"), "5");
				}
				catch (IOException ex) {
					// not Linux, or the process ended: the peak then counts from its
					// start
				}
			}
		}

		/**
		 * The peak resident set size since the last reset, summed over the tree, in bytes
		 * (-1 when unknown).
		 */
		long peakRssBytes() {
			return sumOfStatus("VmHWM:");
		}

		/**
		 * The current resident set size, summed over the tree, in bytes (-1 when
		 * unknown).
		 */
		long rssBytes() {
			return sumOfStatus("VmRSS:");
		}

		/**
		 * A {@code /proc/<pid>/status} size in kB, summed over the tree, in bytes; -1
		 * when no process has it.
		 */
		private long sumOfStatus(String field) {
			long total = 0;
			boolean known = false;
			for (ProcessHandle handle : tree()) {
				long kb = statusField(handle.pid(), field);
				if (kb >= 0) {
					total += kb * 1024;
					known = true;
				}
			}
			return known ? total : -1;
		}

		String tail() {
			try {
				List<String> lines = Files.readAllLines(this.log);
				return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
			}
			catch (IOException ex) {
				return "(no log: " + ex.getMessage() + ")";
			}
		}

		/**
		 * Asks the process and its children to stop (SIGTERM) without waiting, so that
		 * several processes stop side by side; {@link #close} then waits.
		 */
		void askToStop() {
			tree().forEach(ProcessHandle::destroy);
		}

		@Override
		public void close() {
			List<ProcessHandle> tree = tree();
			for (ProcessHandle handle : tree) {
				handle.destroy();
			}
			try {
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					tree.forEach(ProcessHandle::destroyForcibly);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				tree.forEach(ProcessHandle::destroyForcibly);
			}
		}

	}

	static Started start(String name, List<String> command, Path logDirectory) throws IOException {
		return start(name, command, Map.of(), logDirectory);
	}

	static Started start(String name, List<String> command, Map<String, String> environment, Path logDirectory)
			throws IOException {
		Files.createDirectories(logDirectory);
		Path log = logDirectory.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		return new Started(name, process, log);
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Waits until the process's log has a line matching {@code started}, whose first
	 * group is the port it listens on, failing with the log when it exits or takes too
	 * long.
	 */
	static int awaitLoggedPort(Started started, Pattern pattern, Duration limit)
			throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(limit);
		while (Instant.now().isBefore(deadline)) {
			if (Files.exists(started.log())) {
				try (Stream<String> lines = Files.lines(started.log())) {
					Optional<Integer> port = lines.map(pattern::matcher)
						.filter(Matcher::find)
						.map((found) -> Integer.valueOf(found.group(1)))
						.findFirst();
					if (port.isPresent()) {
						return port.get();
					}
				}
			}
			if (!started.process().isAlive()) {
				throw new IllegalStateException(
						started.name() + " exited with " + started.process().exitValue() + ":\n" + started.tail());
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException(
				started.name() + " logged no port within " + limit.toSeconds() + " s:\n" + started.tail());
	}

	/**
	 * Waits until {@code url} answers 2xx, failing with the process's log when it exits
	 * or takes too long.
	 */
	static Duration awaitHttp(Started started, String url, Duration limit) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
		Instant begin = Instant.now();
		Instant deadline = begin.plus(limit);
		while (Instant.now().isBefore(deadline)) {
			if (!started.process().isAlive()) {
				throw new IllegalStateException(
						started.name() + " exited with " + started.process().exitValue() + ":\n" + started.tail());
			}
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
					return Duration.between(begin, Instant.now());
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException(
				started.name() + " did not answer " + url + " within " + limit.toSeconds() + " s:\n" + started.tail());
	}

	private static long statusField(long pid, String field) {
		try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
			return lines.filter((line) -> line.startsWith(field))
				.findFirst()
				.map((line) -> Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]))
				.orElse(-1L);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
