/**
 * The simulated Login with Amazon: the token endpoint ({@code LwaHandler}) and the access
 * tokens it issues ({@code AccessTokens}), which the Ads and SP-API gates check.
 */
package dev.adsgraph.sandbox.lwa;
