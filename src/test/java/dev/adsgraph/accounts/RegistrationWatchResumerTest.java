package dev.adsgraph.accounts;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.adsgraph.registrations.RegistrationKind;
import dev.adsgraph.registrations.RegistrationStore.Registration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which registrations in progress a start follows again. */
class RegistrationWatchResumerTest {

	private static Registration registration(String tenant, int n) {
		Instant at = Instant.parse("2026-03-02T10:00:00Z").plusSeconds(n);
		return new Registration(tenant, RegistrationKind.TERMS_TOKEN, tenant + "-token-" + n, "createTermsToken",
				"digest", null, at, "CREATED", at, false);
	}

	@Test
	void theNewestOfEachTenantUpToTheLimitInTheirOrder() {
		List<Registration> inProgress = Stream
			.of(registration("demo", 1), registration("agency", 2), registration("demo", 3), registration("demo", 4),
					registration("agency", 5), registration("demo", 6))
			.toList();
		assertThat(RegistrationWatchResumer.selected(inProgress, 2)).extracting(Registration::amazonId)
			.containsExactly("agency-token-2", "demo-token-4", "agency-token-5", "demo-token-6");
		assertThat(RegistrationWatchResumer.selected(inProgress, 50)).isEqualTo(inProgress);
		assertThat(RegistrationWatchResumer.selected(List.of(), 1)).isEmpty();
	}

}
