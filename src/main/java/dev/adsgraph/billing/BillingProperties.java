package dev.adsgraph.billing;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.billing.*}: how long billing answers are reused and where users set
 * billing up.
 *
 * @param statusTtl how long a country's billing status and notifications are reused;
 * short, because a user who has just set billing up expects to see it (the
 * {@code billingStatus} subscription reads past it)
 * @param setupUrl the billing setup link shown for an account; its placeholder
 * {@code adsAccountId} in curly braces is replaced by the account's id. Amazon's
 * documentation names a billing setup page without giving its address: the default is the
 * billing guide it links to. In sandbox mode it is the sandbox's own billing page.
 */
@Validated
@ConfigurationProperties("adsgraph.billing")
record BillingProperties(@NotNull @DurationMin(nanos = 0) @DefaultValue("30s") Duration statusTtl,
		@NotBlank @DefaultValue("https://advertising.amazon.com/API/docs/en-us/guides/account-management/billing/getting-started") String setupUrl) {

}
