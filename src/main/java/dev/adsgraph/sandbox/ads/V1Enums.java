package dev.adsgraph.sandbox.ads;

import java.util.Set;

/**
 * Value lists of v1 enums the sandbox validates, as
 * AmazonAdsAPIALLMerged_prod_3p_ALL.json defines them.
 */
final class V1Enums {

	static final Set<String> CURRENCY_CODES = Set.of("AED", "ARS", "AUD", "AZN", "BBD", "BGN", "BHD", "BMD", "BND",
			"BOB", "BRL", "BSD", "CAD", "CHF", "CLP", "CNY", "COP", "CRC", "CZK", "DKK", "DOP", "DZD", "EGP", "EUR",
			"GBP", "GHS", "GTQ", "HKD", "HNL", "HRK", "HUF", "IDR", "ILS", "INR", "JMD", "JOD", "JPY", "KES", "KRW",
			"KWD", "KYD", "KZT", "LBP", "LKR", "MAD", "MUR", "MXN", "MXP", "MYR", "NAD", "NGN", "NOK", "NZD", "PAB",
			"PEN", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "SAR", "SEK", "SGD", "THB", "TND", "TRY",
			"TTD", "TWD", "TZS", "UAH", "USD", "UYU", "VND", "XAF", "XCD", "XOF", "XPF", "ZAR");

	static final Set<String> INDUSTRY_VERTICALS = Set.of("AMS Keyword", "AMS Self Service", "Automotive",
			"Consumer Goods", "Entertainment", "Financial Services", "Hardware & Electronics", "Health", "House Ads",
			"Public Services", "Remnant Networks", "Retail Goods & Services", "Software", "Telecommunications",
			"Travel", "Twitch", "Twitch TV", "Web Media", "eCommerce");

	static final Set<String> TIME_ZONES = Set.of("America/Anchorage", "America/Caracas", "America/Chicago",
			"America/Denver", "America/Halifax", "America/Los_Angeles", "America/Mexico_City", "America/New_York",
			"America/Sao_Paulo", "America/St_Johns", "Asia/Almaty", "Asia/Baghdad", "Asia/Bangkok", "Asia/Dubai",
			"Asia/Hong_Kong", "Asia/Kabul", "Asia/Kathmandu", "Asia/Kolkata", "Asia/Magadan", "Asia/Riyadh",
			"Asia/Shanghai", "Asia/Singapore", "Asia/Tehran", "Asia/Tokyo", "Asia/Yekaterinburg", "Asia/Yerevan",
			"Atlantic/Azores", "Atlantic/South_Georgia", "Australia/Brisbane", "Australia/Darwin", "Australia/Sydney",
			"EET", "Europe/Amsterdam", "Europe/Istanbul", "Europe/London", "Europe/Paris", "Europe/Stockholm",
			"Indian/Cocos", "Pacific/Auckland", "Pacific/Fiji", "Pacific/Honolulu", "Pacific/Kwajalein",
			"Pacific/Midway");

	static final Set<String> SELLING_PROGRAMS = Set.of("AMAZON_SELLER", "AMAZON_VENDOR", "AMAZON_AUTHOR");

	private V1Enums() {
	}

}
