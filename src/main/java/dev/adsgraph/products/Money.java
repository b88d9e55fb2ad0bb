package dev.adsgraph.products;

import java.math.BigDecimal;

/** The schema's {@code Money}: an exact amount and its currency. */
public record Money(BigDecimal amount, String currencyCode) {

	static Money zero(String currencyCode) {
		return new Money(BigDecimal.ZERO, currencyCode);
	}

	Money plus(Money other) {
		return new Money(this.amount.add(other.amount), this.currencyCode);
	}

}
