package dev.adsgraph.sandbox.ads;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.ads.AdsGate.Call;
import dev.adsgraph.sandbox.ads.AdsGate.Operation;
import dev.adsgraph.sandbox.core.PageTokens;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.PostalAddress;
import dev.adsgraph.sandbox.fixtures.SellingPartner;

/**
 * {@code POST /adsApi/v1/query/sellingAccounts}: the sellers, vendor groups and KDP
 * authors the user has rights on, with the tokens that v1 account creation takes instead
 * of raw ids and addresses.
 */
public final class SellingAccountsHandler {

	public static final Operation QUERY = new Operation("QuerySellingAccount", ErrorFamily.V1, true,
			List.of(Reply.JSON), Reply.JSON);

	public Reply query(Call call) {
		JsonNode body = call.body();
		List<String> tokens = V1Queries.include(body, "sellingAccountLinkTokenFilter", 1, 1, JsonNode::isString,
				"strings");
		List<String> programs = V1Queries.include(body, "sellingProgramFilter", 1, 1,
				(item) -> item.isString() && V1Enums.SELLING_PROGRAMS.contains(item.stringValue()),
				"AMAZON_SELLER, AMAZON_VENDOR or AMAZON_AUTHOR");
		int maxResults = V1Queries.maxResults(body);
		String userId = call.user().id();
		List<Object> filters = Arrays.asList(tokens, programs);
		int offset = V1Queries.offset(body, "sellingAccounts", userId, filters);
		List<SellingPartner> matching = call.user()
			.partners()
			.stream()
			.filter((partner) -> tokens == null || tokens.contains(partner.sellingAccountLinkToken()))
			.filter((partner) -> programs == null || programs.contains(partner.program().name()))
			.toList();
		PageTokens.Page<SellingPartner> page = PageTokens.page(matching, offset, maxResults,
				(next) -> PageTokens.encode("sellingAccounts", userId, filters, next));
		return Reply.json(200, new Page(page.items().stream().map(SellingAccount::of).toList(), page.nextToken()));
	}

	/** v1 {@code SellingAccount}; country codes are ISO (GB). */
	record SellingAccount(String sellingAccountLinkToken, String sellingProgram, List<String> portals,
			String displayName, List<String> countryCodes, Business business) {

		static SellingAccount of(SellingPartner partner) {
			return new SellingAccount(partner.sellingAccountLinkToken(), partner.program().name(),
					partner.program().portals(), partner.name(),
					partner.countries().stream().map(Country::isoCode).toList(),
					new Business(partner.website(), List.of(partner.address())));
		}

	}

	record Business(String website, List<PostalAddress> addresses) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Page(List<SellingAccount> sellingAccounts, String nextToken) {
	}

}
