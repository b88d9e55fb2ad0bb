/**
 * The simulated Amazon Ads API: profiles, terms tokens (and their acceptance page), ads
 * accounts, v1 advertiser and selling accounts, and sponsored-products reporting v3.
 * Every operation passes {@code AdsGate} (authentication, headers, media types, faults,
 * error shape per operation family); {@code AccountRegistry} and {@code Registrations}
 * hold the accounts registered at run time.
 */
package dev.adsgraph.sandbox.ads;
