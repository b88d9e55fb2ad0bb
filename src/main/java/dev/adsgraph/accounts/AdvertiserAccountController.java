package dev.adsgraph.accounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.adsgraph.graphql.ArgumentRules;
import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.graphql.Connections;
import dev.adsgraph.graphql.Connections.Connection;
import dev.adsgraph.graphql.Ids;
import dev.adsgraph.idempotency.IdempotencyExecutor;
import dev.adsgraph.idempotency.IfOutcomeUnknown;
import dev.adsgraph.registrations.RegistrationKind;
import dev.adsgraph.registrations.RegistrationStore;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.AdvertiserAccount;
import dev.adsgraph.upstream.ads.MultiStatus;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Ads API v1 advertiser accounts. Batch writes answer one result per input index: inputs
 * the gateway can already tell are wrong are answered without going upstream, the rest
 * are sent in one call and Amazon's 207 answer is mapped back to the caller's indexes.
 */
@Controller
class AdvertiserAccountController implements ArgumentRules.Configurer {

	static final int MAX_BATCH = 100;

	private static final int UPSTREAM_PAGE = 100;

	private final AdsApiClient ads;

	private final IdempotencyExecutor idempotency;

	private final RegistrationStore registrations;

	private final AdsAccountReads reads;

	AdvertiserAccountController(AdsApiClient ads, IdempotencyExecutor idempotency, RegistrationStore registrations,
			AdsAccountReads reads) {
		this.ads = ads;
		this.idempotency = idempotency;
		this.registrations = registrations;
		this.reads = reads;
	}

	@Override
	public void configure(ArgumentRules rules) {
		rules.add("Query", "advertiserAccounts", "filter", (value) -> {
			if (value instanceof Map<?, ?> filter && filter.get("ids") instanceof List<?> ids) {
				requireIds(ids.stream().map((id) -> (String) id).toList());
			}
		})
			.add("Query", "advertiserAccounts", "first", (value) -> Connections.requireFirst((Integer) value, 20))
			.add("Query", "advertiserAccounts", "after", Connections::requireAfter)
			.add("Mutation", "createAdvertiserAccounts", "idempotencyKey", IdempotencyExecutor::requireKey)
			.add("Mutation", "updateAdvertiserAccounts", "idempotencyKey", IdempotencyExecutor::requireKey);
	}

	/** The ids of {@code filter.ids}, distinct; null when the filter names none. */
	private static List<String> requireIds(List<String> ids) {
		if (ids == null) {
			return null;
		}
		if (ids.isEmpty() || ids.size() > MAX_BATCH) {
			throw new BadUserInputException(
					"filter.ids must name 1 to " + MAX_BATCH + " accounts; got " + ids.size() + ".");
		}
		return ids.stream().map((id) -> Ids.accountId(id, "filter.ids")).distinct().toList();
	}

	@QueryMapping
	Mono<Connection<AdvertiserAccountView>> advertiserAccounts(@Argument AdvertiserAccountFilter filter,
			@Argument Integer first, @Argument String after,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		List<String> idFilter = (filter != null) ? requireIds(filter.ids()) : null;
		Boolean globalFilter = (filter != null) ? filter.isGlobalAccount() : null;
		return Connections.page(first, after, (token) -> this.ads
			.queryAdvertiserAccounts(tenant.ads(), tenant.homeRegion(),
					new AdvertiserAccount.Query(idFilter, globalFilter, UPSTREAM_PAGE, token))
			.map((page) -> new Connections.UpstreamPage<>(
					(page.advertiserAccounts() != null)
							? page.advertiserAccounts().stream().map(AdvertiserAccountView::of).toList() : List.of(),
					page.nextToken()))
			.flatMap((page) -> {
				Map<String, String> statuses = new LinkedHashMap<>();
				page.items()
					.stream()
					.filter((a) -> a.id() != null)
					.forEach((a) -> statuses.put(a.id(), a.status().code()));
				return this.registrations
					.observed(tenant.id(), RegistrationKind.ADVERTISER_ACCOUNT, RegistrationStore.Source.QUERY,
							statuses)
					.thenReturn(page);
			}));
	}

	/** A repeat could create the accounts twice, so an unknown outcome keeps the key. */
	@MutationMapping
	Mono<Payload> createAdvertiserAccounts(@Argument List<CreateInput> input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		String fingerprint = IdempotencyExecutor.fingerprint(env);
		return this.idempotency.execute(tenant.id(), env, Payload.class, IfOutcomeUnknown.KEEP_KEY,
				() -> write(input, (item) -> checkDetails(item.businessDetails(), true), CreateInput::toUpstream,
						(accounts) -> this.ads.createAdvertiserAccounts(tenant.ads(), tenant.homeRegion(), accounts)
							.doFinally((signal) -> this.reads.changed(tenant)),
						"advertiser account creation")
					.flatMap((payload) -> recorded(tenant, "createAdvertiserAccounts", fingerprint, payload)));
	}

	/** Writing the same values again is harmless, so an unknown outcome frees the key. */
	@MutationMapping
	Mono<Payload> updateAdvertiserAccounts(@Argument List<UpdateInput> input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		String fingerprint = IdempotencyExecutor.fingerprint(env);
		return this.idempotency.execute(tenant.id(), env, Payload.class, IfOutcomeUnknown.RELEASE_KEY,
				() -> write(input, UpdateInput::check, UpdateInput::toUpstream,
						(accounts) -> this.ads.updateAdvertiserAccounts(tenant.ads(), tenant.homeRegion(), accounts)
							// An ads account's name is its advertiser account's: no query
							// answers from before the update.
							.doFinally((signal) -> this.reads.changed(tenant)),
						"advertiser account update")
					.flatMap((payload) -> recorded(tenant, "updateAdvertiserAccounts", fingerprint, payload)));
	}

	/**
	 * Every account Amazon created or updated is recorded as a registration made through
	 * the gateway, with its index in the input.
	 */
	private Mono<Payload> recorded(Tenant tenant, String mutation, String fingerprint, Payload payload) {
		List<RegistrationStore.Write> writes = payload.results()
			.stream()
			.filter((r) -> r.account() != null && r.account().id() != null)
			.map((r) -> new RegistrationStore.Write(r.account().id(), r.index(), r.account().status().code()))
			.toList();
		if (writes.isEmpty()) {
			return Mono.just(payload);
		}
		return this.registrations
			.written(tenant.id(), RegistrationKind.ADVERTISER_ACCOUNT, mutation, fingerprint, writes)
			.thenReturn(payload);
	}

	private <I> Mono<Payload> write(List<I> input, Function<I, List<UserError>> check,
			Function<I, AdvertiserAccount> toUpstream,
			Function<List<AdvertiserAccount>, Mono<MultiStatus<AdvertiserAccount>>> call, String what) {
		if (input.isEmpty() || input.size() > MAX_BATCH) {
			return Mono.just(new Payload(List.of(), 0, 0, List.of(UserError.of("INVALID_BATCH_SIZE",
					"input must have 1 to " + MAX_BATCH + " items; got " + input.size() + ".", "input"))));
		}
		Result[] results = new Result[input.size()];
		List<Integer> sentIndexes = new ArrayList<>();
		List<AdvertiserAccount> sent = new ArrayList<>();
		for (int i = 0; i < input.size(); i++) {
			List<UserError> errors = check.apply(input.get(i));
			if (errors.isEmpty()) {
				sentIndexes.add(i);
				sent.add(toUpstream.apply(input.get(i)));
			}
			else {
				int index = i;
				results[i] = new Result(i, null,
						errors.stream()
							.map((e) -> new UserError(e.code(), e.message(), prefixed(index, e.field())))
							.toList());
			}
		}
		if (sent.isEmpty()) {
			return Mono.just(Payload.of(results));
		}
		return call.apply(sent).map((answer) -> {
			for (MultiStatus.Success<AdvertiserAccount> success : answer.success()) {
				int index = original(sentIndexes, success.index());
				results[index] = new Result(index, AdvertiserAccountView.of(success.item()), List.of());
			}
			for (MultiStatus.Failure failure : answer.error()) {
				int index = original(sentIndexes, failure.index());
				results[index] = new Result(index, null,
						failure.errors()
							.stream()
							.map((e) -> new UserError(e.code(), e.message(),
									(e.fieldLocation() != null) ? prefixed(index, List.of(e.fieldLocation()))
											: List.of("input", Integer.toString(index))))
							.toList());
			}
			for (int i = 0; i < results.length; i++) {
				if (results[i] == null) {
					// Amazon's answer said nothing about this item: tell the caller
					// rather than guess.
					results[i] = new Result(i, null, List.of(UserError.of("NO_RESULT",
							"Amazon's answer had no result for this item; query the accounts before retrying it.",
							"input", Integer.toString(i))));
				}
			}
			return Payload.of(results);
		}).onErrorResume((ex) -> ex instanceof UpstreamException up && UserError.isAboutInput(up), (ex) -> {
			UserError error = UserError.fromUpstream((UpstreamException) ex, what);
			for (int index : sentIndexes) {
				results[index] = new Result(index, null, List.of(error));
			}
			return Mono.just(Payload.of(results));
		});
	}

	private static int original(List<Integer> sentIndexes, int upstreamIndex) {
		if (upstreamIndex < 0 || upstreamIndex >= sentIndexes.size()) {
			throw new IllegalStateException("Amazon answered for item " + upstreamIndex + " of " + sentIndexes.size());
		}
		return sentIndexes.get(upstreamIndex);
	}

	private static List<String> prefixed(int index, List<String> field) {
		List<String> path = new ArrayList<>(List.of("input", Integer.toString(index)));
		path.addAll(field);
		return path;
	}

	static List<UserError> checkDetails(BusinessDetailsInput details, boolean required) {
		List<UserError> errors = new ArrayList<>();
		if (details == null) {
			if (required) {
				errors.add(UserError.of("MISSING_BUSINESS_DETAILS", "businessDetails is required.", "businessDetails"));
			}
			return errors;
		}
		boolean token = details.addressToken() != null;
		boolean address = details.address() != null;
		if (token == address) {
			errors.add(UserError.of("INVALID_BUSINESS_DETAILS",
					"businessDetails needs exactly one of addressToken (from sellingAccounts) or address.",
					"businessDetails"));
		}
		if (token && details.addressToken().isBlank()) {
			errors.add(UserError.of("INVALID_ADDRESS_TOKEN", "addressToken must not be empty.", "businessDetails",
					"addressToken"));
		}
		if (address) {
			BusinessAddressInput a = details.address();
			for (String[] field : new String[][] { { "businessName", a.businessName() },
					{ "addressLine1", a.addressLine1() }, { "city", a.city() } }) {
				if (field[1] == null || field[1].isBlank()) {
					errors.add(UserError.of("MISSING_FIELD", field[0] + " must not be empty.", "businessDetails",
							"address", field[0]));
				}
			}
		}
		return errors;
	}

	record AdvertiserAccountFilter(List<String> ids, Boolean isGlobalAccount) {
	}

	record BusinessDetailsInput(String addressToken, BusinessAddressInput address, String businessRegistrationNumber,
			String website) {

		AdvertiserAccount.BusinessDetails toUpstream() {
			AdvertiserAccount.Address upstream = (this.address != null) ? this.address.toUpstream() : null;
			return new AdvertiserAccount.BusinessDetails(this.addressToken, upstream, this.businessRegistrationNumber,
					this.website);
		}

	}

	record BusinessAddressInput(String businessName, String addressLine1, String addressLine2, String city,
			String state, String zipCode, String countryCode, String phoneNumber) {

		AdvertiserAccount.Address toUpstream() {
			return new AdvertiserAccount.Address(this.addressLine1, this.addressLine2, this.businessName, this.city,
					this.countryCode, this.phoneNumber, this.state, this.zipCode);
		}

	}

	record CreateInput(BusinessDetailsInput businessDetails, Currency currencyCode, String displayName,
			String industryVertical, Boolean isGlobalAccount, Boolean isTestAccount, String managerAccountId,
			String sellingAccountLinkToken, String timeZoneIana) {

		AdvertiserAccount toUpstream() {
			return new AdvertiserAccount(null, List.of(this.businessDetails.toUpstream()), code(this.currencyCode),
					this.displayName, this.industryVertical, this.isGlobalAccount, this.isTestAccount,
					this.managerAccountId, links(this.sellingAccountLinkToken), this.timeZoneIana, null, null);
		}

	}

	record UpdateInput(String id, BusinessDetailsInput businessDetails, Currency currencyCode, String displayName,
			String industryVertical, Boolean isGlobalAccount, Boolean isTestAccount, String managerAccountId,
			String sellingAccountLinkToken, String timeZoneIana) {

		List<UserError> check() {
			List<UserError> errors = new ArrayList<>(checkDetails(this.businessDetails, false));
			try {
				Ids.accountId(this.id, "id");
			}
			catch (BadUserInputException ex) {
				errors.add(UserError.of("INVALID_ID", ex.getMessage(), "id"));
			}
			return errors;
		}

		AdvertiserAccount toUpstream() {
			return new AdvertiserAccount(this.id,
					(this.businessDetails != null) ? List.of(this.businessDetails.toUpstream()) : null,
					code(this.currencyCode), this.displayName, this.industryVertical, this.isGlobalAccount,
					this.isTestAccount, this.managerAccountId, links(this.sellingAccountLinkToken), this.timeZoneIana,
					null, null);
		}

	}

	private static String code(Currency currency) {
		return (currency != null) ? currency.getCurrencyCode() : null;
	}

	private static List<AdvertiserAccount.SellingAccountLinkRequest> links(String token) {
		return (token != null) ? List.of(new AdvertiserAccount.SellingAccountLinkRequest(
				new AdvertiserAccount.SellingAccountLinkDetails(token, null, null))) : null;
	}

	/** The schema's {@code AdvertiserAccountResult}. */
	record Result(int index, AdvertiserAccountView account, List<UserError> errors) {
	}

	/** The schema's {@code AdvertiserAccountsPayload}. */
	record Payload(List<Result> results, int succeeded, int failed, List<UserError> userErrors) {

		static Payload of(Result[] results) {
			List<Result> list = List.of(results);
			int ok = (int) list.stream().filter((r) -> r.account() != null).count();
			return new Payload(list, ok, list.size() - ok, List.of());
		}

	}

}
