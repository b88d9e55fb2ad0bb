package dev.adsgraph.readiness;

import java.util.List;

/**
 * The ads account a {@link ReadinessCheck} looks at: its id, registration status
 * ({@code CREATED}, {@code PENDING}, ...) and the countries it is registered in.
 *
 * @param adsAccountId the ads account's id
 * @param status the ads account's status as Amazon names it
 * @param countries the countries of the account, with their profile and entity ids
 */
public record ReadinessSubject(String adsAccountId, String status, List<Country> countries) {

	/**
	 * One country of the account.
	 *
	 * @param countryCode ISO country code
	 * @param profileId the advertising profile's id in that country, when created
	 * @param entityId the advertiser's entity id in that country, when created
	 */
	public record Country(String countryCode, String profileId, String entityId) {
	}

}
