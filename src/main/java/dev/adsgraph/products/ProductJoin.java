package dev.adsgraph.products;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.tenancy.Tenant;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * What other features need of the products graph: a profile's ASINs as the schema's
 * {@code Product}, figures included, whose catalog, listing and inventory fields resolve
 * through this package's batch mappings; and the products' date range rules.
 */
@Component
public class ProductJoin {

	private final ProductService products;

	ProductJoin(ProductService products) {
		this.products = products;
	}

	/**
	 * The ASINs as products of the profile over the range (keyed by ASIN), from the same
	 * shared reports as {@code Profile.products}.
	 */
	public Mono<Map<String, ProductView>> products(Tenant tenant, ProfileView profile, LocalDate start, LocalDate end,
			Collection<String> asins) {
		return Mono.defer(
				() -> this.products.profileProducts(tenant, profile, new ProductService.DateRange(start, end), asins));
	}

	/**
	 * Checks a {@code DateRangeInput} argument as graphql-java coerced it, by the
	 * products' rules; an {@link dev.adsgraph.graphql.ArgumentRules} check.
	 * @throws dev.adsgraph.graphql.BadUserInputException when it is refused
	 */
	public void requireRange(Object dateRangeInput) {
		this.products.requireRange(ProductService.DateRange.of(dateRangeInput));
	}

}
