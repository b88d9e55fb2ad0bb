package dev.adsgraph.accounts;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.upstream.Countries;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.RegisterAdsAccountRequest;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * {@code registerAdsAccount}: checks every rule the gateway knows before calling Amazon,
 * so a caller gets all their input errors at once with the field at fault, then registers
 * and turns Amazon's own refusals into user errors too.
 */
@Component
class AdsAccountRegistration {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}$");

	private static final Pattern US_ZIP = Pattern.compile("^[0-9]{5}(-[0-9]{4})?$");

	private static final Pattern ACCOUNT_REF = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

	private final AdsApiClient ads;

	AdsAccountRegistration(AdsApiClient ads) {
		this.ads = ads;
	}

	Mono<Payload> register(Tenant tenant, Input input) {
		List<UserError> errors = validate(input);
		if (!errors.isEmpty()) {
			return Mono.just(new Payload(null, errors));
		}
		return this.ads.registerAdsAccount(tenant.ads(), tenant.homeRegion(), toRequest(input))
			.map((account) -> new Payload(AdsAccountView.of(account), List.of()))
			.onErrorResume((ex) -> ex instanceof UpstreamException up && UserError.isAboutInput(up), (ex) -> Mono
				.just(new Payload(null, List.of(UserError.fromUpstream((UpstreamException) ex, "registration")))));
	}

	static List<UserError> validate(Input input) {
		List<UserError> errors = new ArrayList<>();
		if (input.accountName() != null && (input.accountName().isBlank() || input.accountName().length() > 255)) {
			errors.add(UserError.of("INVALID_ACCOUNT_NAME", "accountName must be 1 to 255 characters when given.",
					"input", "accountName"));
		}
		if (input.countryCode() != null && Countries.regionOf(input.countryCode()).isEmpty()) {
			errors.add(UserError.of("UNSUPPORTED_COUNTRY",
					"Amazon Ads does not serve " + input.countryCode() + "; choose a country it serves.", "input",
					"countryCode"));
		}
		if (input.termsToken() != null && !TermsTokenController.TERMS_TOKEN.matcher(input.termsToken()).matches()) {
			errors.add(UserError.of("INVALID_TERMS_TOKEN", "termsToken must be a token from createTermsToken.", "input",
					"termsToken"));
		}
		Association a = input.association();
		int given = (a == null) ? 0 : count(a.business(), a.amazonSeller(), a.amazonVendor(), a.amazonAuthor());
		if (given != 1) {
			errors.add(UserError.of("INVALID_ASSOCIATION",
					"association must have exactly one of business, amazonSeller, amazonVendor or amazonAuthor.",
					"input", "association"));
			return errors;
		}
		if (a.business() != null) {
			validateBusiness(input, a.business(), errors);
		}
		if (a.amazonSeller() != null && !ACCOUNT_REF.matcher(nz(a.amazonSeller().sellerCentralAccount())).matches()) {
			errors.add(UserError.of("INVALID_SELLER",
					"sellerCentralAccount must be a Seller Central account id (letters and digits, such as A2EXAMPLESELLER).",
					"input", "association", "amazonSeller", "sellerCentralAccount"));
		}
		if (a.amazonVendor() != null && !ACCOUNT_REF.matcher(nz(a.amazonVendor().vendorGroup())).matches()) {
			errors.add(UserError.of("INVALID_VENDOR_GROUP", "vendorGroup must be a vendor group id.", "input",
					"association", "amazonVendor", "vendorGroup"));
		}
		// An author's KDP e-mail is personal (Amazon's own sample uses a free-mail
		// address), so
		// only its form is checked here; the domain rule is for businesses' websites.
		if (a.amazonAuthor() != null) {
			String email = nz(a.amazonAuthor().email());
			String[] field = { "input", "association", "amazonAuthor", "email" };
			if (!EMAIL.matcher(email).matches()) {
				errors.add(UserError.of("INVALID_EMAIL",
						"email must be an e-mail address such as author@example-press.com.", field));
			}
		}
		return errors;
	}

	private static void validateBusiness(Input input, BusinessInput b, List<UserError> errors) {
		String[] base = { "input", "association", "business" };
		requireText(b.name(), "name", base, errors);
		requireText(b.phone(), "phone", base, errors);
		requireText(b.addressLine1(), "addressLine1", base, errors);
		requireText(b.city(), "city", base, errors);
		if (!"US".equals(b.countryCode())) {
			errors.add(UserError.of("BUSINESS_COUNTRY_NOT_SUPPORTED",
					"Amazon registers businesses that do not sell on Amazon in the US only; countryCode must be US.",
					path(base, "countryCode")));
		}
		if (input.countryCode() != null && !"US".equals(input.countryCode())) {
			errors.add(UserError.of("BUSINESS_COUNTRY_NOT_SUPPORTED",
					"A business can be registered in the US only; countryCode must be US.", "input", "countryCode"));
		}
		if (b.zipCode() == null || !US_ZIP.matcher(b.zipCode()).matches()) {
			errors.add(UserError.of("INVALID_ZIP_CODE", "zipCode must be a US ZIP code such as 98109 or 98109-5210.",
					path(base, "zipCode")));
		}
		if (b.websiteUrl() != null) {
			URL url = b.websiteUrl();
			if (!"https".equalsIgnoreCase(url.getProtocol()) && !"http".equalsIgnoreCase(url.getProtocol())) {
				errors.add(UserError.of("INVALID_WEBSITE", "websiteUrl must be an http or https address.",
						path(base, "websiteUrl")));
			}
			else if (FreeMailDomains.isFree(url.getHost())) {
				errors.add(UserError.of("UNPROFESSIONAL_DOMAIN",
						"Amazon requires the business's own domain; " + url.getHost() + " is a consumer mail domain.",
						path(base, "websiteUrl")));
			}
		}
	}

	private static RegisterAdsAccountRequest toRequest(Input input) {
		Association a = input.association();
		RegisterAdsAccountRequest.Association association;
		String defaultName;
		if (a.business() != null) {
			BusinessInput b = a.business();
			association = new RegisterAdsAccountRequest.Association(null, null, null,
					new RegisterAdsAccountRequest.Business(b.name(), b.phone(),
							(b.websiteUrl() != null) ? b.websiteUrl().toString() : null, b.addressLine1(),
							b.addressLine2(), b.city(), b.state(), b.zipCode(), b.countryCode()));
			defaultName = b.name();
		}
		else if (a.amazonSeller() != null) {
			association = new RegisterAdsAccountRequest.Association(
					new RegisterAdsAccountRequest.AmazonSeller(a.amazonSeller().sellerCentralAccount()), null, null,
					null);
			defaultName = a.amazonSeller().sellerCentralAccount();
		}
		else if (a.amazonVendor() != null) {
			association = new RegisterAdsAccountRequest.Association(null,
					new RegisterAdsAccountRequest.AmazonVendor(a.amazonVendor().vendorGroup()), null, null);
			defaultName = a.amazonVendor().vendorGroup();
		}
		else {
			association = new RegisterAdsAccountRequest.Association(null, null,
					new RegisterAdsAccountRequest.AmazonAuthor(a.amazonAuthor().email()), null);
			defaultName = a.amazonAuthor().email();
		}
		String country = (input.countryCode() != null) ? input.countryCode() : (a.business() != null) ? "US" : null;
		String name = (input.accountName() != null) ? input.accountName() : defaultName;
		return new RegisterAdsAccountRequest(name, (country != null) ? List.of(country) : null, List.of(association),
				input.termsToken());
	}

	private static void requireText(String value, String name, String[] base, List<UserError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(UserError.of("MISSING_FIELD", name + " must not be empty.", path(base, name)));
		}
	}

	private static String[] path(String[] base, String last) {
		String[] path = java.util.Arrays.copyOf(base, base.length + 1);
		path[base.length] = last;
		return path;
	}

	private static int count(Object... values) {
		int n = 0;
		for (Object v : values) {
			if (v != null) {
				n++;
			}
		}
		return n;
	}

	private static String nz(String value) {
		return (value != null) ? value : "";
	}

	/** The schema's {@code RegisterAdsAccountInput}. */
	record Input(String accountName, String countryCode, String termsToken, Association association) {
	}

	record Association(BusinessInput business, SellerInput amazonSeller, VendorInput amazonVendor,
			AuthorInput amazonAuthor) {
	}

	record BusinessInput(String name, String phone, URL websiteUrl, String addressLine1, String addressLine2,
			String city, String state, String zipCode, String countryCode) {
	}

	record SellerInput(String sellerCentralAccount) {
	}

	record VendorInput(String vendorGroup) {
	}

	record AuthorInput(String email) {
	}

	/** The schema's {@code RegisterAdsAccountPayload}. */
	record Payload(AdsAccountView adsAccount, List<UserError> userErrors) {
	}

}
