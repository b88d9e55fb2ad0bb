/**
 * Amazon's consent pages: Login with Amazon's authorization page ({@code /ap/oa}), where
 * a fixture user signs in and allows or denies an Ads application, and Seller Central's
 * consent page ({@code /apps/authorize/consent}), where a fixture seller authorizes the
 * sandbox's SP-API application. Both hand out the codes the {@code lwa} token endpoint
 * redeems.
 */
package dev.adsgraph.sandbox.consent;
