package dev.adsgraph.billing;

import java.util.List;

/**
 * The schema's {@code AdsAccountBilling}: an account's billing in every country Amazon
 * can say it for, and where to set it up.
 */
public record AccountBilling(String adsAccountId, boolean setUp, String setupUrl, List<CountryBilling> countries) {

	public AccountBilling {
		countries = List.copyOf(countries);
	}

	/**
	 * An account's billing is set up when it is set up in every one of its countries, and
	 * it has at least one (a PENDING account has none yet).
	 */
	static boolean setUp(List<CountryBilling> countries) {
		return !countries.isEmpty() && countries.stream().allMatch(CountryBilling::setUp);
	}

}
