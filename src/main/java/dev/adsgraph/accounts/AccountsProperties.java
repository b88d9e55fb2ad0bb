package dev.adsgraph.accounts;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.accounts.*}: how ads account reads are shared.
 *
 * @param freshness how long an ads account read from Amazon ({@code GetAccount}) or a
 * page of the account list ({@code ListAdsAccounts}) is reused for the same workspace and
 * connection; its {@code asOf} says when it was read. Amazon describes both as changing
 * slowly and advises polling a registration's status every 3 to 5 seconds, so a window
 * shorter than that never hides a change from a client that polls as advised. The
 * gateway's own account mutations (registering an ads account, creating or updating
 * advertiser accounts) drop the workspace's reads at once, on every replica in Redis
 * mode. {@code 0s} reuses nothing: only reads under way at the same moment are shared.
 */
@Validated
@ConfigurationProperties("adsgraph.accounts")
record AccountsProperties(
		@NotNull @DurationMin(nanos = 0) @DurationMax(minutes = 10) @DefaultValue("2s") Duration freshness) {

}
