package dev.adsgraph.registrations;

import java.util.Set;

/**
 * What was registered, and which of its statuses are final: a registration in a final
 * status is no longer followed, and a status that is not final never replaces one that is
 * (a poll that read before a change cannot undo it).
 */
public enum RegistrationKind {

	/**
	 * A terms token: final once the user accepted it (then redeemed by a registration).
	 */
	TERMS_TOKEN {
		@Override
		public boolean isTerminal(String status) {
			return Set.of("ACCEPTED", "REDEEMED").contains(status);
		}
	},

	/** An ads account ({@code registerAdsAccount}): final once no longer pending. */
	ADS_ACCOUNT {
		@Override
		public boolean isTerminal(String status) {
			return !"PENDING".equals(status);
		}
	},

	/** An Ads API v1 advertiser account: final once approved, rejected or archived. */
	ADVERTISER_ACCOUNT {
		@Override
		public boolean isTerminal(String status) {
			return Set.of("APPROVED", "REJECTED", "ARCHIVED").contains(status);
		}
	};

	/** Whether {@code status} is final for this kind. */
	public abstract boolean isTerminal(String status);

}
