package dev.adsgraph.observability;

import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GraphQlOperationMetricsTest {

	@Test
	void namesAreKeptUpToTheCapThenCountedAsOther() {
		GraphQlOperationMetrics metrics = new GraphQlOperationMetrics(new SimpleMeterRegistry(), 3);
		assertThat(IntStream.range(0, 3).mapToObj((i) -> metrics.bounded("Op" + i))).containsExactly("Op0", "Op1",
				"Op2");
		assertThat(metrics.bounded("Op3")).isEqualTo("other");
		// A name already counted keeps its series.
		assertThat(metrics.bounded("Op1")).isEqualTo("Op1");
	}

	@Test
	void noNameIsAnonymousAndNoGraphQlNameIsOther() {
		GraphQlOperationMetrics metrics = new GraphQlOperationMetrics(new SimpleMeterRegistry(), 200);
		assertThat(metrics.bounded(null)).isEqualTo("anonymous");
		assertThat(metrics.bounded("")).isEqualTo("anonymous");
		assertThat(metrics.bounded("drop table; --")).isEqualTo("other");
		assertThat(metrics.bounded("A".repeat(65))).isEqualTo("other");
		assertThat(metrics.bounded("A".repeat(64))).isEqualTo("A".repeat(64));
	}

	@Test
	void upstreamOutcomesFollowTheStatus() {
		assertThat(MicrometerUpstreamMetrics.outcome("200")).isEqualTo("success");
		assertThat(MicrometerUpstreamMetrics.outcome("404")).isEqualTo("client_error");
		assertThat(MicrometerUpstreamMetrics.outcome("429")).isEqualTo("client_error");
		assertThat(MicrometerUpstreamMetrics.outcome("503")).isEqualTo("server_error");
		assertThat(MicrometerUpstreamMetrics.outcome("no_answer")).isEqualTo("no_answer");
		assertThat(MicrometerUpstreamMetrics.outcome("cancelled")).isEqualTo("cancelled");
		assertThat(MicrometerUpstreamMetrics.outcome("circuit_open")).isEqualTo("refused");
	}

}
