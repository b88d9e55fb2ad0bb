package dev.adsgraph.upstream.ads;

/**
 * Query filters of {@code GET /v2/profiles}; null means "not sent" (Amazon's default
 * applies). Values are Amazon's own spellings (apiProgram {@code campaign}, accessLevel
 * {@code edit}, profileTypeFilter {@code seller|vendor|agency}).
 */
public record ProfileFilter(String apiProgram, String accessLevel, String profileTypeFilter,
		Boolean validPaymentMethodFilter) {

	public static final ProfileFilter NONE = new ProfileFilter(null, null, null, null);

}
