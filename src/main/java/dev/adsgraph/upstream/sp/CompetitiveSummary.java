package dev.adsgraph.upstream.sp;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * productPricing_2022-05-01.json getCompetitiveSummary, one item of the batch: the answer
 * for one ASIN in one marketplace, with its own HTTP status. Only
 * {@code featuredBuyingOptions} is asked for: who holds the Featured Offer, per segment
 * of shoppers (Prime or not, region), each segment with its share of the ASIN's glance
 * views. An item that failed ({@code statusCode} not 200, for example an ASIN Amazon does
 * not know) carries {@code errors} instead; the other items of the batch are unaffected.
 *
 * @param featuredBuyingOptions empty when nobody holds the Featured Offer (no buyable
 * offer)
 */
public record CompetitiveSummary(int statusCode, String asin, String marketplaceId,
		List<FeaturedBuyingOption> featuredBuyingOptions, List<ItemError> errors) {

	public CompetitiveSummary {
		featuredBuyingOptions = (featuredBuyingOptions != null) ? List.copyOf(featuredBuyingOptions) : List.of();
		errors = (errors != null) ? List.copyOf(errors) : List.of();
	}

	public boolean succeeded() {
		return this.statusCode == 200;
	}

	/** The sellers whose offers are featured in at least one segment. */
	public List<String> featuredSellerIds() {
		return offers().map(SegmentedFeaturedOffer::sellerId).filter(Objects::nonNull).distinct().toList();
	}

	/** Whether the seller's offer is the Featured Offer in any segment. */
	public boolean isFeatured(String sellerId) {
		return featuredSellerIds().contains(sellerId);
	}

	/**
	 * The share of the ASIN's glance views (0 to 100) whose Featured Offer is the
	 * seller's: the sum of its segments' {@code glanceViewWeightPercentage}.
	 */
	public double featuredShare(String sellerId) {
		return offers().filter((offer) -> sellerId.equals(offer.sellerId()))
			.flatMap((offer) -> offer.featuredOfferSegments().stream())
			.mapToDouble((segment) -> (segment.segmentDetails() != null
					&& segment.segmentDetails().glanceViewWeightPercentage() != null)
							? segment.segmentDetails().glanceViewWeightPercentage() : 0.0)
			.sum();
	}

	private java.util.stream.Stream<SegmentedFeaturedOffer> offers() {
		return this.featuredBuyingOptions.stream().flatMap((option) -> option.segmentedFeaturedOffers().stream());
	}

	/** {@code buyingOptionType}: New. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record FeaturedBuyingOption(String buyingOptionType, List<SegmentedFeaturedOffer> segmentedFeaturedOffers) {

		public FeaturedBuyingOption {
			segmentedFeaturedOffers = (segmentedFeaturedOffers != null) ? List.copyOf(segmentedFeaturedOffers)
					: List.of();
		}

	}

	/**
	 * A featured offer: its seller, condition, fulfillment type (AFN by Amazon, MFN by
	 * the merchant), price, and the segments it is featured in.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record SegmentedFeaturedOffer(String sellerId, String condition, String fulfillmentType, Money listingPrice,
			List<FeaturedOfferSegment> featuredOfferSegments) {

		public SegmentedFeaturedOffer {
			featuredOfferSegments = (featuredOfferSegments != null) ? List.copyOf(featuredOfferSegments) : List.of();
		}

	}

	/** {@code customerMembership}: PRIME, NON_PRIME or DEFAULT. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record FeaturedOfferSegment(String customerMembership, SegmentDetails segmentDetails) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record SegmentDetails(Double glanceViewWeightPercentage) {
	}

	/** The model's Error, of one item. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ItemError(String code, String message, String details) {
	}

}
