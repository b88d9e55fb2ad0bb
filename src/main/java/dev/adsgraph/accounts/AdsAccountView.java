package dev.adsgraph.accounts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.adsgraph.upstream.Countries;
import dev.adsgraph.upstream.ads.AdsAccount;

/**
 * The schema's {@code AdsAccount}, with ISO country codes and profile ids as strings.
 *
 * @param asOf when the account was read from Amazon, where the read may be reused
 * ({@link AdsAccountReads}); null where it is as Amazon has just answered
 */
public record AdsAccountView(String id, String name, String status, List<String> countryCodes,
		List<AlternateIdView> alternateIds, List<CountryErrorView> errors, OffsetDateTime asOf) {

	/** An account as Amazon has just answered it. */
	public AdsAccountView(String id, String name, String status, List<String> countryCodes,
			List<AlternateIdView> alternateIds, List<CountryErrorView> errors) {
		this(id, name, status, countryCodes, alternateIds, errors, null);
	}

	public record AlternateIdView(String countryCode, String profileId, String entityId) {
	}

	public record CountryErrorView(String countryCode, String code, String message) {
	}

	public static AdsAccountView of(AdsAccount account) {
		return of(account, null);
	}

	/** An account read from Amazon at {@code asOf}. */
	public static AdsAccountView of(AdsAccount account, Instant asOf) {
		List<String> countries = (account.countryCodes() != null)
				? account.countryCodes().stream().map(Countries::toIso).toList() : List.of();
		List<AlternateIdView> ids = (account.alternateIds() != null) ? account.alternateIds()
			.stream()
			.map((a) -> new AlternateIdView(Countries.toIso(a.countryCode()),
					(a.profileId() != null) ? Long.toString(a.profileId()) : null, a.entityId()))
			.toList() : List.of();
		List<CountryErrorView> errors = new ArrayList<>();
		if (account.errors() != null) {
			for (Map.Entry<String, List<AdsAccount.AccountError>> entry : account.errors().entrySet()) {
				for (AdsAccount.AccountError error : entry.getValue()) {
					errors.add(new CountryErrorView(Countries.toIso(entry.getKey()),
							(error.errorCode() != null) ? error.errorCode() : "UNKNOWN", error.errorMessage()));
				}
			}
		}
		return new AdsAccountView(account.adsAccountId(), account.accountName(), statusOf(account), countries, ids,
				errors, (asOf != null) ? asOf.atOffset(ZoneOffset.UTC) : null);
	}

	/**
	 * The account's status as the schema shows it: {@code PENDING} when Amazon has none.
	 */
	static String statusOf(AdsAccount account) {
		return (account.status() != null) ? account.status() : "PENDING";
	}

	/** Profile ids named by the alternate ids, in their order, without repeats. */
	List<Long> profileIds() {
		return this.alternateIds.stream()
			.map(AlternateIdView::profileId)
			.filter((id) -> id != null)
			.map(Long::parseLong)
			.distinct()
			.toList();
	}

}
