package dev.adsgraph.upstream.sp;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An SP-API amount: {@code amount} is a decimal string on the wire ("a decimal number
 * with no loss of precision", sales.json and listingsItems_2021-08-01.json), read
 * exactly.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Money(String currencyCode, BigDecimal amount) {
}
