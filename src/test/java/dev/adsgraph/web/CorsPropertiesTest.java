package dev.adsgraph.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;

import dev.adsgraph.testing.ConfigurationBinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorsPropertiesTest {

	@Test
	void originsAreExactSchemeHostAndPort() {
		CorsProperties cors = ConfigurationBinding.bind(CorsProperties.class,
				"adsgraph.cors.allowed-origins= https://dashboard.example.com ,http://localhost:3000");
		assertThat(cors.allowedOrigins()).containsExactly("https://dashboard.example.com", "http://localhost:3000");
		assertThat(cors.maxAge()).isEqualTo(Duration.ofMinutes(30));
		assertThat(ConfigurationBinding.bind(CorsProperties.class).allowedOrigins()).isEmpty();
	}

	@Test
	void theHeadersDefaultToWhatCommonFrontEndLibrariesSend() {
		assertThat(ConfigurationBinding.bind(CorsProperties.class).allowedHeaders()).containsExactly("Content-Type",
				"Accept", "X-Correlation-Id", "apollographql-client-name", "apollographql-client-version",
				"traceparent", "tracestate", "baggage", "sentry-trace");
		assertThat(ConfigurationBinding
			.bind(CorsProperties.class, "adsgraph.cors.allowed-headers= Content-Type ,x-request-id")
			.allowedHeaders()).containsExactly("Content-Type", "x-request-id");
	}

	@Test
	void aHeaderIsAnExactName() {
		assertThatThrownBy(() -> new CorsProperties(List.of(), List.of("traceparent", "*"), null))
			.hasMessageStartingWith("adsgraph.cors.allowed-headers[1] '*' is a wildcard");
		assertThatThrownBy(() -> new CorsProperties(List.of(), List.of("x-api key"), null))
			.hasMessageStartingWith("adsgraph.cors.allowed-headers[0] 'x-api key' is not a header name");
		assertThatThrownBy(() -> new CorsProperties(List.of(), List.of(""), null))
			.hasMessageContaining("is not a header name");
	}

	@Test
	void anythingElseIsRefusedNamingTheEntry() {
		assertThatThrownBy(() -> new CorsProperties(List.of("https://ok.example.com", "*"), List.of(), null))
			.hasMessageStartingWith("adsgraph.cors.allowed-origins[1] '*' is a wildcard");
		assertThatThrownBy(() -> new CorsProperties(List.of("https://*.example.com"), List.of(), null))
			.hasMessageContaining("allowed-origins[0]")
			.hasMessageContaining("wildcard");
		assertThatThrownBy(() -> new CorsProperties(List.of("dashboard.example.com"), List.of(), null))
			.hasMessageContaining("does not start with http:// or https://");
		assertThatThrownBy(() -> new CorsProperties(List.of("https://dashboard.example.com/app"), List.of(), null))
			.hasMessageContaining("has a path");
		assertThatThrownBy(() -> new CorsProperties(List.of("https://user@dashboard.example.com"), List.of(), null))
			.hasMessageContaining("has no host name");
		assertThatThrownBy(() -> new CorsProperties(List.of(""), List.of(), null)).hasMessageContaining("is empty");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> ConfigurationBinding.bind(CorsProperties.class, "adsgraph.cors.max-age=-1s"))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex))
				.isEqualTo("adsgraph.cors.max-age: must be longer than or equal to 0\n"));
	}

}
