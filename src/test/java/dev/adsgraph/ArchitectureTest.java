package dev.adsgraph;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import dev.adsgraph.upstream.resilience.Backoff;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the dependency directions of STYLE.md true as the code grows. */
class ArchitectureTest {

	/**
	 * The gateway's and the sandbox's classes, imported once for all the rules: JUnit
	 * makes a new instance per test, so an instance field would import them again for
	 * each.
	 */
	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.adsgraph");

	@Test
	void gatewayCodeNeverImportsTheSandbox() {
		noClasses().that()
			.resideOutsideOfPackage("dev.adsgraph.sandbox..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.adsgraph.sandbox..")
			.check(CLASSES);
	}

	@Test
	void sandboxUsesNothingOfTheGateway() {
		noClasses().that()
			.resideInAPackage("dev.adsgraph.sandbox..")
			.should()
			.dependOnClassesThat(
					resideInAPackage("dev.adsgraph..").and(resideOutsideOfPackage("dev.adsgraph.sandbox..")))
			.check(CLASSES);
	}

	@Test
	void theSandboxPartsDependOnOneAnotherWithoutCycles() {
		slices().matching("dev.adsgraph.sandbox.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void theSandboxCoreAndFixturesKnowNoSimulatedApi() {
		noClasses().that()
			.resideInAnyPackage("dev.adsgraph.sandbox.core..", "dev.adsgraph.sandbox.fixtures..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.adsgraph.sandbox.lwa..", "dev.adsgraph.sandbox.ads..", "dev.adsgraph.sandbox.sp..",
					"dev.adsgraph.sandbox.control..")
			.check(CLASSES);
	}

	@Test
	void upstreamClientsKnowNoFeature() {
		noClasses().that()
			.resideInAPackage("dev.adsgraph.upstream..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.adsgraph.tenancy..", "dev.adsgraph.graphql..", "dev.adsgraph.profiles..",
					"dev.adsgraph.accounts..", "dev.adsgraph.products..", "dev.adsgraph.reports..")
			.check(CLASSES);
	}

	@Test
	void theReportEngineKnowsNoFeatureNorCaller() {
		noClasses().that()
			.resideInAPackage("dev.adsgraph.reports..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.adsgraph.tenancy..", "dev.adsgraph.graphql..", "dev.adsgraph.profiles..",
					"dev.adsgraph.accounts..", "dev.adsgraph.products..")
			.check(CLASSES);
	}

	@Test
	void idempotencyKnowsNoFeature() {
		noClasses().that()
			.resideInAPackage("dev.adsgraph.idempotency..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.adsgraph.tenancy..", "dev.adsgraph.profiles..", "dev.adsgraph.accounts..",
					"dev.adsgraph.products..", "dev.adsgraph.reports..")
			.check(CLASSES);
	}

	@Test
	void theRegistrationRecordsKnowNoFeature() {
		noClasses().that()
			.resideInAPackage("dev.adsgraph.registrations..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.adsgraph.tenancy..", "dev.adsgraph.profiles..", "dev.adsgraph.accounts..",
					"dev.adsgraph.products..", "dev.adsgraph.reports..", "dev.adsgraph.upstream..",
					"dev.adsgraph.watch..", "dev.adsgraph.graphql..")
			.check(CLASSES);
	}

	@Test
	void theSharedPollersKnowNoFeature() {
		// The one schedule of every wait, Backoff, lives with the upstream's resilience;
		// the pollers share it and nothing else of the upstream.
		noClasses().that()
			.resideInAPackage("dev.adsgraph.watch..")
			.should()
			.dependOnClassesThat(
					resideInAnyPackage("dev.adsgraph.tenancy..", "dev.adsgraph.profiles..", "dev.adsgraph.accounts..",
							"dev.adsgraph.products..", "dev.adsgraph.reports..", "dev.adsgraph.upstream..")
						.and(not(equivalentTo(Backoff.class))))
			.check(CLASSES);
	}

}
