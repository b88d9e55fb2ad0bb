package dev.adsgraph.readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.adsgraph.accounts.AdsAccountView;
import dev.adsgraph.tenancy.Tenant;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How readiness combines the registration and the families' checks, with small real
 * checks in a real bean factory.
 */
class ReadinessServiceTest {

	private static final Tenant TENANT = new Tenant("acme", "Acme", List.of(), List.of(), List.of());

	private static final ReadinessSubject CREATED = new ReadinessSubject("amzn1.ads-account.g.created", "CREATED",
			List.of(new ReadinessSubject.Country("US", "111", "ENTITY1")));

	/** A check with a fixed answer that counts its calls. */
	record Fixed(ReadinessStepKind kind, StepState state, AtomicInteger calls) implements ReadinessCheck {

		Fixed(ReadinessStepKind kind, StepState state) {
			this(kind, state, new AtomicInteger());
		}

		@Override
		public Mono<StepState> check(ReadinessSubject account) {
			return Mono.fromSupplier(() -> {
				this.calls.incrementAndGet();
				return this.state;
			});
		}

	}

	private static StepState done(String status) {
		return new StepState(true, status, null, null);
	}

	private static StepState open(String status, String action, String link) {
		return new StepState(false, status, action, link);
	}

	private static ReadinessService service(ReadinessCheck... checks) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		for (int i = 0; i < checks.length; i++) {
			beans.registerSingleton("check" + i, checks[i]);
		}
		return new ReadinessService(beans.getBeanProvider(ReadinessCheck.class));
	}

	private static AccountReadiness readiness(ReadinessService service, ReadinessSubject account, List<String> errors) {
		return service.readiness(TENANT, account, errors).block(Duration.ofSeconds(5));
	}

	@Test
	void anAccountWhoseChecksAreAllDoneIsReadyToAdvertise() {
		AccountReadiness readiness = readiness(service(new Fixed(ReadinessStepKind.BILLING, done("Set up in US")),
				new Fixed(ReadinessStepKind.ACCESS, done("Linked to Acme Agency")),
				new Fixed(ReadinessStepKind.ACCESS, done("No invitation pending"))), CREATED, List.of());
		assertThat(readiness.state()).isEqualTo(ReadinessState.READY_TO_ADVERTISE);
		assertThat(readiness.summary()).isEqualTo("Ready to advertise");
		assertThat(readiness.nextStep()).isNull();
		assertThat(readiness.steps()).extracting(ReadinessStep::kind)
			.containsExactly(ReadinessStepKind.REGISTRATION, ReadinessStepKind.BILLING, ReadinessStepKind.ACCESS);
		assertThat(readiness.steps()).allMatch(ReadinessStep::done);
		assertThat(readiness.steps().get(2).status()).isEqualTo("Linked to Acme Agency; No invitation pending");
	}

	@Test
	void checksOfOneKindCombineWithAnd() {
		AccountReadiness readiness = readiness(service(new Fixed(ReadinessStepKind.BILLING, done("Set up in US")),
				new Fixed(ReadinessStepKind.ACCESS, done("Linked to Acme Agency")),
				new Fixed(ReadinessStepKind.ACCESS,
						open("1 invitation pending", "Wait for lee@example.com to accept", "https://example.com/i"))),
				CREATED, List.of());
		ReadinessStep access = readiness.steps().get(2);
		assertThat(access.done()).isFalse();
		assertThat(access.status()).isEqualTo("1 invitation pending");
		assertThat(access.nextAction()).isEqualTo("Wait for lee@example.com to accept");
		assertThat(access.link()).isEqualTo("https://example.com/i");
		assertThat(readiness.state()).isEqualTo(ReadinessState.ACTION_NEEDED);
		assertThat(readiness.nextStep()).isEqualTo(access);
		assertThat(readiness.summary()).isEqualTo("Wait for lee@example.com to accept");
	}

	@Test
	void theNextStepIsTheFirstOpenOneInOrder() {
		AccountReadiness readiness = readiness(
				service(new Fixed(ReadinessStepKind.ACCESS, open("Not linked", "Link a manager account", null)),
						new Fixed(ReadinessStepKind.BILLING,
								open("Not set up in US", "Set up billing", "https://billing.example/setup"))),
				CREATED, List.of());
		assertThat(readiness.nextStep().kind()).isEqualTo(ReadinessStepKind.BILLING);
		assertThat(readiness.nextStep().link()).isEqualTo("https://billing.example/setup");
		assertThat(readiness.summary()).isEqualTo("Set up billing");
	}

	@Test
	void aKindWithoutACheckIsListedAsNotCheckedNeverDone() {
		AccountReadiness readiness = readiness(service(new Fixed(ReadinessStepKind.BILLING, done("Set up in US"))),
				CREATED, List.of());
		ReadinessStep access = readiness.steps().get(2);
		assertThat(access.kind()).isEqualTo(ReadinessStepKind.ACCESS);
		assertThat(access.done()).isFalse();
		assertThat(access.status()).startsWith("Not checked");
		assertThat(readiness.state()).isEqualTo(ReadinessState.ACTION_NEEDED);
		assertThat(readiness.nextStep()).isEqualTo(access);
		assertThat(readiness.summary()).isEqualTo("Access: not checked: this gateway has no access check");
	}

	@Test
	void aPendingAccountWaitsOnAmazonAndIsNotCheckedFurther() {
		Fixed billing = new Fixed(ReadinessStepKind.BILLING, open("Not set up", "Set up billing", null));
		Fixed access = new Fixed(ReadinessStepKind.ACCESS, open("Not linked", "Link a manager account", null));
		AccountReadiness readiness = readiness(service(billing, access),
				new ReadinessSubject("amzn1.ads-account.g.pending", "PENDING",
						List.of(new ReadinessSubject.Country("US", null, null))),
				List.of());
		assertThat(readiness.state()).isEqualTo(ReadinessState.WAITING);
		ReadinessStep registration = readiness.steps().get(0);
		assertThat(registration.done()).isFalse();
		assertThat(registration.nextAction()).isEqualTo("Wait for Amazon to create the account");
		assertThat(readiness.nextStep()).isEqualTo(registration);
		assertThat(readiness.summary()).isEqualTo("Wait for Amazon to create the account");
		assertThat(readiness.steps().subList(1, 3)).noneMatch(ReadinessStep::done);
		assertThat(billing.calls().get() + access.calls().get()).isZero();
	}

	@Test
	void aPendingAccountWaitsEvenForStepsThisGatewayCannotCheck() {
		AccountReadiness readiness = readiness(service(), new ReadinessSubject("amzn1.ads-account.g.pending", "PENDING",
				List.of(new ReadinessSubject.Country("US", null, null))), List.of());
		assertThat(readiness.state()).isEqualTo(ReadinessState.WAITING);
		assertThat(readiness.steps()).noneMatch(ReadinessStep::done);
	}

	@Test
	void aPartiallyCreatedAccountNeedsActionWithTheCountriesErrors() {
		AccountReadiness readiness = readiness(
				service(new Fixed(ReadinessStepKind.BILLING, done("Set up in US")),
						new Fixed(ReadinessStepKind.ACCESS, done("Linked"))),
				new ReadinessSubject("amzn1.ads-account.g.partial", "PARTIALLY_CREATED",
						List.of(new ReadinessSubject.Country("US", "111", "E1"),
								new ReadinessSubject.Country("MX", null, null))),
				List.of("MX: INELIGIBLE_MARKETPLACE (Not eligible)"));
		assertThat(readiness.state()).isEqualTo(ReadinessState.ACTION_NEEDED);
		ReadinessStep registration = readiness.nextStep();
		assertThat(registration.kind()).isEqualTo(ReadinessStepKind.REGISTRATION);
		assertThat(registration.status()).contains("MX: INELIGIBLE_MARKETPLACE (Not eligible)");
		assertThat(registration.nextAction()).contains("MX: INELIGIBLE_MARKETPLACE");
	}

	@Test
	void aDisabledAccountNeedsActionAndIsNotCheckedFurther() {
		Fixed billing = new Fixed(ReadinessStepKind.BILLING, done("Set up"));
		AccountReadiness readiness = readiness(service(billing, new Fixed(ReadinessStepKind.ACCESS, done("Linked"))),
				new ReadinessSubject("amzn1.ads-account.g.disabled", "DISABLED", List.of()),
				List.of("US: ACCOUNT_REJECTED"));
		assertThat(readiness.state()).isEqualTo(ReadinessState.ACTION_NEEDED);
		assertThat(readiness.nextStep().kind()).isEqualTo(ReadinessStepKind.REGISTRATION);
		assertThat(readiness.steps()).noneMatch(ReadinessStep::done);
		assertThat(billing.calls()).hasValue(0);
	}

	@Test
	void aFailedCheckLeavesItsStepOpenAndTheOthersAnswered() {
		ReadinessCheck failing = new ReadinessCheck() {

			@Override
			public ReadinessStepKind kind() {
				return ReadinessStepKind.BILLING;
			}

			@Override
			public Mono<StepState> check(ReadinessSubject account) {
				return Mono.error(new IllegalStateException("Amazon is unavailable"));
			}

		};
		AccountReadiness readiness = readiness(service(failing, new Fixed(ReadinessStepKind.ACCESS, done("Linked"))),
				CREATED, List.of());
		ReadinessStep billing = readiness.steps().get(1);
		assertThat(billing.done()).isFalse();
		assertThat(billing.status()).isEqualTo("Could not be checked: Amazon is unavailable");
		assertThat(billing.nextAction()).isEqualTo("Try again later");
		assertThat(readiness.steps().get(2).done()).isTrue();
		assertThat(readiness.state()).isEqualTo(ReadinessState.WAITING);
	}

	@Test
	void aCheckThatAnswersNothingIsNotDone() {
		ReadinessCheck silent = new ReadinessCheck() {

			@Override
			public ReadinessStepKind kind() {
				return ReadinessStepKind.ACCESS;
			}

			@Override
			public Mono<StepState> check(ReadinessSubject account) {
				return Mono.empty();
			}

		};
		AccountReadiness readiness = readiness(service(new Fixed(ReadinessStepKind.BILLING, done("Set up")),
				new Fixed(ReadinessStepKind.ACCESS, done("Linked")), silent), CREATED, List.of());
		assertThat(readiness.steps().get(2).done()).isFalse();
		assertThat(readiness.state()).isNotEqualTo(ReadinessState.READY_TO_ADVERTISE);
	}

	@Test
	void aCheckReadsTheCallingTenant() {
		ReadinessCheck tenantNamed = new ReadinessCheck() {

			@Override
			public ReadinessStepKind kind() {
				return ReadinessStepKind.BILLING;
			}

			@Override
			public Mono<StepState> check(ReadinessSubject account) {
				return ReadinessCheck.tenant().map((tenant) -> done("Set up for " + tenant.id()));
			}

		};
		AccountReadiness readiness = readiness(service(tenantNamed), CREATED, List.of());
		assertThat(readiness.steps().get(1).status()).isEqualTo("Set up for acme");
	}

	/**
	 * Each check of this kind answers only once every account of the batch has asked it:
	 * if readiness ran the accounts (or an account's steps) one after another, the first
	 * would wait forever.
	 */
	@Test
	void theAccountsOfOneAnswerAndTheirStepsAreCheckedConcurrently() {
		int accounts = 3;
		List<String> asked = Collections.synchronizedList(new ArrayList<>());
		Sinks.One<Boolean> allAsked = Sinks.one();
		class Rendezvous implements ReadinessCheck {

			private final ReadinessStepKind kind;

			Rendezvous(ReadinessStepKind kind) {
				this.kind = kind;
			}

			@Override
			public ReadinessStepKind kind() {
				return this.kind;
			}

			@Override
			public Mono<StepState> check(ReadinessSubject account) {
				asked.add(this.kind + " " + account.adsAccountId());
				if (asked.size() == accounts * 2) {
					allAsked.tryEmitValue(true);
				}
				return allAsked.asMono().map((all) -> done("Checked with " + asked.size() + " others"));
			}

		}
		ReadinessController controller = new ReadinessController(
				service(new Rendezvous(ReadinessStepKind.BILLING), new Rendezvous(ReadinessStepKind.ACCESS)));
		List<AdsAccountView> views = new ArrayList<>();
		for (int i = 0; i < accounts; i++) {
			views.add(new AdsAccountView("amzn1.ads-account.g." + i, "Account " + i, "CREATED", List.of("US"),
					List.of(new AdsAccountView.AlternateIdView("US", Integer.toString(100 + i), "E" + i)), List.of()));
		}
		Map<AdsAccountView, AccountReadiness> answer = controller.readiness(views, TENANT).block(Duration.ofSeconds(5));
		assertThat(answer).hasSize(accounts);
		assertThat(answer.values()).allMatch(AccountReadiness::ready);
		assertThat(asked).hasSize(accounts * 2);
	}

	@Test
	void theSubjectNamesEveryCountryWithItsIds() {
		AdsAccountView view = new AdsAccountView("amzn1.ads-account.g.x", "X", "PARTIALLY_CREATED", List.of("US", "MX"),
				List.of(new AdsAccountView.AlternateIdView("US", "111", "ENTITY1")),
				List.of(new AdsAccountView.CountryErrorView("MX", "INELIGIBLE", "Not eligible")));
		assertThat(ReadinessController.subject(view)).isEqualTo(new ReadinessSubject("amzn1.ads-account.g.x",
				"PARTIALLY_CREATED", List.of(new ReadinessSubject.Country("US", "111", "ENTITY1"),
						new ReadinessSubject.Country("MX", null, null))));
		assertThat(ReadinessController.countryErrors(view)).containsExactly("MX: INELIGIBLE (Not eligible)");
	}

}
