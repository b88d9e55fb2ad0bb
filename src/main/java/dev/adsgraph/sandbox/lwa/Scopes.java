package dev.adsgraph.sandbox.lwa;

import java.util.Set;

/**
 * The LWA scopes the sandbox's authorization page grants: the Ads API's (with its legacy
 * spelling) and the two customer-profile scopes Login with Amazon documents.
 */
public final class Scopes {

	public static final String ADVERTISING = "advertising::campaign_management";

	public static final String ADVERTISING_LEGACY = "cpc_advertising:campaign_management";

	/** The user's {@code user_id}, {@code name} and {@code email}. */
	public static final String PROFILE = "profile";

	/** The user's {@code user_id} only. */
	public static final String PROFILE_USER_ID = "profile:user_id";

	public static final Set<String> ADS = Set.of(ADVERTISING, ADVERTISING_LEGACY);

	public static final Set<String> CUSTOMER_PROFILE = Set.of(PROFILE, PROFILE_USER_ID);

	public static final Set<String> ALL = Set.of(ADVERTISING, ADVERTISING_LEGACY, PROFILE, PROFILE_USER_ID);

	private Scopes() {
	}

}
