package dev.adsgraph.sandbox;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The sandbox is a separate "Amazon": it and the gateway meet only over HTTP. */
class SandboxArchitectureTest {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.adsgraph");

	@Test
	void theSandboxUsesNothingOfTheGateway() {
		noClasses().that()
			.resideInAPackage("dev.adsgraph.sandbox..")
			.should()
			.dependOnClassesThat(resideInAPackage("dev.adsgraph..").and(resideOutsideOfPackage("dev.adsgraph.sandbox..")))
			.check(MAIN);
	}

	@Test
	void theGatewayNeverCallsTheSandboxDirectly() {
		noClasses().that()
			.resideOutsideOfPackage("dev.adsgraph.sandbox..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.adsgraph.sandbox..")
			.check(MAIN);
	}

}
