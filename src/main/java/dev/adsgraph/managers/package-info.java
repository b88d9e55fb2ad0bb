/**
 * Manager accounts: the user's manager accounts with their linked accounts, creating one,
 * linking and unlinking the workspace's ads accounts (Amazon's older
 * {@code /managerAccounts} endpoints; docs/manager-accounts.md), and the ACCESS readiness
 * check that an account is linked to one.
 */
package dev.adsgraph.managers;
