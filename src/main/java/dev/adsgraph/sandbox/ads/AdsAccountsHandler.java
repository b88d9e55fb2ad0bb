package dev.adsgraph.sandbox.ads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.ads.AdsGate.Call;
import dev.adsgraph.sandbox.ads.AdsGate.Operation;
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
import dev.adsgraph.sandbox.fixtures.Review.AccountError;
import dev.adsgraph.sandbox.fixtures.SandboxUser;
import dev.adsgraph.sandbox.fixtures.SellingPartner;
import dev.adsgraph.sandbox.fixtures.SellingProgram;

/**
 * {@code POST /adsAccounts}, {@code GET /adsAccounts/{advertisingAccountId}} and
 * {@code POST /adsAccounts/list} (AdvertisingAccounts_prod_3p.json).
 *
 * <p>
 * Registration rules, from Amazon's account-creation guide where it states them and
 * chosen here where it does not: exactly one association; a seller, vendor group or KDP
 * author the user has rights on (else 403); one ads account per selling partner; a
 * business must be US-based with its name, phone, website and full address, and a website
 * on a free or disposable mail domain is rejected as unprofessional; an author e-mail on
 * a disposable mail domain is rejected (free mail is fine, Amazon's own sample uses one);
 * a terms token, when sent, must be the user's, of type ADVERTISING, and ACCEPTED, and is
 * redeemed by the registration.
 */
public final class AdsAccountsHandler {

	public static final Operation REGISTER = new Operation("RegisterAdsAccount", ErrorFamily.ACCOUNTS_V2, false,
			List.of("application/vnd.registeradsaccountresource.v1+json"), Reply.JSON);

	public static final Operation GET = new Operation("GetAccount", ErrorFamily.MESSAGE, false, List.of(),
			"application/vnd.accountresource.v1+json");

	static final String LIST_TYPE = "application/vnd.listaccountsresource.v1+json";

	public static final Operation LIST = new Operation("ListAdsAccounts", ErrorFamily.ACCOUNTS_V2, false,
			List.of(LIST_TYPE), LIST_TYPE);

	static final Set<String> FREE_MAIL_DOMAINS = Set.of("gmail.com", "googlemail.com", "yahoo.com", "hotmail.com",
			"outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mail.com", "gmx.com", "proton.me",
			"protonmail.com", "yandex.com", "zoho.com");

	static final Set<String> DISPOSABLE_MAIL_DOMAINS = Set.of("mailinator.com", "guerrillamail.com", "10minutemail.com",
			"yopmail.com", "tempmail.com", "trashmail.com", "sharklasers.com");

	private static final Pattern ACCOUNT_ID = Pattern.compile("^[A-Za-z0-9.-]+$");

	private static final Pattern SELLER_ID = Pattern.compile("^[A-Z0-9]{8,20}$");

	private static final Pattern VENDOR_GROUP = Pattern.compile("^[A-Za-z0-9-]{1,32}$");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}$");

	private static final Pattern US_ZIP = Pattern.compile("^\\d{5}(-\\d{4})?$");

	private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ().-]{7,20}$");

	private final AccountRegistry registry;

	private final TermsTokens termsTokens;

	private final TermsTokensHandler termsTokensHandler;

	private final Registrations registrations;

	public AdsAccountsHandler(AccountRegistry registry, TermsTokens termsTokens, TermsTokensHandler termsTokensHandler,
			Registrations registrations) {
		this.registry = registry;
		this.termsTokens = termsTokens;
		this.termsTokensHandler = termsTokensHandler;
		this.registrations = registrations;
	}

	public Reply register(Call call) {
		JsonNode body = call.body();
		SandboxUser user = call.user();
		String accountName = SandboxJson.string(body, "accountName").orElse(null);
		if (accountName != null && accountName.isBlank()) {
			throw invalid("accountName must not be blank.");
		}
		List<Country> requestedCountries = countryCodes(body);
		JsonNode association = association(body);
		String termsToken = SandboxJson.string(body, "termsToken").orElse(null);

		Account account;
		if (SandboxJson.present(association, "business")) {
			BusinessDetails business = business(association.get("business"), requestedCountries);
			account = this.registrations.draft(user.id(),
					(accountName != null) ? accountName.trim() : business.address().businessName(), null, business,
					List.of(Country.US), V1Attributes.global(Country.US, null));
		}
		else {
			SellingPartner partner = partner(association, user);
			List<Country> countries = partnerCountries(partner, requestedCountries);
			account = this.registrations.draft(user.id(), (accountName != null) ? accountName.trim() : partner.name(),
					partner, BusinessDetails.of(partner), countries, V1Attributes.global(countries.get(0), null));
		}
		if (termsToken != null) {
			checkTermsToken(termsToken, user);
		}
		SellingPartner partner = account.partner();
		this.registry.atomically(() -> {
			if (partner != null && this.registry.accountFor(partner).isPresent()) {
				throw invalid("ADS_ACCOUNT_ALREADY_EXISTS", "An ads account already exists for " + describe(partner)
						+ "; a selling partner can back only one ads account.");
			}
			if (termsToken != null) {
				String refusal = this.termsTokens.redeem(termsToken.toLowerCase(Locale.ROOT), user.id());
				if (refusal != null) {
					throw termsRefusal(refusal);
				}
			}
			this.registry.insert(account);
			return account;
		});
		Instant now = this.registrations.now();
		return Reply.json(201, Map.of("adsAccount",
				new Registered(account.adsAccountId(), account.accountName(), account.status(now))));
	}

	public Reply get(Call call) {
		String id = call.request().pathVariable("advertisingAccountId");
		if (!ACCOUNT_ID.matcher(id).matches()) {
			throw ApiException.badRequest("INVALID_ARGUMENT",
					"advertisingAccountId must match ^[A-Za-z0-9.-]+$, was '" + id + "'.");
		}
		Account account = this.registry.find(call.user().id(), id)
			.orElseThrow(() -> new ApiException(404, "NOT_FOUND", "Advertising account " + id + " was not found."));
		return new Reply(200, GET.responseType(), Map.of("adsAccount", view(account, this.registrations.now())));
	}

	public Reply list(Call call) {
		JsonNode body = call.body();
		int maxResults = maxResults(body.get("maxResults"));
		String nextToken = SandboxJson.string(body, "nextToken").orElse(null);
		String userId = call.user().id();
		int offset = 0;
		if (nextToken != null) {
			offset = PageTokens.decode(nextToken, "adsAccounts", userId, "");
			if (offset < 0) {
				throw invalid("nextToken is not a token this operation issued to this user.");
			}
		}
		Instant now = this.registrations.now();
		PageTokens.Page<Account> page = PageTokens.page(this.registry.list(userId), offset, maxResults,
				(next) -> PageTokens.encode("adsAccounts", userId, "", next));
		List<AdsAccountView> accounts = page.items().stream().map((account) -> view(account, now)).toList();
		return new Reply(200, LIST_TYPE, new ListPage(accounts, page.nextToken()));
	}

	// The spec types maxResults as a number with the string default "100"; integral
	// numbers and
	// numeric strings are both taken.
	private static int maxResults(JsonNode value) {
		if (value == null || value.isNull()) {
			return 100;
		}
		Integer parsed = null;
		if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToInt()) {
			parsed = value.asInt();
		}
		else if (value.isString() && value.stringValue().trim().matches("\\d{1,4}")) {
			parsed = Integer.parseInt(value.stringValue().trim());
		}
		if (parsed == null || parsed < 1 || parsed > 100) {
			throw invalid("maxResults must be an integer between 1 and 100, was " + value + ".");
		}
		return parsed;
	}

	private static List<Country> countryCodes(JsonNode body) {
		JsonNode codes = body.get("countryCodes");
		if (codes == null || codes.isNull()) {
			return List.of();
		}
		if (!codes.isArray() || codes.size() > 1) {
			throw invalid("countryCodes must be an array of at most one country code.");
		}
		List<Country> countries = new ArrayList<>();
		for (JsonNode code : codes) {
			if (!code.isString()) {
				throw invalid("countryCodes must contain strings.");
			}
			countries.add(Country.parse(code.stringValue())
				.orElseThrow(() -> invalid("UNSUPPORTED_COUNTRY",
						"Country code '" + code.stringValue() + "' is not an Amazon Ads country.")));
		}
		return countries;
	}

	private static JsonNode association(JsonNode body) {
		JsonNode associations = body.get("associations");
		if (associations == null || !associations.isArray() || associations.size() != 1
				|| !associations.get(0).isObject()) {
			throw invalid("associations must hold exactly one association.");
		}
		JsonNode association = associations.get(0);
		long members = List.of("amazonSeller", "amazonVendor", "amazonAuthor", "business")
			.stream()
			.filter((member) -> SandboxJson.present(association, member))
			.count();
		if (members != 1) {
			throw invalid(
					"An association must set exactly one of amazonSeller, amazonVendor, amazonAuthor or business.");
		}
		return association;
	}

	private static SellingPartner partner(JsonNode association, SandboxUser user) {
		if (SandboxJson.present(association, "amazonSeller")) {
			String sellerId = required(object(association, "amazonSeller"), "sellerCentralAccount");
			if (!SELLER_ID.matcher(sellerId).matches()) {
				throw invalid("sellerCentralAccount '" + sellerId + "' is not a merchant customer id.");
			}
			return user.partner(SellingProgram.AMAZON_SELLER, sellerId)
				.orElseThrow(() -> forbidden("seller account " + sellerId));
		}
		if (SandboxJson.present(association, "amazonVendor")) {
			String vendorGroup = required(object(association, "amazonVendor"), "vendorGroup");
			if (!VENDOR_GROUP.matcher(vendorGroup).matches()) {
				throw invalid("vendorGroup '" + vendorGroup + "' is not a vendor group id.");
			}
			return user.partner(SellingProgram.AMAZON_VENDOR, vendorGroup)
				.orElseThrow(() -> forbidden("vendor group " + vendorGroup));
		}
		String email = required(object(association, "amazonAuthor"), "email");
		if (!EMAIL.matcher(email).matches()) {
			throw invalid("email '" + email + "' is not an e-mail address.");
		}
		if (DISPOSABLE_MAIL_DOMAINS.contains(domainOf(email))) {
			throw invalid("UNPROFESSIONAL_EMAIL", "Disposable e-mail addresses are not accepted.");
		}
		return user.partner(SellingProgram.AMAZON_AUTHOR, email)
			.orElseThrow(() -> forbidden("the KDP account of " + email));
	}

	private static List<Country> partnerCountries(SellingPartner partner, List<Country> requested) {
		if (requested.isEmpty()) {
			return partner.countries();
		}
		Country country = requested.get(0);
		if (!partner.countries().contains(country)) {
			throw invalid("UNSUPPORTED_COUNTRY", describe(partner) + " does not sell in " + country.adsCode() + ".");
		}
		return List.of(country);
	}

	private static BusinessDetails business(JsonNode value, List<Country> requested) {
		if (!value.isObject()) {
			throw invalid("business must be an object.");
		}
		String name = required(value, "name");
		String phone = required(value, "phone");
		String websiteUrl = required(value, "websiteUrl");
		String addressLine1 = required(value, "addressLine1");
		String addressLine2 = SandboxJson.string(value, "addressLine2").orElse(null);
		String city = required(value, "city");
		String state = required(value, "state");
		String zipCode = required(value, "zipCode");
		String countryCode = required(value, "countryCode");
		if (!"US".equalsIgnoreCase(countryCode.trim())
				|| requested.stream().anyMatch((country) -> country != Country.US)) {
			throw invalid("UNSUPPORTED_COUNTRY", "Businesses that do not sell on Amazon can register in the US only.");
		}
		if (!US_ZIP.matcher(zipCode.trim()).matches()) {
			throw invalid("zipCode '" + zipCode + "' is not a US ZIP code.");
		}
		if (!PHONE.matcher(phone.trim()).matches()) {
			throw invalid("phone '" + phone + "' is not a phone number.");
		}
		String host = Websites.host(websiteUrl);
		if (host == null) {
			throw invalid("websiteUrl '" + websiteUrl + "' is not a website address.");
		}
		String domain = host.startsWith("www.") ? host.substring(4) : host;
		if (FREE_MAIL_DOMAINS.contains(domain) || DISPOSABLE_MAIL_DOMAINS.contains(domain)) {
			throw invalid("UNPROFESSIONAL_DOMAIN",
					"The website is on a personal e-mail domain (" + domain
							+ "); only a direct employee of the business,"
							+ " with the business's own domain, can register it.");
		}
		PostalAddress address = new PostalAddress(null, addressLine1.trim(), addressLine2, name.trim(), city.trim(),
				"US", state.trim(), zipCode.trim(), phone.trim());
		return new BusinessDetails(null, address, null, websiteUrl.trim());
	}

	private void checkTermsToken(String termsToken, SandboxUser user) {
		TermsTokens.Entry entry = this.termsTokensHandler.find(termsToken, user.id());
		if (!"ADVERTISING".equals(entry.termsType())) {
			throw invalid("INVALID_TERMS_TOKEN",
					"The terms token is for " + entry.termsType() + " terms; registration needs ADVERTISING terms.");
		}
		String status = this.termsTokens.status(entry);
		if (!TermsTokens.ACCEPTED.equals(status)) {
			throw termsRefusal(status);
		}
	}

	private static ApiException termsRefusal(String status) {
		return switch (status) {
			case TermsTokens.CREATED -> invalid("TERMS_TOKEN_NOT_ACCEPTED",
					"The terms token has not been accepted yet; the user must accept the terms at its termsUrl.");
			case TermsTokens.REDEEMED -> invalid("TERMS_TOKEN_ALREADY_REDEEMED",
					"The terms token has already been used for a registration; create a new one.");
			default -> invalid("INVALID_TERMS_TOKEN", "The terms token does not exist for this user.");
		};
	}

	private static String domainOf(String email) {
		return email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
	}

	static AdsAccountView view(Account account, Instant now) {
		List<AlternateId> alternateIds = new ArrayList<>();
		for (Market market : account.liveMarkets(now)) {
			alternateIds.add(new AlternateId(market.country().adsCode(), market.profileId(), null));
			alternateIds.add(new AlternateId(market.country().adsCode(), null, market.entityId()));
		}
		Map<String, List<AccountError>> errors = new LinkedHashMap<>();
		account.errors(now).forEach((country, error) -> errors.put(country.adsCode(), List.of(error)));
		return new AdsAccountView(account.adsAccountId(), account.accountName(), account.status(now),
				account.markets().stream().map((market) -> market.country().adsCode()).toList(), alternateIds,
				errors.isEmpty() ? null : errors);
	}

	private static String describe(SellingPartner partner) {
		return switch (partner.program()) {
			case AMAZON_SELLER -> "seller account " + partner.partnerId();
			case AMAZON_VENDOR -> "vendor group " + partner.partnerId();
			case AMAZON_AUTHOR -> "the KDP account of " + partner.partnerId();
		};
	}

	private static JsonNode object(JsonNode parent, String field) {
		JsonNode value = parent.get(field);
		if (!value.isObject()) {
			throw invalid(field + " must be an object.");
		}
		return value;
	}

	private static String required(JsonNode parent, String field) {
		String value = SandboxJson.string(parent, field).orElse(null);
		if (value == null || value.isBlank()) {
			throw invalid(field + " is required.");
		}
		return value;
	}

	private static ApiException invalid(String message) {
		return invalid("INVALID_ARGUMENT", message);
	}

	private static ApiException invalid(String code, String message) {
		return ApiException.badRequest(code, message);
	}

	private static ApiException forbidden(String what) {
		return new ApiException(403, "ACCESS_DENIED", "The user has no rights on " + what + ".");
	}

	record Registered(String adsAccountId, String accountName, String status) {
	}

	/**
	 * AdsAccountWithMetaData; {@code errors} maps a country code to that country's
	 * errors.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AdsAccountView(String adsAccountId, String accountName, String status, List<String> countryCodes,
			List<AlternateId> alternateIds, Map<String, List<AccountError>> errors) {
	}

	/** Amazon lists a country's profile id and entity id as two separate entries. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AlternateId(String countryCode, Long profileId, String entityId) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ListPage(List<AdsAccountView> adsAccounts, String nextToken) {
	}

}
