package dev.adsgraph.upstream.ads;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code ManagerAccount} of Amazon's "Manager Account" API (facts and sources:
 * docs/contracts/manager-accounts.md): its id, name and the linked accounts of the
 * regional host that answered, one per marketplace. Amazon returns no type.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ManagerAccount(String managerAccountId, String managerAccountName, List<LinkedAccount> linkedAccounts) {

	public ManagerAccount {
		linkedAccounts = (linkedAccounts != null) ? List.copyOf(linkedAccounts) : List.of();
	}

	/**
	 * {@code Account}: one marketplace of a linked advertising account.
	 * {@code accountType} is SELLER, VENDOR, DSP_ADVERTISING_ACCOUNT or MARKETING_CLOUD;
	 * {@code profileId} is absent for DSP accounts, {@code dspAdvertiserId} present only
	 * for them.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record LinkedAccount(String accountId, String accountName, String accountType, String dspAdvertiserId,
			String marketplaceId, String profileId) {
	}

	/** {@code GetManagerAccountsResponse}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ListResponse(List<ManagerAccount> managerAccounts) {
	}

	/** {@code CreateManagerAccountRequest}; the type is Advertiser or Agency. */
	public record Create(String managerAccountName, String managerAccountType) {
	}

	/**
	 * {@code AccountToUpdate}: {@code type} ACCOUNT_ID or DSP_ADVERTISER_ID;
	 * {@code roles} at most one, absent for Amazon's default.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record AccountToUpdate(String id, String type, List<String> roles) {

		public static AccountToUpdate accountId(String id) {
			return new AccountToUpdate(id, "ACCOUNT_ID", null);
		}

	}

	/**
	 * {@code UpdateAdvertisingAccountsInManagerAccountResponse}: the accounts that were
	 * linked (or unlinked) and those that failed, by id, not by index.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record UpdateResult(List<AccountToUpdate> succeedAccounts, List<Failure> failedAccounts) {

		public UpdateResult {
			succeedAccounts = (succeedAccounts != null) ? List.copyOf(succeedAccounts) : List.of();
			failedAccounts = (failedAccounts != null) ? List.copyOf(failedAccounts) : List.of();
		}

	}

	/** {@code AccountToUpdateFailure}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Failure(AccountToUpdate account, ErrorDetail error) {
	}

	/**
	 * {@code ErrorDetail}: code BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, TOO_MANY_REQUESTS
	 * or INTERNAL_SERVICE_ERROR.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ErrorDetail(String code, String message) {
	}

}
