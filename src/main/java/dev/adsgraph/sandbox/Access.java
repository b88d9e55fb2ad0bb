package dev.adsgraph.sandbox;

import java.util.Set;

/**
 * The permissions a user holds on a profile, as the {@code apiProgram} and
 * {@code accessLevel} filters of listProfiles see them. {@code edit} implies
 * {@code view}.
 */
enum Access {

	/** Edit on every program: the user owns the account. */
	FULL(Set.of("billing", "campaign", "paymentMethod", "store", "report", "account", "posts"), Set.of()),

	/** View on every program: someone shared reporting access with the user. */
	VIEW_ONLY(Set.of(), Set.of("billing", "campaign", "paymentMethod", "store", "report", "account", "posts")),

	/**
	 * Edit on campaigns and the rest, but billing and payment methods belong to someone
	 * else.
	 */
	NO_BILLING(Set.of("campaign", "store", "report", "account", "posts"), Set.of());

	static final Set<String> API_PROGRAMS = Set.of("billing", "campaign", "paymentMethod", "store", "report", "account",
			"posts");

	private final Set<String> editPrograms;

	private final Set<String> viewOnlyPrograms;

	Access(Set<String> editPrograms, Set<String> viewOnlyPrograms) {
		this.editPrograms = editPrograms;
		this.viewOnlyPrograms = viewOnlyPrograms;
	}

	boolean allows(String apiProgram, String accessLevel) {
		if (this.editPrograms.contains(apiProgram)) {
			return true;
		}
		return "view".equals(accessLevel) && this.viewOnlyPrograms.contains(apiProgram);
	}

}
