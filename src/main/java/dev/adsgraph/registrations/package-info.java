/**
 * The registrations made through the gateway, kept in PostgreSQL (tables
 * {@code registration} and {@code registration_event}): terms tokens, ads accounts and
 * Ads API v1 advertiser accounts, with the tenant, the input's fingerprint, when,
 * Amazon's id and the status history as the gateway observed it.
 * <ul>
 * <li>{@link dev.adsgraph.registrations.RegistrationStore} records a write after Amazon
 * accepted it and each change of status a poller or a query sees, and lists the
 * registrations still in progress, which the accounts feature follows again after a
 * restart.</li>
 * <li>{@link dev.adsgraph.registrations.RegistrationKind} says which statuses are
 * final.</li>
 * </ul>
 * Depends on nothing of the gateway's features: the accounts feature calls it.
 */
package dev.adsgraph.registrations;
