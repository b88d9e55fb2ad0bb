package dev.adsgraph.accounts;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payloads an idempotency key keeps survive a JSON round trip by their type alone, so
 * the PostgreSQL {@code IdempotencyStore} can keep them serialized.
 */
class MutationPayloadJsonTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private <T> void assertRoundTrip(T payload, Class<T> type) {
		String written = this.json.writeValueAsString(payload);
		assertThat(this.json.readValue(written, type)).isEqualTo(payload);
	}

	@Test
	void registrationPayloads() {
		AdsAccountView account = new AdsAccountView("amzn1.ads-account.g.abc", "Cedar Lane Pets", "PENDING",
				List.of("US", "CA"), List.of(new AdsAccountView.AlternateIdView("US", "3141592653589793", "ENTITY1")),
				List.of(new AdsAccountView.CountryErrorView("CA", "MARKETPLACE_NOT_ELIGIBLE", "not eligible")));
		assertRoundTrip(new AdsAccountRegistration.Payload(account, List.of()), AdsAccountRegistration.Payload.class);
		assertRoundTrip(
				new AdsAccountRegistration.Payload(null,
						List.of(UserError.of("ADS_ACCOUNT_ALREADY_EXISTS", "exists", "input", "association"))),
				AdsAccountRegistration.Payload.class);
	}

	@Test
	void termsTokenPayloads() {
		assertRoundTrip(new TermsTokenController.CreateTermsTokenPayload(new TermsTokenController.TermsTokenView(
				"3f1d1a52-9c1e-4e4b-8f4e-2d5f6a7b8c9d", "CREATED", "ADVERTISING", "https://example.test/terms"),
				List.of()), TermsTokenController.CreateTermsTokenPayload.class);
	}

	@Test
	void advertiserAccountPayloads() {
		AdvertiserAccountView account = new AdvertiserAccountView("amzn1.ads-account.g.xyz", "Brand EU",
				new AdvertiserAccountView.Status("REGISTRATION_IN_PROGRESS", null), "EUR", "Europe/Paris", null, true,
				false, null,
				List.of(new AdvertiserAccountView.BusinessDetailsView("addr-token", null, null,
						"https://brand.example")),
				List.of(new AdvertiserAccountView.AlternateIdView("DE", "EU", "123", "ENT", null)),
				List.of(new AdvertiserAccountView.LinkView("link-token", "AMAZON_VENDOR", "IN_PROGRESS", null)));
		assertRoundTrip(
				AdvertiserAccountController.Payload.of(new AdvertiserAccountController.Result[] {
						new AdvertiserAccountController.Result(0, account, List.of()),
						new AdvertiserAccountController.Result(1, null,
								List.of(UserError.of("FIELD_VALUE_IS_INVALID", "bad time zone", "input", "1"))) }),
				AdvertiserAccountController.Payload.class);
	}

}
