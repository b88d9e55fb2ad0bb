/**
 * User access to ads accounts (issue 18): the users of an account with their roles, user
 * invitations (invite, list, resend, revoke; PENDING until redeemed, revoked or expired),
 * the {@code invitationStatus} subscription and the ACCESS readiness check (no invitation
 * pending). Amazon's contract and its sources: docs/contracts/user-access.md.
 */
package dev.adsgraph.access;
