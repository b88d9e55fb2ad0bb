package dev.adsgraph.sandbox.ads;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.adsgraph.sandbox.fixtures.Account;

/**
 * Whose billing is set up. The accounts the sandbox starts with (the demo fixtures) have
 * billing set up, so their dashboards work as before; an account registered later has
 * none until its user completes the sandbox's billing page ({@link BillingPageHandler}),
 * as a new Amazon Ads account needs its billing set up before its campaigns can run.
 */
public final class BillingBook {

	private final Set<String> setUp = ConcurrentHashMap.newKeySet();

	public BillingBook(List<Account> accounts) {
		reset(accounts);
	}

	/** Back to the start: billing set up for exactly these accounts. */
	public void reset(List<Account> accounts) {
		this.setUp.clear();
		accounts.forEach((account) -> this.setUp.add(account.adsAccountId()));
	}

	public boolean isSetUp(String adsAccountId) {
		return this.setUp.contains(adsAccountId);
	}

	/** The user completed the billing page: billing is set up in every country. */
	public void complete(String adsAccountId) {
		this.setUp.add(adsAccountId);
	}

}
