package dev.adsgraph.sandbox.ads;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.adsgraph.sandbox.ads.AdsGate.Call;
import dev.adsgraph.sandbox.ads.AdsGate.Operation;
import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.fixtures.Access;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.ProfileEntry;

/**
 * {@code GET /v2/profiles} and {@code GET /v2/profiles/{profileId}}
 * (Profiles_prod_3p.yaml).
 */
public final class ProfilesHandler {

	public static final Operation LIST = new Operation("listProfiles", ErrorFamily.GENERIC, false, List.of(),
			Reply.JSON);

	public static final Operation GET = new Operation("getProfileById", ErrorFamily.GENERIC, false, List.of(),
			Reply.JSON);

	private static final Set<String> ACCESS_LEVELS = Set.of("edit", "view");

	private static final Set<String> PROFILE_TYPES = Set.of("seller", "vendor", "agency");

	private final AccountRegistry registry;

	public ProfilesHandler(AccountRegistry registry) {
		this.registry = registry;
	}

	public Reply list(Call call) {
		String apiProgram = query(call, "apiProgram", "campaign");
		String accessLevel = query(call, "accessLevel", "edit");
		String profileTypes = query(call, "profileTypeFilter", null);
		String validPaymentMethod = query(call, "validPaymentMethodFilter", null);
		if (!Access.API_PROGRAMS.contains(apiProgram)) {
			throw invalid("apiProgram", apiProgram, Access.API_PROGRAMS);
		}
		if (!ACCESS_LEVELS.contains(accessLevel)) {
			throw invalid("accessLevel", accessLevel, ACCESS_LEVELS);
		}
		Predicate<ProfileEntry> filter = (profile) -> profile.access().allows(apiProgram, accessLevel);
		if (profileTypes != null) {
			// The spec's prose allows a comma-separated list of types.
			List<String> types = Arrays.stream(profileTypes.split(",")).map(String::trim).toList();
			for (String type : types) {
				if (!PROFILE_TYPES.contains(type)) {
					throw invalid("profileTypeFilter", type, PROFILE_TYPES);
				}
			}
			filter = filter.and((profile) -> types.contains(profile.type()));
		}
		if (validPaymentMethod != null) {
			if (!validPaymentMethod.equals("true") && !validPaymentMethod.equals("false")) {
				throw invalid("validPaymentMethodFilter", validPaymentMethod, Set.of("true", "false"));
			}
			// true keeps profiles without the field (non-vendors); false keeps only an
			// explicit false.
			filter = filter.and(
					validPaymentMethod.equals("true") ? (profile) -> !Boolean.FALSE.equals(profile.validPaymentMethod())
							: (profile) -> Boolean.FALSE.equals(profile.validPaymentMethod()));
		}
		List<Profile> profiles = this.registry.profiles(call.user(), call.region())
			.stream()
			.filter(filter)
			.map(Profile::of)
			.toList();
		return Reply.json(200, profiles);
	}

	public Reply get(Call call) {
		String raw = call.request().pathVariable("profileId");
		long profileId;
		try {
			profileId = Long.parseLong(raw);
		}
		catch (NumberFormatException ex) {
			throw ApiException.badRequest("INVALID_ARGUMENT", "profileId must be a 64-bit integer, was '" + raw + "'.");
		}
		// A profile of another region, or of someone else, does not exist as far as this
		// host knows.
		return this.registry.profiles(call.user(), call.region())
			.stream()
			.filter((profile) -> profile.profileId() == profileId)
			.findFirst()
			.map((profile) -> Reply.json(200, Profile.of(profile)))
			.orElseThrow(() -> new ApiException(404, "NOT_FOUND",
					"Profile " + profileId + " was not found for this user on this host."));
	}

	// Each of these takes one value (a list is comma-separated within it); a repeated one
	// is refused rather than read as its first value.
	private static String query(Call call, String name, String fallback) {
		List<String> values = call.request().queryParams().getOrDefault(name, List.of());
		if (values.size() > 1) {
			throw ApiException.badRequest("INVALID_ARGUMENT",
					"The query parameter " + name + " was given " + values.size()
							+ " times; give it once, with a comma-separated list where it takes several values.");
		}
		return values.isEmpty() ? fallback : values.get(0);
	}

	private static ApiException invalid(String parameter, String value, Set<String> allowed) {
		return ApiException.badRequest("INVALID_ARGUMENT", "Invalid value '" + value + "' for " + parameter
				+ "; expected one of " + allowed.stream().sorted().toList() + ".");
	}

	/** The spec's Profile; {@code countryCode} uses UK, not GB. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Profile(long profileId, String countryCode, String currencyCode, Double dailyBudget, String timezone,
			AccountInfo accountInfo) {

		static Profile of(ProfileEntry entry) {
			Country country = entry.country();
			return new Profile(entry.profileId(), country.adsCode(), country.currencyCode(), entry.dailyBudget(),
					country.timezone(), new AccountInfo(country.marketplaceId(), entry.accountInfoId(), entry.type(),
							entry.name(), entry.subType(), entry.validPaymentMethod()));
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AccountInfo(String marketplaceStringId, String id, String type, String name, String subType,
			Boolean validPaymentMethod) {
	}

}
