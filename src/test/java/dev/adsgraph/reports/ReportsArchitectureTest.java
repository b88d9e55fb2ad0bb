package dev.adsgraph.reports;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Reports sit between the features and the upstream clients, and know only the latter. */
class ReportsArchitectureTest {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.adsgraph");

	@Test
	void reportsUseOnlyTheUpstreamClients() {
		noClasses().that()
			.resideInAPackage("dev.adsgraph.reports..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.adsgraph.tenancy..", "dev.adsgraph.graphql..", "dev.adsgraph.profiles..",
					"dev.adsgraph.accounts..", "dev.adsgraph.products..", "dev.adsgraph.sandbox..")
			.check(this.classes);
	}

	@Test
	void upstreamClientsDoNotKnowReports() {
		noClasses().that()
			.resideInAPackage("dev.adsgraph.upstream..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.adsgraph.reports..")
			.check(this.classes);
	}

}
