package dev.adsgraph.profiles;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.adsgraph.upstream.Region;

/**
 * The schema's {@code ProfileFilter}. {@code apiProgram} and {@code accessLevel} change
 * which profiles Amazon lists, so they go upstream (and into the cache key); the other
 * fields are properties of the profiles and are applied to the cached list.
 */
public record ProfileQuery(List<Region> regions, List<String> countryCodes, List<String> types,
		List<String> marketplaceIds, Boolean validPaymentMethod, String apiProgram, String accessLevel) {

	public static final ProfileQuery ALL = new ProfileQuery(null, null, null, null, null, null, null);

	boolean includesRegion(Region region) {
		return this.regions == null || this.regions.contains(region);
	}

	boolean matches(ProfileView profile) {
		return in(this.countryCodes, profile.countryCode()) && in(this.types, profile.accountInfo().type())
				&& in(this.marketplaceIds, profile.marketplaceId()) && (this.validPaymentMethod == null
						|| this.validPaymentMethod.equals(profile.accountInfo().validPaymentMethod()));
	}

	/**
	 * Amazon's spelling of the upstream filter: {@code PAYMENT_METHOD} is
	 * {@code paymentMethod}.
	 */
	static String amazonEnum(String value) {
		if (value == null) {
			return null;
		}
		String[] parts = value.toLowerCase(Locale.ROOT).split("_");
		StringBuilder camel = new StringBuilder(parts[0]);
		for (int i = 1; i < parts.length; i++) {
			camel.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
		}
		return camel.toString();
	}

	private static boolean in(List<String> allowed, String value) {
		return allowed == null || (value != null && Set.copyOf(allowed).contains(value));
	}

}
