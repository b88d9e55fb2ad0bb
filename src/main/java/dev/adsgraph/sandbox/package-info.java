/**
 * The built-in sandbox: a simulated Login with Amazon, Amazon Ads API (profiles, terms
 * tokens, ads accounts, v1 advertiser and selling accounts, sponsored-products reporting
 * v3) and Selling Partner API (sellers, catalog items, listings, FBA inventory, sales,
 * reports) that the gateway reaches over real HTTP, exactly as it reaches Amazon. It is a
 * separate "Amazon": nothing here uses gateway code and the gateway never calls into it,
 * which an ArchUnit test keeps true.
 *
 * <p>
 * Entry points: {@link dev.adsgraph.sandbox.SandboxServer} (embed it, for example in
 * tests), {@link dev.adsgraph.sandbox.SandboxMain} (run it alone) and
 * {@link dev.adsgraph.sandbox.SandboxEnvironmentPostProcessor} (the default upstream of
 * an application started without tenants). Its data are the fixtures in {@code Fixtures}
 * (users, accounts, credentials) and {@code Catalog} (products per seller and
 * marketplace), with daily retail and ad numbers computed by {@code Figures};
 * {@code GET /sandbox/products} exposes the same numbers as ground truth.
 *
 * <p>
 * Layout, by what each part simulates: {@code lwa} (the token endpoint, the access and
 * refresh tokens it issues, authorization codes, the customer profile), {@code consent}
 * (LWA's authorization page and Seller Central's consent page), {@code ads} (the Ads API:
 * profiles, terms tokens, ads accounts, v1 advertiser and selling accounts, Ads reports,
 * and {@code AdsGate} in front of them), {@code sp} (the SP-API: sellers, catalog items,
 * listings, FBA inventory, sales, SP reports, and {@code SpGate} with its usage plans),
 * {@code control} (the {@code /sandbox/...} endpoints that steer the simulation). They
 * share {@code core} (replies, JSON, error exceptions, page tokens, injected faults, call
 * counts, report documents) and {@code fixtures} (the simulated world: users, accounts,
 * countries, catalog, daily figures, ids). This package keeps only the entry points that
 * wire them together; the sub-packages depend on one another without cycles, which an
 * ArchUnit test keeps true.
 */
package dev.adsgraph.sandbox;
