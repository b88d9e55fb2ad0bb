package dev.adsgraph.products;

/** One ASIN in one marketplace: the key every per-product loader batches on. */
record ProductKey(String marketplaceId, String asin) {
}
