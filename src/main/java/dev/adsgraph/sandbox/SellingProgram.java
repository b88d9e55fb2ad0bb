package dev.adsgraph.sandbox;

import java.util.List;

/**
 * v1 SellingProgram, with what each program means for profiles and the v1 portals list.
 */
enum SellingProgram {

	AMAZON_SELLER("seller", null, List.of("SELLER_CENTRAL")), AMAZON_VENDOR("vendor", null, List.of("VENDOR_CENTRAL")),
	// KDP authors advertise as book vendors: their profiles are vendor profiles tagged
	// KDP_AUTHOR.
	AMAZON_AUTHOR("vendor", "KDP_AUTHOR", List.of("KDP_CENTRAL", "AUTHOR_CENTRAL"));

	private final String profileType;

	private final String profileSubType;

	private final List<String> portals;

	SellingProgram(String profileType, String profileSubType, List<String> portals) {
		this.profileType = profileType;
		this.profileSubType = profileSubType;
		this.portals = portals;
	}

	String profileType() {
		return this.profileType;
	}

	String profileSubType() {
		return this.profileSubType;
	}

	List<String> portals() {
		return this.portals;
	}

}
