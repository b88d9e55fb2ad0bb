package dev.adsgraph.sandbox.ads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.ads.AdsGate.Call;
import dev.adsgraph.sandbox.ads.AdsGate.Operation;
import dev.adsgraph.sandbox.ads.V1Problems.ItemError;
import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.PageTokens;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.SandboxJson;
import dev.adsgraph.sandbox.fixtures.Account;
import dev.adsgraph.sandbox.fixtures.Account.BusinessDetails;
import dev.adsgraph.sandbox.fixtures.Account.Market;
import dev.adsgraph.sandbox.fixtures.Account.V1Attributes;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.PostalAddress;
import dev.adsgraph.sandbox.fixtures.SandboxUser;
import dev.adsgraph.sandbox.fixtures.SellingPartner;
import dev.adsgraph.sandbox.fixtures.SellingProgram;

/**
 * Ads API v1 advertiser accounts:
 * {@code POST /adsApi/v1/create|update|query/advertiserAccounts}
 * (AmazonAdsAPIALLMerged_prod_3p_ALL.json). Batch writes validate each item on its own
 * and answer 207 with the successes and the errors by input index; only a malformed batch
 * is a 400.
 */
public final class AdvertiserAccountsHandler {

	public static final Operation CREATE = new Operation("CreateAdvertiserAccount", ErrorFamily.V1, true,
			List.of(Reply.JSON), Reply.JSON);

	public static final Operation UPDATE = new Operation("UpdateAdvertiserAccount", ErrorFamily.V1, true,
			List.of(Reply.JSON), Reply.JSON);

	public static final Operation QUERY = new Operation("QueryAdvertiserAccount", ErrorFamily.V1, true,
			List.of(Reply.JSON), Reply.JSON);

	private static final int MAX_BUSINESS_NAME = 100;

	private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

	// Postal code formats of the countries the sandbox advertises in; elsewhere any value
	// is taken.
	private static final Map<String, Pattern> ZIP_CODES = Map.of("US", Pattern.compile("^\\d{5}(-\\d{4})?$"), "CA",
			Pattern.compile("^[A-Za-z]\\d[A-Za-z] ?\\d[A-Za-z]\\d$"), "MX", Pattern.compile("^\\d{5}$"), "GB",
			Pattern.compile("^[A-Za-z]{1,2}\\d[A-Za-z\\d]? ?\\d[A-Za-z]{2}$"), "DE", Pattern.compile("^\\d{5}$"), "FR",
			Pattern.compile("^\\d{5}$"), "IT", Pattern.compile("^\\d{5}$"), "ES", Pattern.compile("^\\d{5}$"), "JP",
			Pattern.compile("^\\d{3}-?\\d{4}$"), "AU", Pattern.compile("^\\d{4}$"));

	private final AccountRegistry registry;

	private final Registrations registrations;

	public AdvertiserAccountsHandler(AccountRegistry registry, Registrations registrations) {
		this.registry = registry;
		this.registrations = registrations;
	}

	public Reply create(Call call) {
		JsonNode items = batch(call.body());
		MultiStatus result = new MultiStatus(new ArrayList<>(), new ArrayList<>());
		for (int index = 0; index < items.size(); index++) {
			try {
				Account account = createOne(call.user(), items.get(index));
				result.success().add(new Success(index, view(account, this.registrations.now())));
			}
			catch (V1Problems.Rejected rejected) {
				result.error().add(new Failure(index, rejected.errors()));
			}
		}
		return Reply.json(207, result);
	}

	public Reply update(Call call) {
		JsonNode items = batch(call.body());
		MultiStatus result = new MultiStatus(new ArrayList<>(), new ArrayList<>());
		Set<String> seen = new HashSet<>();
		for (int index = 0; index < items.size(); index++) {
			try {
				Account account = updateOne(call.user(), items.get(index), seen);
				result.success().add(new Success(index, view(account, this.registrations.now())));
			}
			catch (V1Problems.Rejected rejected) {
				result.error().add(new Failure(index, rejected.errors()));
			}
		}
		return Reply.json(207, result);
	}

	public Reply query(Call call) {
		JsonNode body = call.body();
		List<String> ids = V1Queries.include(body, "advertiserAccountIdFilter", 1, 100, JsonNode::isString, "strings");
		List<String> global = V1Queries.include(body, "isGlobalAccountFilter", 1, 1, JsonNode::isBoolean, "booleans");
		int maxResults = V1Queries.maxResults(body);
		String userId = call.user().id();
		List<Object> filters = Arrays.asList(ids, global);
		int offset = V1Queries.offset(body, "advertiserAccounts", userId, filters);
		Instant now = this.registrations.now();
		List<Account> matching = this.registry.list(userId)
			.stream()
			.filter((account) -> ids == null || ids.contains(account.adsAccountId()))
			.filter((account) -> global == null
					|| Boolean.parseBoolean(global.get(0)) == account.v1().isGlobalAccount())
			.toList();
		PageTokens.Page<Account> page = PageTokens.page(matching, offset, maxResults,
				(next) -> PageTokens.encode("advertiserAccounts", userId, filters, next));
		return Reply.json(200,
				new QueryPage(page.items().stream().map((account) -> view(account, now)).toList(), page.nextToken()));
	}

	private static JsonNode batch(JsonNode body) {
		JsonNode items = body.get("advertiserAccounts");
		if (items == null || !items.isArray()) {
			throw ApiException.badRequest(V1ErrorCode.BAD_REQUEST.name(),
					"advertiserAccounts must be an array of 1 to 100 advertiser accounts.");
		}
		if (items.isEmpty() || items.size() > 100) {
			throw ApiException.badRequest(V1ErrorCode.FIELD_SIZE_IS_OUT_OF_RANGE.name(),
					"advertiserAccounts must hold 1 to 100 items, had " + items.size() + ".");
		}
		return items;
	}

	private Account createOne(SandboxUser user, JsonNode item) {
		V1Problems problems = new V1Problems();
		if (!item.isObject()) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_INVALID, null, "Each advertiser account must be a JSON object.");
			problems.throwIfAny();
		}
		BusinessDetails business = businessDetails(item, user, problems, true);
		Fields fields = fields(item, user, problems);
		SellingPartner partner = link(item, user, problems);
		problems.throwIfAny();

		PostalAddress address = (business.address() != null) ? business.address()
				: user.addressByToken(business.addressToken()).orElseThrow();
		List<Country> countries;
		if (partner != null) {
			countries = partner.countries();
		}
		else {
			Country country = Country.parse(address.countryCode()).orElse(null);
			if (country == null) {
				problems.add(V1ErrorCode.UNSUPPORTED_MARKETPLACE, "businessDetails[0]",
						"Amazon Ads is not available in " + address.countryCode() + " for this sandbox.");
				problems.throwIfAny();
			}
			countries = List.of(country);
		}
		boolean global = !Boolean.FALSE.equals(fields.isGlobalAccount());
		if (!global) {
			countries = countries.subList(0, 1);
		}
		String name = (fields.displayName() != null) ? fields.displayName()
				: (partner != null) ? partner.name() : address.businessName();
		Account account = this.registrations.draft(user.id(), name, partner, business, countries,
				new V1Attributes(fields.currencyCode(), fields.timeZoneIana(), fields.industryVertical(), global,
						Boolean.TRUE.equals(fields.isTestAccount()), fields.managerAccountId()));
		return this.registry.atomically(() -> {
			if (partner != null && this.registry.accountFor(partner).isPresent()) {
				V1ErrorCode code = (partner.program() == SellingProgram.AMAZON_VENDOR)
						? V1ErrorCode.ACCOUNT_ALREADY_EXISTS_FOR_VENDOR
						: V1ErrorCode.ACCOUNT_ALREADY_EXISTS_FOR_SELLING_ACCOUNT;
				problems.add(code, "sellingAccountLinkRequests[0].sellingAccountLinkDetails.sellingAccountLinkToken",
						"An advertiser account already exists for this selling account.");
				problems.throwIfAny();
			}
			this.registry.insert(account);
			return account;
		});
	}

	private Account updateOne(SandboxUser user, JsonNode item, Set<String> seen) {
		V1Problems problems = new V1Problems();
		if (!item.isObject()) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_INVALID, null, "Each advertiser account must be a JSON object.");
			problems.throwIfAny();
		}
		String id = problems.required(item, "advertiserAccountId", "advertiserAccountId",
				V1ErrorCode.FIELD_VALUE_IS_NULL);
		problems.throwIfAny();
		if (!seen.add(id)) {
			problems.add(V1ErrorCode.DUPLICATE_RESOURCE_ID_FOUND, "advertiserAccountId",
					"The batch updates advertiser account " + id + " more than once.");
			problems.throwIfAny();
		}
		Account current = this.registry.find(user.id(), id).orElse(null);
		if (current == null) {
			problems.add(V1ErrorCode.NOT_FOUND, "advertiserAccountId", "Advertiser account " + id + " was not found.");
			problems.throwIfAny();
		}
		if ("REJECTED".equals(current.v1Status(this.registrations.now()))) {
			problems.add(V1ErrorCode.RESOURCE_IS_IN_TERMINAL_STATE, "advertiserAccountId",
					"Advertiser account " + id + " was rejected and can no longer be changed.");
			problems.throwIfAny();
		}
		BusinessDetails business = businessDetails(item, user, problems, false);
		Fields fields = fields(item, user, problems);
		SellingPartner partner = link(item, user, problems);
		V1Attributes v1 = current.v1();
		if (fields.isGlobalAccount() != null && fields.isGlobalAccount() != v1.isGlobalAccount()) {
			problems.add(V1ErrorCode.FIELD_VALUE_CANNOT_EDIT, "isGlobalAccount",
					"isGlobalAccount is fixed when the account is created.");
		}
		if (fields.isTestAccount() != null && fields.isTestAccount() != v1.isTestAccount()) {
			problems.add(V1ErrorCode.FIELD_VALUE_CANNOT_EDIT, "isTestAccount",
					"isTestAccount is fixed when the account is created.");
		}
		if (partner != null && (current.partner() == null || !partner.equals(current.partner()))) {
			problems.add(V1ErrorCode.FIELD_VALUE_CANNOT_EDIT, "sellingAccountLinkRequests",
					"The selling account link is fixed when the account is created.");
		}
		problems.throwIfAny();
		return this.registry.atomically(() -> {
			// Re-read under the lock so concurrent updates of other fields are not lost.
			Account latest = this.registry.find(user.id(), id).orElseThrow();
			V1Attributes was = latest.v1();
			Account updated = latest
				.withV1(new V1Attributes(or(fields.currencyCode(), was.currencyCode()),
						or(fields.timeZoneIana(), was.timeZoneIana()),
						or(fields.industryVertical(), was.industryVertical()), was.isGlobalAccount(),
						was.isTestAccount(), or(fields.managerAccountId(), was.managerAccountId())))
				.withAccountName(or(fields.displayName(), latest.accountName()))
				.withBusiness(or(business, latest.business()));
			this.registry.replace(updated);
			return updated;
		});
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * The attributes create and update share; null when absent or invalid (then noted).
	 */
	private static Fields fields(JsonNode item, SandboxUser user, V1Problems problems) {
		String displayName = problems.text(item, "displayName", "displayName");
		if (displayName != null && displayName.isBlank()) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_EMPTY, "displayName", "displayName must not be blank.");
			displayName = null;
		}
		String managerAccountId = problems.text(item, "managerAccountId", "managerAccountId");
		if (managerAccountId != null && !user.managerAccountIds().contains(managerAccountId)) {
			problems.add(V1ErrorCode.ACCESS_DENIED_FOR_MANAGER_ACCOUNT, "managerAccountId",
					"The user is not a member of manager account " + managerAccountId + ".");
			managerAccountId = null;
		}
		return new Fields((displayName != null) ? displayName.trim() : null,
				problems.oneOf(item, "currencyCode", "currencyCode", V1Enums.CURRENCY_CODES),
				problems.oneOf(item, "industryVertical", "industryVertical", V1Enums.INDUSTRY_VERTICALS),
				problems.oneOf(item, "timeZoneIana", "timeZoneIana", V1Enums.TIME_ZONES),
				problems.bool(item, "isGlobalAccount", "isGlobalAccount"),
				problems.bool(item, "isTestAccount", "isTestAccount"), managerAccountId);
	}

	private static BusinessDetails businessDetails(JsonNode item, SandboxUser user, V1Problems problems,
			boolean required) {
		JsonNode details = item.get("businessDetails");
		if (details == null || details.isNull()) {
			if (required) {
				problems.add(V1ErrorCode.FIELD_VALUE_IS_NULL, "businessDetails", "businessDetails is required.");
			}
			return null;
		}
		if (!details.isArray() || details.size() != 1 || !details.get(0).isObject()) {
			problems.add(V1ErrorCode.FIELD_SIZE_IS_OUT_OF_RANGE, "businessDetails",
					"businessDetails must hold exactly one business detail object.");
			return null;
		}
		JsonNode detail = details.get(0);
		String location = "businessDetails[0]";
		String addressToken = problems.text(detail, "addressToken", location + ".addressToken");
		boolean hasAddress = SandboxJson.present(detail, "address");
		PostalAddress address = null;
		if (addressToken != null && hasAddress) {
			problems.add(V1ErrorCode.FIELD_VALUE_MUST_BE_EMPTY_OR_NULL, location + ".address",
					"Send either addressToken or address, not both.");
		}
		else if (addressToken != null) {
			if (user.addressByToken(addressToken).isEmpty()) {
				problems.add(V1ErrorCode.FIELD_VALUE_NOT_FOUND, location + ".addressToken",
						"The address token is not one of this user's selling account addresses.");
			}
		}
		else if (hasAddress) {
			address = address(detail.get("address"), location + ".address", problems);
		}
		else if (!SandboxJson.present(detail, "addressToken")) {
			// A non-string token was reported by text(); only a missing one is reported
			// here.
			problems.add(V1ErrorCode.FIELD_VALUE_IS_NULL, location + ".addressToken",
					"Either addressToken or address is required.");
		}
		String website = problems.text(detail, "website", location + ".website");
		if (website != null && Websites.host(website) == null) {
			problems.add(V1ErrorCode.INVALID_WEBSITE_URL, location + ".website",
					"'" + website + "' is not a website address.");
		}
		String registrationNumber = problems.text(detail, "businessRegistrationNumber",
				location + ".businessRegistrationNumber");
		return new BusinessDetails(addressToken, address, registrationNumber, website);
	}

	private static PostalAddress address(JsonNode value, String location, V1Problems problems) {
		if (!value.isObject()) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_INVALID, location, "address must be an object.");
			return null;
		}
		String addressLine1 = problems.required(value, "addressLine1", location + ".addressLine1",
				V1ErrorCode.MISSING_ADDRESS_LINE_ONE);
		String businessName = problems.required(value, "businessName", location + ".businessName",
				V1ErrorCode.MISSING_BUSINESS_NAME);
		if (businessName != null && businessName.length() > MAX_BUSINESS_NAME) {
			problems.add(V1ErrorCode.ADDRESS_BUSINESS_NAME_TOO_LONG, location + ".businessName",
					"businessName is longer than " + MAX_BUSINESS_NAME + " characters.");
		}
		String city = problems.required(value, "city", location + ".city", V1ErrorCode.MISSING_CITY);
		String countryCode = problems.required(value, "countryCode", location + ".countryCode",
				V1ErrorCode.MISSING_COUNTRY_CODE);
		if (countryCode != null) {
			countryCode = countryCode.toUpperCase(Locale.ROOT);
			if (!ISO_COUNTRIES.contains(countryCode)) {
				problems.add(V1ErrorCode.FIELD_VALUE_IS_INVALID, location + ".countryCode",
						"'" + countryCode + "' is not an ISO 3166 country code.");
			}
		}
		boolean us = "US".equals(countryCode);
		String state = problems.text(value, "state", location + ".state");
		if (us && (state == null || state.isBlank())) {
			problems.add(V1ErrorCode.MISSING_STATE, location + ".state", "state is required for US addresses.");
		}
		String zipCode = problems.text(value, "zipCode", location + ".zipCode");
		if (zipCode == null || zipCode.isBlank()) {
			if (us) {
				problems.add(V1ErrorCode.MISSING_ZIP_CODE, location + ".zipCode",
						"zipCode is required for US addresses.");
			}
		}
		else if (countryCode != null && ZIP_CODES.containsKey(countryCode)
				&& !ZIP_CODES.get(countryCode).matcher(zipCode.trim()).matches()) {
			problems.add(V1ErrorCode.INVALID_ZIP_CODE, location + ".zipCode",
					"'" + zipCode + "' is not a valid postal code for " + countryCode + ".");
		}
		return new PostalAddress(null, addressLine1, problems.text(value, "addressLine2", location + ".addressLine2"),
				businessName, city, countryCode, state, (zipCode != null) ? zipCode.trim() : null,
				problems.text(value, "phoneNumber", location + ".phoneNumber"));
	}

	/**
	 * The selling partner of {@code sellingAccountLinkRequests}, or null when none is
	 * requested.
	 */
	private static SellingPartner link(JsonNode item, SandboxUser user, V1Problems problems) {
		JsonNode requests = item.get("sellingAccountLinkRequests");
		if (requests == null || requests.isNull() || (requests.isArray() && requests.isEmpty())) {
			return null;
		}
		if (!requests.isArray() || requests.size() > 1) {
			problems.add(V1ErrorCode.FIELD_SIZE_IS_OUT_OF_RANGE, "sellingAccountLinkRequests",
					"sellingAccountLinkRequests must hold at most one link request.");
			return null;
		}
		String location = "sellingAccountLinkRequests[0].sellingAccountLinkDetails";
		JsonNode details = requests.get(0).path("sellingAccountLinkDetails");
		if (!details.isObject()) {
			problems.add(V1ErrorCode.FIELD_VALUE_IS_NULL, location, "sellingAccountLinkDetails is required.");
			return null;
		}
		String token = problems.required(details, "sellingAccountLinkToken", location + ".sellingAccountLinkToken",
				V1ErrorCode.FIELD_VALUE_IS_NULL);
		String program = problems.oneOf(details, "sellingProgram", location + ".sellingProgram",
				V1Enums.SELLING_PROGRAMS);
		if (token == null) {
			return null;
		}
		SellingPartner partner = user.partnerByLinkToken(token).orElse(null);
		if (partner == null) {
			problems.add(V1ErrorCode.FIELD_VALUE_NOT_FOUND, location + ".sellingAccountLinkToken",
					"The selling account link token is not one of this user's selling accounts.");
			return null;
		}
		if (program != null && !program.equals(partner.program().name())) {
			problems.add(V1ErrorCode.FIELD_VALUE_MISMATCH, location + ".sellingProgram",
					"The selling account belongs to " + partner.program() + ", not " + program + ".");
		}
		return partner;
	}

	static AdvertiserAccount view(Account account, Instant now) {
		String state = account.v1Status(now);
		List<AlternateId> alternateIds = new ArrayList<>();
		for (Market market : account.liveMarkets(now)) {
			alternateIds.add(new AlternateId(market.country().isoCode(), market.country().region().name(),
					Long.toString(market.profileId()), market.entityId()));
		}
		List<LinkRequest> links = null;
		if (account.link()) {
			String linkState = switch (state) {
				case "APPROVED" -> "APPROVED";
				case "REJECTED" -> "REJECTED";
				default -> "IN_PROGRESS";
			};
			links = List.of(new LinkRequest(new LinkDetails(new StatusView(linkState, linkMessage(linkState)),
					account.partner().sellingAccountLinkToken(), account.partner().program().name())));
		}
		BusinessDetails business = account.business();
		V1Attributes v1 = account.v1();
		return new AdvertiserAccount(account.adsAccountId(),
				List.of(new BusinessDetails(business.addressToken(),
						(business.address() != null) ? business.address().withoutToken() : null,
						business.businessRegistrationNumber(), business.website())),
				v1.currencyCode(), account.accountName(), v1.industryVertical(), v1.isGlobalAccount(),
				v1.isTestAccount(), v1.managerAccountId(), links, new StatusView(state, statusMessage(account, now)),
				v1.timeZoneIana(), alternateIds);
	}

	private static String statusMessage(Account account, Instant now) {
		return switch (account.v1Status(now)) {
			case "APPROVED" -> {
				int live = account.liveMarkets(now).size();
				int all = account.markets().size();
				yield (live == all) ? "The advertiser account is approved."
						: "The advertiser account is approved in " + live + " of " + all + " countries.";
			}
			case "REJECTED" -> "The advertiser account was rejected: "
					+ account.review().failedCountries().values().iterator().next().errorMessage();
			default -> "Registration is in progress.";
		};
	}

	private static String linkMessage(String linkState) {
		return switch (linkState) {
			case "APPROVED" -> "The selling account is linked.";
			case "REJECTED" -> "The selling account could not be linked.";
			default -> "Linking the selling account is in progress.";
		};
	}

	private record Fields(String displayName, String currencyCode, String industryVertical, String timeZoneIana,
			Boolean isGlobalAccount, Boolean isTestAccount, String managerAccountId) {
	}

	/** v1 {@code AdvertiserAccount}. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AdvertiserAccount(String advertiserAccountId, List<BusinessDetails> businessDetails, String currencyCode,
			String displayName, String industryVertical, Boolean isGlobalAccount, Boolean isTestAccount,
			String managerAccountId, List<LinkRequest> sellingAccountLinkRequests, StatusView status,
			String timeZoneIana, List<AlternateId> alternateIds) {
	}

	/**
	 * v1 {@code AlternateIdentifier}: ISO country code, region, and profileId as a
	 * string.
	 */
	record AlternateId(String countryCode, String region, String profileId, String entityId) {
	}

	record LinkRequest(LinkDetails sellingAccountLinkDetails) {
	}

	record LinkDetails(StatusView linkStatus, String sellingAccountLinkToken, String sellingProgram) {
	}

	record StatusView(String statusCode, String statusMessage) {
	}

	record Success(int index, AdvertiserAccount advertiserAccount) {
	}

	record Failure(int index, List<ItemError> errors) {
	}

	/** AdvertiserAccountMultiStatusResponse. */
	record MultiStatus(List<Success> success, List<Failure> error) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record QueryPage(List<AdvertiserAccount> advertiserAccounts, String nextToken) {
	}

}
