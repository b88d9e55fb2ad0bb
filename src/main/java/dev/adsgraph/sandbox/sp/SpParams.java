package dev.adsgraph.sandbox.sp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Figures;

/**
 * Query parameters the SP-API operations share, each failing as a 400
 * {@code InvalidInput}.
 */
public final class SpParams {

	private SpParams() {
	}

	static ApiException invalid(String message) {
		return ApiException.badRequest("InvalidInput", message);
	}

	/**
	 * {@code marketplaceIds}: required, known, on this host's region; at most
	 * {@code max}.
	 */
	static List<Country> marketplaces(SpGate.Call call, String name, int max) {
		List<String> ids = call.csv(name);
		if (ids == null || ids.isEmpty() || (ids.size() == 1 && ids.get(0).isEmpty())) {
			throw invalid("Missing required parameter " + name + ".");
		}
		if (ids.size() > max) {
			throw invalid(
					name + " accepts " + ((max == 1) ? "exactly one marketplace" : "at most " + max + " marketplaces")
							+ ", got " + ids.size() + ".");
		}
		List<Country> countries = new ArrayList<>();
		for (String id : ids) {
			Country country = Country.byMarketplaceId(id)
				.orElseThrow(() -> invalid("Invalid marketplace identifier: '" + id + "'."));
			if (country.region() != call.region()) {
				throw invalid("Marketplace " + id + " is not served by this regional endpoint.");
			}
			countries.add(country);
		}
		return countries;
	}

	/** {@code includedData}: a subset of {@code allowed}, default {@code summaries}. */
	static Set<String> includedData(SpGate.Call call, Set<String> allowed) {
		List<String> values = call.csv("includedData");
		if (values == null) {
			return Set.of("summaries");
		}
		for (String value : values) {
			if (!allowed.contains(value)) {
				throw invalid("Invalid includedData value '" + value + "'; expected one of "
						+ allowed.stream().sorted().toList() + ".");
			}
		}
		return Set.copyOf(values);
	}

	static int pageSize(SpGate.Call call, int fallback, int max) {
		String raw = call.query("pageSize").orElse(null);
		if (raw == null) {
			return fallback;
		}
		try {
			int size = Integer.parseInt(raw);
			if (size >= 1 && size <= max) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw invalid("pageSize must be an integer from 1 to " + max + ", was '" + raw + "'.");
	}

	/** The SP-API {@code Money}: a decimal string and the currency. */
	public static Money money(long minor, Country country) {
		return new Money(country.currencyCode(), Figures.money(minor, country).toPlainString());
	}

	record Money(String currencyCode, String amount) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Pagination(String nextToken, String previousToken) {

		static Pagination of(String nextToken, String previousToken) {
			return (nextToken == null && previousToken == null) ? null : new Pagination(nextToken, previousToken);
		}

	}

}
