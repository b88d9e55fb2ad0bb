package dev.adsgraph.billing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.readiness.StepState;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.Billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pure rules of billing: which countries can be asked, when an account counts as set
 * up, how the two bulk answers are joined item by item, and the readiness step.
 */
class BillingRulesTest {

	private static final String URL = "https://billing.example/setup";

	@Test
	void aCountryIsAskedOnlyWithAnEntityIdAndAKnownMarketplaceOncePerCountry() {
		List<CountryRef> refs = CountryRef
			.of(List.of(new String[] { "US", null }, new String[] { "US", "ENTITY1" }, new String[] { "UK", "ENTITY2" },
					new String[] { "US", "ENTITY3" }, new String[] { "XX", "ENTITY4" }, new String[] { "JP", " " }));
		assertThat(refs).containsExactly(new CountryRef("US", "ENTITY1", "ATVPDKIKX0DER", Region.NA),
				new CountryRef("GB", "ENTITY2", "A1F83G8C2ARO7P", Region.EU));
	}

	@Test
	void anAccountIsSetUpWhenEveryCountryIsAndItHasOne() {
		CountryBilling valid = country("US", "VALID_BILLING_STATUS", null);
		CountryBilling pending = country("CA", "PENDING_BILLING_REGISTRATION", null);
		CountryBilling refused = country("MX", null, "NOT_AUTHORIZED");
		assertThat(AccountBilling.setUp(List.of(valid))).isTrue();
		assertThat(AccountBilling.setUp(List.of(valid, pending))).isFalse();
		assertThat(AccountBilling.setUp(List.of(valid, refused))).isFalse();
		assertThat(AccountBilling.setUp(List.of())).isFalse();
		assertThat(refused.error()).isEqualTo(new CountryBilling.Error("NOT_AUTHORIZED", null));
		assertThat(valid.error()).isNull();
	}

	@Test
	void bothBulkAnswersAreJoinedAtEachItemsIndex() {
		List<BillingService.Key> chunk = List.of(key("US", "E1"), key("CA", "E2"), key("MX", "E3"));
		Billing.Statuses statuses = new Billing.Statuses(
				List.of(new Billing.StatusSuccess(null, new Billing.Status("PENDING_BILLING_REGISTRATION", "m"), 2),
						new Billing.StatusSuccess(null, new Billing.Status("VALID_BILLING_STATUS", "ok"), 0)),
				List.of(new Billing.ItemError(null, "no", "NOT_FOUND", 1),
						new Billing.ItemError(null, "out of range", "BAD_REQUEST", 7)));
		Billing.Notifications notifications = new Billing.Notifications(List
			.of(new Billing.NotificationsSuccess(null, List.of(new Billing.Notification("PENDING_PAYMENT_REGISTRATION",
					"t", "d", "ALERT", "CAMPAIGNS_SUSPENDED", 2, null, null)), 2)),
				List.of());
		Map<BillingService.Key, CountryBilling> merged = BillingService.merge(chunk, statuses, notifications);
		assertThat(merged).hasSize(3);
		assertThat(merged.get(chunk.get(0)).setUp()).isTrue();
		assertThat(merged.get(chunk.get(0)).notifications()).isEmpty();
		assertThat(merged.get(chunk.get(1)).errorCode()).isEqualTo("NOT_FOUND");
		assertThat(merged.get(chunk.get(2)).statusCode()).isEqualTo("PENDING_BILLING_REGISTRATION");
		assertThat(merged.get(chunk.get(2)).notifications()).extracting(CountryBilling.BillingNotification::name)
			.containsExactly("PENDING_PAYMENT_REGISTRATION");
	}

	@Test
	void amazonsDaysAreReadInBothForms() {
		assertThat(BillingService.day("20261101")).isEqualTo(LocalDate.of(2026, 11, 1));
		assertThat(BillingService.day("2026-11-01")).isEqualTo(LocalDate.of(2026, 11, 1));
		assertThat(BillingService.day("soon")).isNull();
		assertThat(BillingService.day(null)).isNull();
	}

	@Test
	void theReadinessStepIsDoneOnlyWhenSetUpAndOtherwiseLinksToTheSetupPage() {
		StepState done = BillingReadinessCheck
			.state(new AccountBilling("a", true, URL, List.of(country("US", "VALID_BILLING_STATUS", null))));
		assertThat(done.done()).isTrue();
		assertThat(done.nextAction()).isNull();
		StepState missing = BillingReadinessCheck
			.state(new AccountBilling("a", false, URL, List.of(country("US", "VALID_BILLING_STATUS", null),
					country("CA", "PENDING_BILLING_REGISTRATION", null), country("MX", null, "NOT_AUTHORIZED"))));
		assertThat(missing.done()).isFalse();
		assertThat(missing.status()).contains("CA, MX").doesNotContain("US");
		assertThat(missing.nextAction()).isEqualTo("Set up billing");
		assertThat(missing.link()).isEqualTo(URL);
		StepState noCountry = BillingReadinessCheck.state(new AccountBilling("a", false, URL, List.of()));
		assertThat(noCountry.done()).isFalse();
		assertThat(noCountry.link()).isEqualTo(URL);
	}

	@Test
	void onlyTheStatusesAmazonFiltersOnAreAccepted() {
		assertThatNoException().isThrownBy(() -> BillingController.requireFilterable(List.of("ISSUED", "WRITTEN_OFF")));
		assertThatNoException().isThrownBy(() -> BillingController.requireFilterable(null));
		assertThatThrownBy(() -> BillingController.requireFilterable(List.of("PAID_IN_FULL", "PROCESSING")))
			.isInstanceOf(BadUserInputException.class)
			.hasMessageContaining("PROCESSING");
	}

	private static CountryBilling country(String code, String status, String error) {
		return new CountryBilling(code, "M" + code, status, null, error, null, List.of());
	}

	private static BillingService.Key key(String country, String entity) {
		return new BillingService.Key("t", entity, "M" + country, Region.NA, country);
	}

	@Test
	void aPaymentMethodOfAnyKindIsReadWithIsoCountriesAndItsOwnMembersOnly() {
		Billing.PaymentMethods answer = new Billing.PaymentMethods(
				List.of(new Billing.PaymentMethod("CREDIT_CARD", List.of("US", "UK"), "pm-1", "Visa", "4242",
						new Billing.Expiry(12, 2030), null, null, null, null)),
				null, List.of(new Billing.PaymentMethod("DEDUCT_FOR_PAYMENT", List.of("DE"), null, null, null, null,
						"VC1", "Vendor One", null, "DE")),
				null, null, null);
		List<BillingService.PaymentMethod> methods = answer.all().stream().map(BillingService::paymentMethod).toList();
		assertThat(methods).extracting(BillingService.PaymentMethod::type)
			.containsExactly("CREDIT_CARD", "DEDUCT_FOR_PAYMENT");
		assertThat(methods.get(0).eligibleCountries()).containsExactly("US", "GB");
		assertThat(methods.get(0).expiryYear()).isEqualTo(2030);
		assertThat(methods.get(1).expiryMonth()).isNull();
		assertThat(methods.get(1).vendorCode()).isEqualTo("VC1");
	}

}
