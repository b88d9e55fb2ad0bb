package dev.adsgraph.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRule;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;

import dev.adsgraph.sandbox.SandboxTestClient.Exchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validates sandbox exchanges against the trimmed Amazon specs in
 * {@code contracts/ads-api/} and {@code contracts/sp-api/} (Swagger 2.0 models, converted
 * by the validator's parser). Validation stays on; the few places where Amazon's files
 * cannot describe a correct answer are whitelisted by narrow, named rules:
 * <ul>
 * <li>{@code undeclared error status}: the profiles spec declares only 200 and the
 * advertising accounts spec declares no 401; Amazon's error documentation adds
 * 400/401/403/404/406/415 to every resource. Only those statuses are whitelisted, and
 * only the "status not defined" message; their bodies are asserted by the behaviour
 * tests.</li>
 * <li>{@code undeclared error status} for reporting v3: its spec declares no 403 on
 * create and get, and no 406/415, which Amazon's error documentation adds.</li>
 * <li>{@code bulkGetBillingStatusError requires an undeclared advertiserId}: the billing
 * file requires a top-level {@code advertiserId} on a failed item that its properties do
 * not declare; only that "required" on {@code /error/N} is whitelisted.</li>
 * <li>{@code ErrorsIndex.index maximum 0}: the v1 spec caps the index of a failed batch
 * item at 0 although batches hold up to 100 items (and the success index allows 0..99);
 * only that maximum on {@code /error/N/index} is whitelisted.</li>
 * </ul>
 */
public final class SandboxContracts {

	private static final OpenApiInteractionValidator PROFILES = validator("Profiles_prod_3p.yaml",
			undeclaredErrorStatus(400, 401, 404, 406, 415));

	private static final OpenApiInteractionValidator ACCOUNTS = validator("AdvertisingAccounts_prod_3p.json",
			undeclaredErrorStatus(401, 406, 415));

	private static final OpenApiInteractionValidator V1 = validator("AmazonAdsAPIALLMerged_prod_3p_ALL.json",
			undeclaredErrorStatus(406, 415));

	// Built on first use: parsing a large spec takes seconds, and most test classes need
	// only a few.
	private static final java.util.Map<String, OpenApiInteractionValidator> LAZY = new java.util.concurrent.ConcurrentHashMap<>();

	private static final java.util.Map<String, String> SP = java.util.Map.of("/sellers/", "sellers.json", "/catalog/",
			"catalogItems_2022-04-01.json", "/listings/", "listingsItems_2021-08-01.json", "/fba/", "fbaInventory.json",
			"/sales/", "sales.json", "/reports/", "reports_2021-06-30.json", "/batches/products/pricing/",
			"productPricing_2022-05-01.json");

	private SandboxContracts() {
	}

	/** The request and the response both follow Amazon's contract. */
	public static void assertValid(Exchange exchange) {
		assertClean(exchange, validatorFor(exchange).validate(request(exchange), response(exchange)));
	}

	/** The response follows the contract; for answers to deliberately broken requests. */
	public static void assertValidResponse(Exchange exchange) {
		assertClean(exchange,
				validatorFor(exchange).validateResponse(specPath(exchange), method(exchange), response(exchange)));
	}

	private static void assertClean(Exchange exchange, ValidationReport report) {
		String problems = report.getMessages()
			.stream()
			.map((message) -> message.getKey() + ": " + message.getMessage())
			.collect(Collectors.joining("\n"));
		assertThat(report.hasErrors()).as("%s%nviolates the contract:%n%s", exchange, problems).isFalse();
	}

	private static OpenApiInteractionValidator validatorFor(Exchange exchange) {
		String path = specPath(exchange);
		if (exchange.path().startsWith("/sp/")) {
			String file = SP.entrySet()
				.stream()
				.filter((entry) -> path.startsWith(entry.getKey()))
				.map(java.util.Map.Entry::getValue)
				.findFirst()
				.orElseThrow();
			return LAZY.computeIfAbsent(file, SandboxContracts::spValidator);
		}
		if (path.startsWith("/reporting/")) {
			return LAZY.computeIfAbsent("OfflineReport_prod_3p.json",
					(file) -> validator(file, undeclaredErrorStatus(403, 406, 415)));
		}
		if (path.startsWith("/billing/") || path.equals("/invoices") || path.startsWith("/invoices/")) {
			return LAZY.computeIfAbsent("AdvertisingBilling_prod_3p.json", SandboxContracts::billingValidator);
		}
		if (path.startsWith("/v2/profiles")) {
			return PROFILES;
		}
		if (path.startsWith("/managerAccounts")) {
			// Our OpenAPI document of the established facts (contracts/SOURCES.md).
			return LAZY.computeIfAbsent("manager-accounts/ManagerAccount.facts.json",
					(file) -> validator(file, undeclaredErrorStatus(406, 415)));
		}
		if (path.startsWith("/user-invitations")) {
			return LAZY.computeIfAbsent("AdvertisingInvitations_prod_3p.json",
					(file) -> validator(file, undeclaredErrorStatus(401, 406, 415)));
		}
		if (path.startsWith("/users/") || path.startsWith("/userRoles/")) {
			return LAZY.computeIfAbsent("AdvertisingUserPermissionsManagement_prod_3p.json",
					(file) -> validator(file, undeclaredErrorStatus(406, 415)));
		}
		return path.startsWith("/adsApi/v1/") ? V1 : ACCOUNTS;
	}

	// The sandbox serves each regional host under /ads/<region>; Amazon's paths start
	// after it.
	private static String specPath(Exchange exchange) {
		String path = URI.create(exchange.path()).getPath();
		return path.replaceFirst("^/(ads|sp)/(na|eu|fe)", "");
	}

	private static Request.Method method(Exchange exchange) {
		return Request.Method.valueOf(exchange.method());
	}

	private static Request request(Exchange exchange) {
		SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), specPath(exchange));
		exchange.requestHeaders().forEach(request::withHeader);
		String query = URI.create(exchange.path()).getRawQuery();
		if (query != null) {
			for (String pair : query.split("&")) {
				String[] parts = pair.split("=", 2);
				request.withQueryParam(decode(parts[0]), (parts.length > 1) ? decode(parts[1]) : "");
			}
		}
		if (exchange.requestBody() != null) {
			request.withBody(exchange.requestBody());
		}
		return request.build();
	}

	private static SimpleResponse response(Exchange exchange) {
		SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
		// Reporting v3 serves application/json and remaps the model's vendor type into a
		// header, as Amazon's captured answers do: the model's type is the remapped one.
		String remapped = exchange.header("x-amzn-Remapped-x-amzn-Remapped-Content-Type");
		exchange.responseHeaders()
			.forEach((name, values) -> response.withHeader(name,
					(remapped != null && name.equalsIgnoreCase("Content-Type")) ? List.of(remapped) : values));
		response.withBody(exchange.body());
		return response.build();
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	private static WhitelistRule undeclaredErrorStatus(int... statuses) {
		WhitelistRule[] anyStatus = new WhitelistRule[statuses.length];
		for (int i = 0; i < statuses.length; i++) {
			anyStatus[i] = WhitelistRules.responseStatusIs(statuses[i]);
		}
		return WhitelistRules.allOf(WhitelistRules.messageHasKey("validation.response.status.unknown"),
				WhitelistRules.anyOf(anyStatus));
	}

	private static OpenApiInteractionValidator validator(String file, WhitelistRule undeclaredStatus) {
		ValidationErrorsWhitelist whitelist = ValidationErrorsWhitelist.create()
			.withRule("undeclared error status", undeclaredStatus)
			.withRule("ErrorsIndex.index maximum 0",
					WhitelistRules.allOf(WhitelistRules.messageHasKey("validation.response.body.schema.maximum"),
							WhitelistRules.messageContainsRegexp("/error/\\d+/index")));
		return OpenApiInteractionValidator.createForInlineApiSpecification(read("contracts/ads-api/" + file))
			.withWhitelist(whitelist)
			.build();
	}

	// The billing file's bulkGetBillingStatusError requires an advertiserId its
	// properties
	// do not declare (the item's advertiserId is in advertiserMarketplace), so no error
	// item can satisfy both "required" and the validator's closed objects: only that
	// "required" on /error/N is whitelisted.
	private static OpenApiInteractionValidator billingValidator(String file) {
		ValidationErrorsWhitelist whitelist = ValidationErrorsWhitelist.create()
			.withRule("undeclared error status", undeclaredErrorStatus(406, 415))
			.withRule("bulkGetBillingStatusError requires an undeclared advertiserId", WhitelistRules.allOf(
					WhitelistRules.messageHasKey("validation.response.body.schema.required"),
					WhitelistRules.messageContainsRegexp(
							"\\[Path '/error/\\d+'\\] Object has missing required properties \\(\\[\"advertiserId\"\\]\\)")));
		return OpenApiInteractionValidator.createForInlineApiSpecification(read("contracts/ads-api/" + file))
			.withWhitelist(whitelist)
			.build();
	}

	// The SP-API models (Swagger 2.0) declare every status the sandbox answers; nothing
	// is whitelisted. The pricing model builds an offer with allOf (Offer plus its
	// segments): the validator checks each part as closed to the other's members unless
	// it merges the parts first.
	private static OpenApiInteractionValidator spValidator(String file) {
		return OpenApiInteractionValidator.createForInlineApiSpecification(read("contracts/sp-api/" + file))
			.withResolveCombinators(file.startsWith("productPricing"))
			.build();
	}

	private static String read(String resource) {
		try (InputStream in = SandboxContracts.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
