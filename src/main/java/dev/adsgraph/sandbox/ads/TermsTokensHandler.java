package dev.adsgraph.sandbox.ads;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.adsgraph.sandbox.ads.AdsGate.Call;
import dev.adsgraph.sandbox.ads.AdsGate.Operation;
import dev.adsgraph.sandbox.core.ApiException;
import dev.adsgraph.sandbox.core.Hosts;
import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.SandboxJson;

/**
 * {@code POST /termsTokens} and {@code GET /termsTokens/{termsToken}}
 * (AdvertisingAccounts_prod_3p.json).
 */
public final class TermsTokensHandler {

	static final String TERMS_TOKEN_TYPE = "application/vnd.termstokenresource.v1+json";

	public static final Operation CREATE = new Operation("CreateTermsToken", ErrorFamily.ACCOUNTS_V2, false,
			List.of("application/vnd.GlobalRegistrationService.TermsTokenResource.v1.0+json"), TERMS_TOKEN_TYPE);

	public static final Operation GET = new Operation("GetTermsToken", ErrorFamily.ACCOUNTS_V2, false, List.of(),
			TERMS_TOKEN_TYPE);

	static final Set<String> TERMS_TYPES = Set.of("ADVERTISING", "ADSP", "MARKETING_CLOUD", "PARTNER_NETWORK");

	public static final Pattern UUID_PATTERN = Pattern
		.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

	private final TermsTokens termsTokens;

	private final Hosts hosts;

	public TermsTokensHandler(TermsTokens termsTokens, Hosts hosts) {
		this.termsTokens = termsTokens;
		this.hosts = hosts;
	}

	public Reply create(Call call) {
		String termsType = SandboxJson.string(call.body(), "termsType").orElse("ADVERTISING");
		if (!TERMS_TYPES.contains(termsType)) {
			throw ApiException.badRequest("INVALID_ARGUMENT", "Invalid termsType '" + termsType + "'; expected one of "
					+ TERMS_TYPES.stream().sorted().toList() + ".");
		}
		TermsTokens.Entry entry = this.termsTokens.create(call.user().id(), termsType);
		return new Reply(201, TERMS_TOKEN_TYPE, new Created(entry.termsToken(), termsUrl(call, entry.termsToken())));
	}

	public Reply get(Call call) {
		String termsToken = call.request().pathVariable("termsToken");
		TermsTokens.Entry entry = find(termsToken, call.user().id());
		return new Reply(200, TERMS_TOKEN_TYPE, new Status(this.termsTokens.status(entry), entry.termsType()));
	}

	/**
	 * The caller's token; a malformed, unknown or foreign one is a 400, as for Amazon's
	 * invalid input.
	 */
	TermsTokens.Entry find(String termsToken, String userId) {
		if (!UUID_PATTERN.matcher(termsToken).matches()) {
			throw ApiException.badRequest("INVALID_TERMS_TOKEN", "The terms token must be a UUID.");
		}
		return this.termsTokens.find(termsToken.toLowerCase(Locale.ROOT), userId)
			.orElseThrow(() -> ApiException.badRequest("INVALID_TERMS_TOKEN",
					"The terms token " + termsToken + " does not exist for this user."));
	}

	// The page lives on the sandbox's first port, on the host name the caller used, so
	// the link works behind any host name.
	private String termsUrl(Call call, String termsToken) {
		return this.hosts.url(Hosts.Host.LWA, call.request()) + "/terms/agreement/" + termsToken;
	}

	record Created(String termsToken, String termsUrl) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Status(String termsTokenStatus, String termsType) {
	}

}
