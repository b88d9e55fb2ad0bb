package dev.adsgraph.campaigns;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.adsgraph.connections.ConnectionErrors;
import dev.adsgraph.products.Money;
import dev.adsgraph.profiles.ProfileService;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.ads.Ad;
import dev.adsgraph.upstream.ads.AdGroup;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.Campaign;
import dev.adsgraph.upstream.ads.CampaignWrites;
import dev.adsgraph.upstream.ads.MultiStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Writes a batch of campaign, ad group or ad changes across a workspace's profiles, one
 * outcome per input at its index, so one bad item never hides the others.
 * <p>
 * Everything the gateway can judge is judged before anything is sent, and an input it
 * refuses changes nothing: the profile must be one of the workspace's, an amount above
 * zero with no more decimals than the profile's currency has, each entity named once.
 * Then, per profile, one v1 query by id (per ad product, Sponsored Products first, until
 * every id is found) tells whether each entity exists, its ad product and its state:
 * unknown ids, money written to another ad product than Sponsored Products, and any
 * change to an archived entity are refused. What passes is sent in one call per profile
 * and operation (update, or delete for ARCHIVED), and Amazon's 207 is mapped back to the
 * caller's indexes.
 */
@Service
class CampaignWriter {

	/** Inputs a mutation takes at most. */
	static final int MAX_INPUTS = 100;

	/**
	 * The ad products an id is looked up in, in this order: Sponsored Products first,
	 * where most entities are, so most batches cost one query per profile. Amazon DSP is
	 * not written here (its campaigns are flights and line items, with an account scope
	 * of their own), so a DSP id is unknown to these mutations.
	 */
	static final List<String> LOOKUP_AD_PRODUCTS = List.of("SPONSORED_PRODUCTS", "SPONSORED_BRANDS",
			"SPONSORED_DISPLAY", "SPONSORED_TELEVISION");

	/** The ad product whose budgets and bids these mutations set. */
	static final String MONEY_AD_PRODUCT = "SPONSORED_PRODUCTS";

	/** The contract's maxItems of every v1 campaign, ad group and ad write request. */
	static final int MAX_UPSTREAM_ITEMS = 1000;

	static final String ARCHIVED = "ARCHIVED";

	private final AdsApiClient ads;

	private final ProfileService profiles;

	CampaignWriter(AdsApiClient ads, ProfileService profiles) {
		this.ads = ads;
		this.profiles = profiles;
	}

	/** What is written: campaigns, ad groups or ads. */
	enum Kind {

		CAMPAIGN("campaign", "campaignId", "UNKNOWN_CAMPAIGN", Campaign.Query.MAX_IDS),

		AD_GROUP("ad group", "adGroupId", "UNKNOWN_AD_GROUP", AdGroup.Query.MAX_IDS),

		AD("ad", "adId", "UNKNOWN_AD", Ad.Query.MAX_IDS);

		final String noun;

		final String idField;

		final String unknownCode;

		/** The contract's maxItems of the id filter of the kind's query. */
		final int maxIdsPerQuery;

		Kind(String noun, String idField, String unknownCode, int maxIdsPerQuery) {
			this.noun = noun;
			this.idField = idField;
			this.unknownCode = unknownCode;
			this.maxIdsPerQuery = maxIdsPerQuery;
		}

	}

	/** A change to one entity. */
	sealed interface Change permits SetState, SetDailyBudget, SetDefaultBid {

	}

	/** ENABLED, PAUSED or ARCHIVED. */
	record SetState(String state) implements Change {
	}

	/** A Sponsored Products campaign's daily budget, in its profile's currency. */
	record SetDailyBudget(BigDecimal amount) implements Change {
	}

	/** A Sponsored Products ad group's default bid, in its profile's currency. */
	record SetDefaultBid(BigDecimal amount) implements Change {
	}

	/**
	 * One input: the profile and the entity's id as the caller gave them, and the change.
	 */
	record Item(String profileId, String entityId, Change change) {
	}

	/**
	 * What became of one input: on success the written entity (a {@link Campaign},
	 * {@link AdGroup} or {@link Ad}) with its profile, its state and the amount written;
	 * otherwise the errors, and nothing was changed for it.
	 */
	record Outcome(int index, ProfileView profile, Object entity, String state, Money amount, List<WriteError> errors) {

		boolean succeeded() {
			return this.errors.isEmpty();
		}

		static Outcome failed(int index, WriteError error) {
			return new Outcome(index, null, null, null, null, List.of(error));
		}

	}

	/** An entity as the lookup found it. */
	record Known(String adProduct, String state, Object entity) {
	}

	Mono<List<Outcome>> write(Tenant tenant, Kind kind, List<Item> items) {
		Outcome[] outcomes = new Outcome[items.size()];
		Map<Integer, Long> checked = new LinkedHashMap<>();
		for (int i = 0; i < items.size(); i++) {
			WriteError error = checkAlone(i, kind, items.get(i));
			if (error != null) {
				outcomes[i] = Outcome.failed(i, error);
			}
			else {
				checked.put(i, Long.parseLong(items.get(i).profileId()));
			}
		}
		return Flux.fromIterable(new LinkedHashSet<>(checked.values()))
			.concatMap((profileId) -> this.profiles.byId(tenant, profileId).map((found) -> Map.entry(profileId, found)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.flatMap((found) -> {
				Map<Long, List<Integer>> byProfile = new LinkedHashMap<>();
				Set<String> seen = new HashSet<>();
				checked.forEach((index, profileId) -> {
					Item item = items.get(index);
					Optional<ProfileView> profile = found.get(profileId);
					WriteError error = (profile.isEmpty())
							? WriteError.at(index, "UNKNOWN_PROFILE",
									"Profile " + profileId + " is not one of the workspace's profiles.", "profileId")
							: checkAmount(index, item.change(), profile.get());
					if (error == null && !seen.add(profileId + "/" + item.entityId())) {
						error = WriteError.at(index, "DUPLICATE_INPUT",
								"This " + kind.noun + " is already changed by an earlier input of the batch; give each "
										+ kind.noun + " once.",
								kind.idField);
					}
					if (error != null) {
						outcomes[index] = Outcome.failed(index, error);
					}
					else {
						byProfile.computeIfAbsent(profileId, (id) -> new ArrayList<>()).add(index);
					}
				});
				return Flux.fromIterable(byProfile.entrySet())
					.flatMap((group) -> writeInProfile(tenant, kind, found.get(group.getKey()).get(), group.getValue(),
							items, outcomes))
					.then();
			})
			.then(Mono.fromSupplier(() -> List.of(outcomes)));
	}

	/** The checks that need nothing but the input itself. */
	static WriteError checkAlone(int index, Kind kind, Item item) {
		if (item.profileId() == null || !item.profileId().matches("[0-9]{1,18}")) {
			return WriteError.at(index, "INVALID_PROFILE_ID",
					"profileId must be a profile id, a number as `profiles` gives it; got \"" + item.profileId()
							+ "\".",
					"profileId");
		}
		if (item.entityId() == null || item.entityId().isBlank()) {
			return WriteError.at(index, "INVALID_ID", kind.idField + " must not be empty.", kind.idField);
		}
		BigDecimal amount = amount(item.change());
		if (amount != null && amount.signum() <= 0) {
			return WriteError.at(index, outOfRangeCode(item.change()),
					amountName(item.change()) + " must be above zero; got " + amount.toPlainString() + ".",
					amountField(item.change()));
		}
		return null;
	}

	/**
	 * An amount has no more decimals than the profile's currency (Amazon charges in its
	 * currency's units, and a third decimal of a dollar, or any of a yen, could only be
	 * rounded, which the caller should do knowingly), and lies within Amazon's Sponsored
	 * Products limits of the profile's marketplace ({@link SponsoredProductsLimits}).
	 */
	static WriteError checkAmount(int index, Change change, ProfileView profile) {
		BigDecimal amount = amount(change);
		if (amount == null) {
			return null;
		}
		int digits = fractionDigits(profile.currencyCode());
		BigDecimal plain = amount.stripTrailingZeros();
		if (plain.scale() > digits) {
			return WriteError.at(index, "TOO_MANY_DECIMALS", amountName(change) + " has more decimals than "
					+ profile.currencyCode() + " has (" + digits + "): " + amount.toPlainString() + ".",
					amountField(change));
		}
		Optional<SponsoredProductsLimits> limits = SponsoredProductsLimits.forCountry(profile.countryCode());
		if (limits.isEmpty()) {
			return null;
		}
		boolean budget = change instanceof SetDailyBudget;
		BigDecimal min = budget ? limits.get().minBudget() : limits.get().minBid();
		BigDecimal max = budget ? limits.get().maxBudget() : limits.get().maxBid();
		if (amount.compareTo(min) < 0 || amount.compareTo(max) > 0) {
			return WriteError.at(index, outOfRangeCode(change),
					amountName(change) + " must be " + min.toPlainString() + " to " + max.toPlainString() + " "
							+ profile.currencyCode() + " in " + profile.countryCode()
							+ " (Amazon's Sponsored Products limits); got " + amount.toPlainString() + ".",
					amountField(change));
		}
		return null;
	}

	private static int fractionDigits(String currencyCode) {
		try {
			int digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
			return (digits >= 0) ? digits : 2;
		}
		catch (RuntimeException ex) {
			return 2;
		}
	}

	private static BigDecimal amount(Change change) {
		if (change instanceof SetDailyBudget budget) {
			return budget.amount();
		}
		if (change instanceof SetDefaultBid bid) {
			return bid.amount();
		}
		return null;
	}

	private static String amountField(Change change) {
		return (change instanceof SetDailyBudget) ? "dailyBudget" : "defaultBid";
	}

	private static String amountName(Change change) {
		return (change instanceof SetDailyBudget) ? "The daily budget" : "The default bid";
	}

	private static String outOfRangeCode(Change change) {
		return (change instanceof SetDailyBudget) ? "BUDGET_OUT_OF_RANGE" : "BID_OUT_OF_RANGE";
	}

	private Mono<Void> writeInProfile(Tenant tenant, Kind kind, ProfileView profile, List<Integer> indexes,
			List<Item> items, Outcome[] outcomes) {
		Tenant.AdsConnection connection = tenant.adsConnection(profile.connectionId())
			.orElseThrow(() -> ConnectionErrors.needsReauthorization(profile.connectionId()));
		List<String> ids = indexes.stream().map((i) -> items.get(i).entityId()).distinct().toList();
		return lookup(kind, connection, profile, ids).flatMap((known) -> {
			List<Integer> updates = new ArrayList<>();
			List<Integer> archives = new ArrayList<>();
			for (int index : indexes) {
				Item item = items.get(index);
				Known entity = known.get(item.entityId());
				WriteError refused = (entity != null) ? refuse(index, kind, item, entity)
						: WriteError.at(
								index, kind.unknownCode, "No " + kind.noun + " " + item.entityId() + " in profile "
										+ profile.id() + " (Sponsored Products, Brands, Display or Television).",
								kind.idField);
				if (refused != null) {
					outcomes[index] = Outcome.failed(index, refused);
				}
				else if (item.change() instanceof SetState state && ARCHIVED.equals(state.state())) {
					if (ARCHIVED.equals(entity.state())) {
						// Already where the caller wants it: nothing to send, and a retry
						// after an unknown outcome answers the same.
						outcomes[index] = new Outcome(index, profile, entity.entity(), ARCHIVED, null, List.of());
					}
					else {
						archives.add(index);
					}
				}
				else {
					updates.add(index);
				}
			}
			return Mono.when(send(kind, connection, profile, updates, false, items, outcomes),
					send(kind, connection, profile, archives, true, items, outcomes));
		});
	}

	/** Why an existing entity cannot take the change, or null when it can. */
	static WriteError refuse(int index, Kind kind, Item item, Known entity) {
		boolean archiving = item.change() instanceof SetState state && ARCHIVED.equals(state.state());
		if (ARCHIVED.equals(entity.state()) && !archiving) {
			return WriteError.at(index, "ARCHIVED_RESOURCE_CANNOT_EDIT", "The " + kind.noun + " " + item.entityId()
					+ " is archived; an archived " + kind.noun + " cannot be changed.", kind.idField);
		}
		if (amount(item.change()) != null && !MONEY_AD_PRODUCT.equals(entity.adProduct())) {
			return WriteError.at(index, "WRONG_AD_PRODUCT",
					"The " + kind.noun + " " + item.entityId() + " is " + entity.adProduct() + "; "
							+ amountName(item.change()).toLowerCase(Locale.ROOT) + " is set here for "
							+ MONEY_AD_PRODUCT + " only.",
					kind.idField);
		}
		return null;
	}

	/**
	 * The entities of {@code ids} in the profile, by id: one query per ad product (and
	 * per id-filter chunk), Sponsored Products first, until every id is found.
	 */
	private Mono<Map<String, Known>> lookup(Kind kind, Tenant.AdsConnection connection, ProfileView profile,
			List<String> ids) {
		Map<String, Known> found = new ConcurrentHashMap<>();
		return Flux.fromIterable(LOOKUP_AD_PRODUCTS).concatMap((adProduct) -> Flux.defer(() -> {
			List<String> missing = ids.stream().filter((id) -> !found.containsKey(id)).toList();
			return Flux.fromIterable(chunks(missing, kind.maxIdsPerQuery))
				.concatMap((chunk) -> query(kind, connection, profile, adProduct, chunk));
		})).doOnNext((entry) -> found.put(entry.getKey(), entry.getValue())).then(Mono.fromSupplier(() -> found));
	}

	private Flux<Map.Entry<String, Known>> query(Kind kind, Tenant.AdsConnection connection, ProfileView profile,
			String adProduct, List<String> ids) {
		long profileId = Long.parseLong(profile.id());
		int pageSize = Math.max(ids.size(), 1);
		return switch (kind) {
			case CAMPAIGN ->
				pages((token) -> this.ads.queryCampaigns(connection.credentials(), profile.region(), profileId,
						new Campaign.Query(adProduct, ids, null, null, pageSize, token)), Campaign.Page::nextToken)
					.flatMapIterable(Campaign.Page::campaigns)
					.map((c) -> Map.entry(c.campaignId(), new Known(c.adProduct(), c.state(), c)));
			case AD_GROUP -> pages((token) -> this.ads.queryAdGroups(connection.credentials(), profile.region(),
					profileId, new AdGroup.Query(adProduct, null, ids, null, pageSize, token)), AdGroup.Page::nextToken)
				.flatMapIterable(AdGroup.Page::adGroups)
				.map((g) -> Map.entry(g.adGroupId(), new Known(g.adProduct(), g.state(), g)));
			case AD -> pages((token) -> this.ads.queryAds(connection.credentials(), profile.region(), profileId,
					new Ad.Query(adProduct, null, null, ids, null, pageSize, token)), Ad.Page::nextToken)
				.flatMapIterable(Ad.Page::ads)
				.map((a) -> Map.entry(a.adId(), new Known(a.adProduct(), a.state(), a)));
		};
	}

	/** Every page of a query, following {@code nextToken}. */
	private static <P> Flux<P> pages(Function<String, Mono<P>> page, Function<P, String> nextToken) {
		return page.apply(null).expand((p) -> {
			String token = nextToken.apply(p);
			return (token != null && !token.isEmpty()) ? page.apply(token) : Mono.empty();
		});
	}

	/** Sends the inputs at {@code indexes}, at most the contract's maxItems a call. */
	private Mono<Void> send(Kind kind, Tenant.AdsConnection connection, ProfileView profile, List<Integer> indexes,
			boolean archive, List<Item> items, Outcome[] outcomes) {
		if (indexes.isEmpty()) {
			return Mono.empty();
		}
		long profileId = Long.parseLong(profile.id());
		return Flux.fromIterable(chunks(indexes, MAX_UPSTREAM_ITEMS)).concatMap((chunk) -> {
			List<Item> sent = chunk.stream().map(items::get).toList();
			Mono<? extends MultiStatus<?>> call = switch (kind) {
				case CAMPAIGN -> archive
						? this.ads.deleteCampaigns(connection.credentials(), profile.region(), profileId,
								sent.stream().map(Item::entityId).toList())
						: this.ads.updateCampaigns(connection.credentials(), profile.region(), profileId,
								sent.stream().map((item) -> campaignChange(item, profile)).toList());
				case AD_GROUP -> this.ads.updateAdGroups(connection.credentials(), profile.region(), profileId,
						sent.stream()
							.map((item) -> CampaignWrites.AdGroupChange.defaultBid(item.entityId(),
									((SetDefaultBid) item.change()).amount()))
							.toList());
				case AD -> archive
						? this.ads.deleteAds(connection.credentials(), profile.region(), profileId,
								sent.stream().map(Item::entityId).toList())
						: this.ads.updateAds(connection.credentials(), profile.region(), profileId,
								sent.stream()
									.map((item) -> new CampaignWrites.AdChange(item.entityId(),
											((SetState) item.change()).state()))
									.toList());
			};
			return call.doOnNext((answer) -> answered(kind, profile, chunk, items, answer, outcomes))
				.onErrorResume((ex) -> ex instanceof UpstreamException up && isAboutInput(up), (ex) -> {
					UpstreamException up = (UpstreamException) ex;
					String code = (up.code() != null) ? up.code() : "REJECTED";
					String reason = (up.upstreamMessage() != null) ? ": " + up.upstreamMessage() : ".";
					for (int index : chunk) {
						outcomes[index] = Outcome.failed(index,
								WriteError.at(index, code, "Amazon refused the " + kind.noun + " change" + reason));
					}
					return Mono.empty();
				})
				.then();
		}).then();
	}

	private static CampaignWrites.CampaignChange campaignChange(Item item, ProfileView profile) {
		if (item.change() instanceof SetDailyBudget budget) {
			return CampaignWrites.CampaignChange.dailyBudget(item.entityId(), budget.amount(), profile.currencyCode());
		}
		return CampaignWrites.CampaignChange.state(item.entityId(), ((SetState) item.change()).state());
	}

	/** Amazon's 207, mapped back to the indexes of the inputs sent. */
	private static void answered(Kind kind, ProfileView profile, List<Integer> chunk, List<Item> items,
			MultiStatus<?> answer, Outcome[] outcomes) {
		for (MultiStatus.Success<?> success : answer.success()) {
			if (success.index() < 0 || success.index() >= chunk.size()) {
				continue;
			}
			int index = chunk.get(success.index());
			outcomes[index] = succeeded(index, profile, items.get(index), success.item());
		}
		for (MultiStatus.Failure failure : answer.error()) {
			if (failure.index() < 0 || failure.index() >= chunk.size()) {
				continue;
			}
			int index = chunk.get(failure.index());
			outcomes[index] = new Outcome(index, null, null, null, null, failure.errors()
				.stream()
				.map((e) -> (e.fieldLocation() != null) ? WriteError.at(index, e.code(), e.message(), e.fieldLocation())
						: WriteError.at(index, e.code(), e.message()))
				.toList());
		}
		for (int index : chunk) {
			if (outcomes[index] == null) {
				// Amazon's answer said nothing about this input: say so rather than
				// guess.
				outcomes[index] = Outcome.failed(index, WriteError.at(index, "NO_RESULT",
						"Amazon's answer had no result for this " + kind.noun + "; read it back before retrying.",
						kind.idField));
			}
		}
	}

	/**
	 * A written entity's state and amount as Amazon answered them, the input's where the
	 * answer leaves them out (a delete answers the entity as it was archived).
	 */
	private static Outcome succeeded(int index, ProfileView profile, Item item, Object entity) {
		String state = null;
		Money amount = null;
		if (entity instanceof Campaign campaign) {
			state = campaign.state();
			Campaign.MonetaryBudget daily = campaign.dailyBudget();
			if (item.change() instanceof SetDailyBudget budget) {
				amount = (daily != null && daily.value() != null) ? money(daily.value(), daily.currencyCode(), profile)
						: money(budget.amount(), null, profile);
			}
		}
		else if (entity instanceof AdGroup group) {
			state = group.state();
			if (item.change() instanceof SetDefaultBid bid) {
				amount = (group.bid() != null && group.bid().defaultBid() != null)
						? money(group.bid().defaultBid(), group.bid().currencyCode(), profile)
						: money(bid.amount(), null, profile);
			}
		}
		else if (entity instanceof Ad ad) {
			state = ad.state();
		}
		if (state == null && item.change() instanceof SetState set) {
			state = set.state();
		}
		return new Outcome(index, profile, entity, state, amount, List.of());
	}

	private static Money money(BigDecimal amount, String currencyCode, ProfileView profile) {
		return new Money(amount, (currencyCode != null) ? currencyCode : profile.currencyCode());
	}

	/**
	 * Whether a failed call was about its input (answered per item) rather than an
	 * outage.
	 */
	private static boolean isAboutInput(UpstreamException ex) {
		return ex.httpStatus() == 400 || ex.httpStatus() == 403 || ex.httpStatus() == 404 || ex.httpStatus() == 409
				|| ex.httpStatus() == 422;
	}

	private static <T> List<List<T>> chunks(List<T> list, int size) {
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < list.size(); from += size) {
			chunks.add(list.subList(from, Math.min(list.size(), from + size)));
		}
		return chunks;
	}

}
