package dev.adsgraph.tenancy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused tenant configuration into Spring Boot's short "APPLICATION FAILED TO
 * START" report: one line per problem and what to do, instead of a bean-creation stack
 * trace.
 */
class TenantConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTenantConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTenantConfigurationException cause) {
		StringBuilder description = new StringBuilder("Adsgraph's tenant configuration cannot work:");
		cause.problems()
			.forEach((problem) -> description.append(System.lineSeparator()).append("  - ").append(problem));
		return new FailureAnalysis(description.toString(),
				"Configure every tenant's API key digest (api-key-sha256) and Amazon Ads credentials (see "
						+ "docs/configuration.md), "
						+ "or remove all adsgraph.tenants settings and adsgraph.mode to run against the built-in sandbox.",
				cause);
	}

}
