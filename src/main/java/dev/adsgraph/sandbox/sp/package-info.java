/**
 * The simulated Selling Partner API: sellers, catalog items, listings, FBA inventory,
 * sales and reports. Every operation passes {@code SpGate} (access token, usage plans
 * enforced by {@code RateLimits}, faults, the static sandbox examples of
 * {@code SpStaticExamples}).
 */
package dev.adsgraph.sandbox.sp;
