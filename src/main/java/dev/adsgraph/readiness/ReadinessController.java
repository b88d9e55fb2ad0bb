package dev.adsgraph.readiness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.adsgraph.accounts.AdsAccountView;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.stereotype.Controller;

@Controller
class ReadinessController {

	private final ReadinessService readiness;

	ReadinessController(ReadinessService readiness) {
		this.readiness = readiness;
	}

	/**
	 * Every account of one answer is checked at once (its steps concurrently too), so a
	 * page of 50 accounts costs one round of checks, not 50 in a row; each family batches
	 * its own upstream calls across them.
	 */
	@BatchMapping(typeName = "AdsAccount")
	Mono<Map<AdsAccountView, AccountReadiness>> readiness(List<AdsAccountView> accounts,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return Flux.fromIterable(accounts)
			.flatMapSequential((account) -> this.readiness.readiness(tenant, subject(account), countryErrors(account)))
			.collectList()
			.map((answers) -> {
				Map<AdsAccountView, AccountReadiness> result = new LinkedHashMap<>();
				for (int i = 0; i < accounts.size(); i++) {
					result.put(accounts.get(i), answers.get(i));
				}
				return result;
			});
	}

	/**
	 * The account as the checks see it: every country it was registered for, with the
	 * profile and entity ids Amazon gave it there (none while it is pending).
	 */
	static ReadinessSubject subject(AdsAccountView account) {
		Map<String, ReadinessSubject.Country> countries = new LinkedHashMap<>();
		for (String code : account.countryCodes()) {
			countries.put(code, new ReadinessSubject.Country(code, null, null));
		}
		for (AdsAccountView.AlternateIdView id : account.alternateIds()) {
			ReadinessSubject.Country known = countries.get(id.countryCode());
			countries.put(id.countryCode(),
					new ReadinessSubject.Country(id.countryCode(),
							(id.profileId() != null) ? id.profileId() : (known != null) ? known.profileId() : null,
							(id.entityId() != null) ? id.entityId() : (known != null) ? known.entityId() : null));
		}
		return new ReadinessSubject(account.id(), account.status(), List.copyOf(countries.values()));
	}

	static List<String> countryErrors(AdsAccountView account) {
		List<String> errors = new ArrayList<>();
		for (AdsAccountView.CountryErrorView error : account.errors()) {
			errors.add(error.countryCode() + ": " + error.code()
					+ ((error.message() != null && !error.message().isBlank()) ? " (" + error.message() + ")" : ""));
		}
		return errors;
	}

}
