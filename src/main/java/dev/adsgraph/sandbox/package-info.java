/**
 * The built-in sandbox: a simulated Login with Amazon and Amazon Ads API (profiles, terms tokens,
 * ads accounts, v1 advertiser and selling accounts) that the gateway reaches over real HTTP, exactly
 * as it reaches Amazon. It is a separate "Amazon": nothing here uses gateway code and the gateway
 * never calls into it, which an ArchUnit test keeps true.
 *
 * <p>Entry points: {@link dev.adsgraph.sandbox.SandboxServer} (embed it, for example in tests),
 * {@link dev.adsgraph.sandbox.SandboxMain} (run it alone) and
 * {@link dev.adsgraph.sandbox.SandboxEnvironmentPostProcessor} (the default upstream of an
 * application started without tenants). Its data are the fixtures in {@code Fixtures}.
 */
package dev.adsgraph.sandbox;
