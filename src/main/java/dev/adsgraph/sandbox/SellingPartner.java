package dev.adsgraph.sandbox;

import java.util.List;
import java.util.Locale;

/**
 * A seller, vendor group or KDP author a sandbox user has rights on: what
 * {@code /adsAccounts} registers and what {@code query/sellingAccounts} lists.
 *
 * @param partnerId the seller's merchant id (sellerCentralAccount, also the SP-API
 * sellerId), the vendor group id, or the author's KDP e-mail
 * @param review what the asynchronous review decides when this partner is registered
 */
record SellingPartner(SellingProgram program, String partnerId, String name, List<Country> countries,
		String sellingAccountLinkToken, PostalAddress address, String website, Review review) {

	SellingPartner {
		countries = List.copyOf(countries);
	}

	/** A partner backs at most one ads account, whichever API registered it. */
	String uniquenessKey() {
		return this.program + ":" + this.partnerId.toLowerCase(Locale.ROOT);
	}

	boolean matches(SellingProgram program, String partnerId) {
		return this.program == program && this.partnerId.equalsIgnoreCase(partnerId);
	}

}
