/**
 * The consent flows that connect Amazon accounts to a workspace (docs/consent.md).
 * <ul>
 * <li>{@link dev.adsgraph.consent.ConsentController}: the mutations
 * {@code connectAmazonAds}, {@code connectSellerCentral} and
 * {@code connectVendorCentral}, which answer the URL of Amazon's consent page for the
 * region.</li>
 * <li>{@link dev.adsgraph.consent.ConsentCallbacks}: the public callbacks
 * {@code /connect/ads/callback} and {@code /connect/sp/callback}, which exchange Amazon's
 * code, save the connection ({@code dev.adsgraph.connections.ConnectionStore}) and send
 * the user back to the return URL.</li>
 * <li>{@link dev.adsgraph.consent.ConsentStates}: the single-use, expiring {@code state}
 * values, kept as SHA-256 digests in PostgreSQL.</li>
 * <li>{@link dev.adsgraph.consent.ReturnUrls}: the allow-list of return URLs.</li>
 * </ul>
 */
package dev.adsgraph.consent;
