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
 */
package dev.adsgraph.sandbox;
