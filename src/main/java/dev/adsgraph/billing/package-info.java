/**
 * Billing of ads accounts (issue 18): whether billing is set up in each country, Amazon's
 * notifications about what is missing, the setup link, invoices, the
 * {@code billingStatus} subscription and the BILLING readiness check.
 */
package dev.adsgraph.billing;
