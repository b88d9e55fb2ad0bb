/**
 * The simulated Login with Amazon: the token endpoint ({@code LwaHandler}, refresh-token
 * and authorization-code grants), the access tokens it issues ({@code AccessTokens}),
 * which the Ads and SP-API gates check, the refresh tokens it honours and their
 * revocations ({@code Grants}), the codes the consent pages hand out
 * ({@code AuthorizationCodes}) and the customer profile ({@code UserProfileHandler}).
 */
package dev.adsgraph.sandbox.lwa;
