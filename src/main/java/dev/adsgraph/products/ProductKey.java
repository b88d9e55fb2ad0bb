package dev.adsgraph.products;

/**
 * One ASIN in one marketplace, read through one SP-API connection: the key every
 * per-product loader batches on.
 *
 * @param spConnectionId null when the workspace has no SP-API connection
 */
record ProductKey(String spConnectionId, String marketplaceId, String asin) {
}
