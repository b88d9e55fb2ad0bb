package dev.adsgraph.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The benchmark's options and the load generator's answer check, without starting
 * anything.
 */
class BenchOptionsTest {

	@Test
	void optionsOverrideTheDefaults() {
		BenchOptions o = BenchOptions.parse(new String[] { "--duration=5s", "--warmup=0s", "--clients=10",
				"--rate=50.5", "--latency=5ms", "--jitter=0ms", "--workloads=c, a,c,D2", "--peer=OFF", "--jfr=true",
				"--label=try-1", "--out=target/x", "--gateway-args=--a.b=1 --c.d=2" });
		assertThat(o.duration()).isEqualTo(Duration.ofSeconds(5));
		assertThat(o.warmup()).isZero();
		assertThat(o.clients()).isEqualTo(10);
		assertThat(o.rate()).isEqualTo(50.5);
		assertThat(o.latency()).isEqualTo(Duration.ofMillis(5));
		assertThat(o.workloads()).containsExactly("c", "a", "d2");
		assertThat(o.peer()).isEqualTo("off");
		assertThat(o.jfr()).isTrue();
		// A recorded run leaves the class data sharing archive out (Java 17 crashes with
		// both).
		assertThat(o.cds()).isFalse();
		assertThat(o.label()).isEqualTo("try-1");
		assertThat(o.out()).isEqualTo(Path.of("target/x"));
		assertThat(o.gatewayArgs()).containsExactly("--a.b=1", "--c.d=2");
		assertThat(o.gatewayJvm()).isEqualTo(BenchOptions.GATEWAY_JVM);
	}

	/**
	 * The benchmark measures the gateway as the Docker image runs it: the same JVM flags
	 * and the same malloc setting (issue 19's memory target is for the image's flags).
	 */
	@Test
	void theGatewayRunsWithTheDockerImagesJvmFlags() throws IOException {
		String dockerfile = Files.readString(Path.of("docker", "Dockerfile")).replace("\\\n", " ");
		Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT\\s+(\\[.*\\])\\s*$").matcher(dockerfile);
		assertThat(entrypoint.find()).as("an ENTRYPOINT in exec form").isTrue();
		List<String> command = List.of(JsonMapper.builder().build().readValue(entrypoint.group(1), String[].class));
		// From the extracted jar with a class data sharing archive, as bench/run
		// (AppCds).
		assertThat(command).containsExactly("java", "-XX:SharedArchiveFile=adsgraph.jsa", "-jar", "adsgraph.jar");
		assertThat(BenchOptions.defaults().cds()).isTrue();
		// The flags are in JDK_JAVA_OPTIONS, which a deployment may replace.
		Matcher options = Pattern.compile("(?m)^ENV JDK_JAVA_OPTIONS=\"([^\"]*)\"$").matcher(dockerfile);
		assertThat(options.find()).as("ENV JDK_JAVA_OPTIONS").isTrue();
		assertThat(List.of(options.group(1).split(" "))).isEqualTo(BenchOptions.GATEWAY_JVM);
		BenchOptions.GATEWAY_ENVIRONMENT
			.forEach((name, value) -> assertThat(dockerfile).containsPattern("(?m)^ENV " + name + "=" + value + "$"));
	}

	@Test
	void smokeIsShortAndSmall() {
		BenchOptions smoke = BenchOptions.parse(new String[] { "--smoke" });
		assertThat(smoke.duration()).isLessThanOrEqualTo(Duration.ofSeconds(2));
		assertThat(smoke.clients()).isLessThan(BenchOptions.defaults().clients());
		assertThat(smoke.out()).isEqualTo(Path.of("target", "bench-smoke"));
		assertThat(smoke.workloads()).containsExactly("a", "b", "c", "d", "d2", "e");
		// A real run's sandbox keeps its defaults.
		assertThat(BenchOptions.defaults().sandboxArgs()).isEmpty();
		assertThat(BenchOptions.defaults().gatewayArgs()).isEmpty();
		assertThat(BenchOptions.defaults().gatewayJvm()).isEqualTo(BenchOptions.GATEWAY_JVM);
		assertThat(smoke.gatewayJvm()).startsWith(BenchOptions.GATEWAY_JVM.toArray(String[]::new));
	}

	@Test
	void answersAreComparedWithASecondStartOfTheSameJarUnlessABaselineIsGiven() {
		BenchOptions none = BenchOptions.parse(new String[0]);
		assertThat(none.checksAnswers()).isTrue();
		assertThat(none.baseline()).isEqualTo(BenchOptions.SAME);
		assertThat(none.baselineJar()).isNull();
		assertThat(none.sample()).isZero();
		assertThat(BenchOptions.parse(new String[] { "--baseline=off" }).checksAnswers()).isFalse();
		// the smoke run compares the gateway with itself: no second start
		assertThat(BenchOptions.parse(new String[] { "--smoke" }).baseline()).isEqualTo(BenchOptions.SELF);
		BenchOptions jar = BenchOptions.parse(new String[] { "--baseline-jar=target/old.jar", "--sample=100" });
		assertThat(jar.baselineJar()).isEqualTo(Path.of("target/old.jar"));
		assertThat(jar.baseline()).isEqualTo("target/old.jar");
		assertThat(jar.sample()).isEqualTo(100);
		// bench/run's --baseline=<git ref> builds the jar and names it
		assertThat(BenchOptions
			.parse(new String[] { "--baseline-jar=target/old.jar", "--baseline-label=main (91a6f57f9fac)" })
			.baseline()).isEqualTo("main (91a6f57f9fac)");
	}

	@Test
	void wrongOptionsAreRefusedNamingTheOption() {
		for (List<String> wrong : List.of(List.of("--duration=soon", "--duration"),
				List.of("--duration=0s", "--duration"), List.of("--clients=0", "--clients"),
				List.of("--clients=many", "--clients"), List.of("--rate=-1", "--rate"),
				List.of("--workloads=a,f", "--workloads"), List.of("--workloads=d3", "--workloads"),
				List.of("--peer=maybe", "--peer"), List.of("--jfr=yes", "--jfr"), List.of("--label=a/b", "--label"),
				List.of("--gateway-args=-Xmx1g", "--gateway-args"), List.of("--colour=red", "--colour"),
				List.of("duration=5s", "duration=5s"), List.of("--baseline=main", "bench/run"),
				List.of("--sample=-1", "--sample"), List.of("--baseline-label=x", "--baseline-jar"))) {
			assertThatIllegalArgumentException().as(wrong.get(0))
				.isThrownBy(() -> BenchOptions.parse(new String[] { wrong.get(0) }))
				.withMessageContaining(wrong.get(1));
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--jfr=true", "--cds=true" }))
			.withMessageContaining("--jfr=true and --cds=true");
		assertThat(BenchOptions.parse(new String[] { "--jfr=false", "--cds=true" }).cds()).isTrue();
	}

	@Test
	void anAnswerCountsOnlyWithDataAndWithoutErrors() {
		assertThat(Http.hasDataAndNoErrors(bytes("{\"data\":{\"a\":{\"errors\":[1]}}}"))).isTrue();
		assertThat(Http.hasDataAndNoErrors(bytes("{\"data\":{\"a\":1},\"errors\":[{\"message\":\"x\"}]}"))).isFalse();
		assertThat(Http.hasDataAndNoErrors(bytes("{\"errors\":[],\"data\":{}}"))).isFalse();
		assertThat(Http.hasDataAndNoErrors(bytes("{\"data\":null}"))).isFalse();
		assertThat(Http.hasDataAndNoErrors(bytes("[]"))).isFalse();
		assertThat(Http.hasDataAndNoErrors(bytes("{\"data\":{"))).isFalse();
		assertThat(Http.hasDataAndNoErrors(bytes(""))).isFalse();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
