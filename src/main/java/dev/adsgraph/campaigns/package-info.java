/**
 * Campaigns on the Ads API v1 common model ({@code Profile.campaigns}, ad groups, ads,
 * targets), joined to the products graph ({@code Ad.product}, {@code Product.ads}) and to
 * the sponsored-products report it already requests ({@code Campaign.performance}). Every
 * level is read in batches: the children of all parents of a response in one upstream
 * query per ad product and 100 parents (the v1 filters' limit).
 */
package dev.adsgraph.campaigns;
