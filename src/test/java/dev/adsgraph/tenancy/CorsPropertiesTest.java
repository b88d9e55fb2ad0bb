package dev.adsgraph.tenancy;

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
	void anythingElseIsRefusedNamingTheEntry() {
		assertThatThrownBy(() -> new CorsProperties(List.of("https://ok.example.com", "*"), null))
			.hasMessageStartingWith("adsgraph.cors.allowed-origins[1] '*' is a wildcard");
		assertThatThrownBy(() -> new CorsProperties(List.of("https://*.example.com"), null))
			.hasMessageContaining("allowed-origins[0]")
			.hasMessageContaining("wildcard");
		assertThatThrownBy(() -> new CorsProperties(List.of("dashboard.example.com"), null))
			.hasMessageContaining("does not start with http:// or https://");
		assertThatThrownBy(() -> new CorsProperties(List.of("https://dashboard.example.com/app"), null))
			.hasMessageContaining("has a path");
		assertThatThrownBy(() -> new CorsProperties(List.of("https://user@dashboard.example.com"), null))
			.hasMessageContaining("has no host name");
		assertThatThrownBy(() -> new CorsProperties(List.of(""), null)).hasMessageContaining("is empty");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> ConfigurationBinding.bind(CorsProperties.class, "adsgraph.cors.max-age=-1s"))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex))
				.isEqualTo("adsgraph.cors.max-age: must be longer than or equal to 0\n"));
	}

}
