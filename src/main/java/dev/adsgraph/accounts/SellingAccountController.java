package dev.adsgraph.accounts;

import java.util.List;

import dev.adsgraph.graphql.Ids;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.Countries;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.SellingAccount;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class SellingAccountController {

	private static final int UPSTREAM_PAGE = 100;

	/**
	 * A user has a handful of selling accounts; this bounds the pages followed if an
	 * upstream loops.
	 */
	private static final int MAX_PAGES = 50;

	private final AdsApiClient ads;

	SellingAccountController(AdsApiClient ads) {
		this.ads = ads;
	}

	/** The field is a plain list, so every upstream page is followed. */
	@QueryMapping
	Mono<List<SellingAccountView>> sellingAccounts(@Argument SellingAccountFilter filter,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		String token = (filter != null) ? filter.sellingAccountLinkToken() : null;
		String program = (filter != null) ? filter.sellingProgram() : null;
		return fetch(tenant, token, program, null)
			.expand((page) -> (page.nextToken() != null) ? fetch(tenant, token, program, page.nextToken())
					: Mono.empty())
			.take(MAX_PAGES)
			.flatMapIterable((page) -> (page.sellingAccounts() != null) ? page.sellingAccounts() : List.of())
			.map((account) -> SellingAccountView.of(Ids.tenantScope(tenant.id()), account))
			.collectList();
	}

	private Mono<SellingAccount.Page> fetch(Tenant tenant, String token, String program, String nextToken) {
		return this.ads.querySellingAccounts(tenant.ads(), tenant.homeRegion(),
				new SellingAccount.Query(token, program, UPSTREAM_PAGE, nextToken));
	}

	record SellingAccountFilter(String sellingAccountLinkToken, String sellingProgram) {
	}

	/**
	 * The schema's {@code SellingAccount}.
	 *
	 * @param id opaque, of the tenant and the link token: Amazon answers the list for the
	 * tenant's user, so another tenant's list is another object
	 */
	record SellingAccountView(String id, String sellingAccountLinkToken, String sellingProgram, List<String> portals,
			String displayName, List<String> countryCodes, String website, List<AddressView> addresses) {

		static SellingAccountView of(String tenantScope, SellingAccount s) {
			SellingAccount.Business business = s.business();
			List<AddressView> addresses = (business != null && business.addresses() != null) ? business.addresses()
				.stream()
				.map((a) -> new AddressView(a.addressToken(), a.businessName(), a.addressLine1(), a.addressLine2(),
						a.city(), a.state(), a.zipCode(), Countries.toIso(a.countryCode()), a.phoneNumber()))
				.toList() : List.of();
			return new SellingAccountView(Ids.opaque("SellingAccount", tenantScope, s.sellingAccountLinkToken()),
					s.sellingAccountLinkToken(), s.sellingProgram(), (s.portals() != null) ? s.portals() : List.of(),
					s.displayName(),
					(s.countryCodes() != null) ? s.countryCodes().stream().map(Countries::toIso).toList() : List.of(),
					(business != null) ? business.website() : null, addresses);
		}

	}

	record AddressView(String addressToken, String businessName, String addressLine1, String addressLine2, String city,
			String state, String zipCode, String countryCode, String phoneNumber) {
	}

}
