package dev.adsgraph.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

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
		assertThat(o.label()).isEqualTo("try-1");
		assertThat(o.out()).isEqualTo(Path.of("target/x"));
		assertThat(o.gatewayArgs()).containsExactly("--a.b=1", "--c.d=2");
		assertThat(o.gatewayJvm()).isEqualTo(BenchOptions.GATEWAY_JVM);
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
	void wrongOptionsAreRefusedNamingTheOption() {
		for (List<String> wrong : List.of(List.of("--duration=soon", "--duration"),
				List.of("--duration=0s", "--duration"), List.of("--clients=0", "--clients"),
				List.of("--clients=many", "--clients"), List.of("--rate=-1", "--rate"),
				List.of("--workloads=a,f", "--workloads"), List.of("--workloads=d3", "--workloads"),
				List.of("--peer=maybe", "--peer"), List.of("--jfr=yes", "--jfr"), List.of("--label=a/b", "--label"),
				List.of("--gateway-args=-Xmx1g", "--gateway-args"), List.of("--colour=red", "--colour"),
				List.of("duration=5s", "duration=5s"))) {
			assertThatIllegalArgumentException().as(wrong.get(0))
				.isThrownBy(() -> BenchOptions.parse(new String[] { wrong.get(0) }))
				.withMessageContaining(wrong.get(1));
		}
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
