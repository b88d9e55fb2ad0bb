package dev.adsgraph.sandbox;

/**
 * One advertising profile as the sandbox stores it. {@code accountInfoId} is the seller's
 * merchant id for sellers and an entity id otherwise; {@code dailyBudget} exists for
 * sellers only and {@code validPaymentMethod} for vendors only, as in the profiles spec.
 */
record ProfileEntry(long profileId, Country country, String type, String subType, String accountInfoId, String name,
		Double dailyBudget, Boolean validPaymentMethod, Access access) {
}
