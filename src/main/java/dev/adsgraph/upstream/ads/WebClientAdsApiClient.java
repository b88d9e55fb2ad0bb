package dev.adsgraph.upstream.ads;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.adsgraph.upstream.Connectors;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.TransportErrors;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import dev.adsgraph.upstream.resilience.UpstreamCall;
import dev.adsgraph.upstream.resilience.UpstreamGuard;
import dev.adsgraph.upstream.lwa.LwaTokenService;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link AdsApiClient} over Spring's {@link WebClient}. Authentication lives in
 * {@link AdsAuthFilter}, error decoding in {@link AdsErrorDecoder}; this class only maps
 * each operation onto its path, media types and wire bodies.
 */
public final class WebClientAdsApiClient implements AdsApiClient, AdsBillingClient {

	// Vendor media types of AdvertisingAccounts_prod_3p.json, kept as strings and sent as
	// header values because Spring's MediaType lower-cases them, and the terms token type
	// is
	// mixed case in the spec. Spring's Jackson codecs read and write application/*+json,
	// so
	// these need no codec of their own.
	static final String REGISTER_ADS_ACCOUNT = "application/vnd.registeradsaccountresource.v1+json";

	static final String LIST_ADS_ACCOUNTS = "application/vnd.listaccountsresource.v1+json";

	static final String ADS_ACCOUNT = "application/vnd.accountresource.v1+json";

	static final String CREATE_TERMS_TOKEN = "application/vnd.GlobalRegistrationService.TermsTokenResource.v1.0+json";

	static final String TERMS_TOKEN = "application/vnd.termstokenresource.v1+json";

	// OfflineReport_prod_3p.json: every answer of /reporting/reports has its own media
	// type.
	static final String CREATE_REPORT_REQUEST = "application/vnd.createasyncreportrequest.v3+json";

	static final String CREATE_REPORT_RESPONSE = "application/vnd.createasyncreportresponse.v3+json";

	static final String GET_REPORT_RESPONSE = "application/vnd.getasyncreportresponse.v3+json";

	// Manager accounts (ManagerAccount.facts.json): one media type per request and
	// answer.
	static final String MANAGER_ACCOUNTS = "application/vnd.getmanageraccountsresponse.v1+json";

	static final String CREATE_MANAGER_ACCOUNT = "application/vnd.createmanageraccountrequest.v1+json";

	static final String MANAGER_ACCOUNT = "application/vnd.manageraccount.v1+json";

	static final String UPDATE_MANAGER_ACCOUNT_REQUEST = "application/vnd.updateadvertisingaccountsinmanageraccountrequest.v1+json";

	static final String UPDATE_MANAGER_ACCOUNT_RESPONSE = "application/vnd.updateadvertisingaccountsinmanageraccountresponse.v1+json";

	// AdvertisingInvitations_prod_3p.json and
	// AdvertisingUserPermissionsManagement_prod_3p.json.
	static final String CREATE_USER_INVITATIONS = "application/vnd.CreateUserInvitations.v1+json";

	static final String UPDATE_USER_INVITATIONS = "application/vnd.UpdateUserInvitations.v1+json";

	static final String LIST_USER_INVITATIONS = "application/vnd.ListUserInvitations.v1+json";

	static final String GET_USER_INVITATION = "application/vnd.GetUserInvitation.v1+json";

	static final String LIST_USERS = "application/vnd.listusers.v1+json";

	static final String QUERY_USER_ROLES = "application/vnd.queryuserroles.v1+json";

	/** The global ads account a user access call acts on. */
	static final String ACCOUNT_ID = "Amazon-Ads-AccountId";

	/**
	 * The profile a sponsored ads call acts for (shared/reference/amazon-apis.md section
	 * 3).
	 */
	static final String SCOPE = "Amazon-Advertising-API-Scope";

	static final String DOWNLOAD_REPORT = "downloadReport";

	// AdvertisingBilling_prod_3p.json: the bulk reads' request and answer types, and the
	// invoices' answer type.
	static final String BILLING_STATUS_REQUEST = "application/vnd.bulkgetbillingstatusrequestbody.v1+json";

	static final String BILLING_STATUS_RESPONSE = "application/vnd.bulkgetbillingstatusresponse.v1+json";

	static final String BILLING_NOTIFICATIONS_REQUEST = "application/vnd.billingnotifications.v1+json";

	static final String BILLING_NOTIFICATIONS_RESPONSE = "application/vnd.bulkgetbillingnotificationsresponse.v1+json";

	static final String INVOICES = "application/vnd.invoices.v1.1+json";

	static final String INVOICE = "application/vnd.invoice.v1.1+json";

	static final String PAYMENT_METHODS = "application/vnd.paymentmethods.v1+json";

	private final Map<Region, WebClient> clients = new EnumMap<>(Region.class);

	private final AdsErrorDecoder errors;

	private final WebClient downloads;

	private final UpstreamGuard guard;

	/** Without retries, breakers or bounds ({@link UpstreamGuard#passthrough(Clock)}). */
	public WebClientAdsApiClient(WebClient.Builder webClientBuilder, UpstreamProperties.Ads properties,
			LwaTokenService tokens, Clock clock) {
		this(webClientBuilder, properties, tokens, clock, UpstreamGuard.passthrough(clock));
	}

	public WebClientAdsApiClient(WebClient.Builder webClientBuilder, UpstreamProperties.Ads properties,
			LwaTokenService tokens, Clock clock, UpstreamGuard guard) {
		this.errors = new AdsErrorDecoder(clock);
		this.guard = guard;
		ReactorClientHttpConnector connector = connector(properties);
		int maxInMemorySize = (int) Math.min(properties.maxInMemorySize().toBytes(), Integer.MAX_VALUE);
		AdsAuthFilter auth = new AdsAuthFilter(tokens);
		// One client per region with the host as base URL: paths stay URI templates, so
		// the
		// request metrics are tagged by operation, not by every profile id.
		for (Region region : Region.values()) {
			this.clients.put(region,
					webClientBuilder.clone()
						.baseUrl(properties.host(region).toString())
						.clientConnector(connector)
						.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(maxInMemorySize))
						.filter(auth)
						.filter(guard.wireFilter(AdsErrorDecoder.UPSTREAM, region.name().toLowerCase(Locale.ROOT)))
						.build());
		}
		// Report files live on another host behind presigned links that carry their own
		// credentials: no auth filter, no base URL. Not Boot's builder either: its
		// observation
		// would record the full link, signature included, as a span attribute.
		this.downloads = WebClient.builder()
			.clientConnector(connector)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(maxInMemorySize))
			.build();
	}

	private static ReactorClientHttpConnector connector(UpstreamProperties.Ads properties) {
		return Connectors.withTimeouts(properties.connectTimeout(), properties.responseTimeout());
	}

	// Profiles_prod_3p.yaml listProfiles
	@Override
	public Mono<List<Profile>> listProfiles(LwaCredentials credentials, Region region, ProfileFilter filter) {
		ProfileFilter query = (filter != null) ? filter : ProfileFilter.NONE;
		return exchange(AdsOperation.LIST_PROFILES, region, credentials,
				(request,
						path) -> request
							.uri((uri) -> uri.path(path)
								.queryParamIfPresent("apiProgram", Optional.ofNullable(query.apiProgram()))
								.queryParamIfPresent("accessLevel", Optional.ofNullable(query.accessLevel()))
								.queryParamIfPresent("profileTypeFilter",
										Optional.ofNullable(query.profileTypeFilter()))
								.queryParamIfPresent("validPaymentMethodFilter",
										Optional.ofNullable(query.validPaymentMethodFilter()))
								.build())
							.accept(MediaType.APPLICATION_JSON),
				new ParameterizedTypeReference<List<Profile>>() {
				}, Function.identity());
	}

	// ManagerAccount.facts.json getManagerAccountsForUser
	@Override
	public Mono<List<ManagerAccount>> getManagerAccounts(LwaCredentials credentials, Region region) {
		return exchange(AdsOperation.GET_MANAGER_ACCOUNTS_FOR_USER, region, credentials,
				(request, path) -> request.uri(path).header(HttpHeaders.ACCEPT, MANAGER_ACCOUNTS),
				ManagerAccount.ListResponse.class)
			.map((response) -> orEmpty(response.managerAccounts()));
	}

	// ManagerAccount.facts.json createManagerAccount
	@Override
	public Mono<ManagerAccount> createManagerAccount(LwaCredentials credentials, Region region,
			ManagerAccount.Create body) {
		return exchange(AdsOperation.CREATE_MANAGER_ACCOUNT, region, credentials,
				(request, path) -> request.uri(path)
					.header(HttpHeaders.CONTENT_TYPE, CREATE_MANAGER_ACCOUNT)
					.header(HttpHeaders.ACCEPT, MANAGER_ACCOUNT)
					.bodyValue(body),
				ManagerAccount.class);
	}

	// ManagerAccount.facts.json LinkAdvertisingAccountsToManagerAccountPublicAPI
	@Override
	public Mono<ManagerAccount.UpdateResult> linkAdvertisingAccounts(LwaCredentials credentials, Region region,
			String managerAccountId, List<ManagerAccount.AccountToUpdate> accounts) {
		return updateManagerAccount(AdsOperation.LINK_ADVERTISING_ACCOUNTS_TO_MANAGER_ACCOUNT, credentials, region,
				managerAccountId, accounts);
	}

	// ManagerAccount.facts.json UnlinkAdvertisingAccountsToManagerAccountPublicAPI
	@Override
	public Mono<ManagerAccount.UpdateResult> unlinkAdvertisingAccounts(LwaCredentials credentials, Region region,
			String managerAccountId, List<ManagerAccount.AccountToUpdate> accounts) {
		return updateManagerAccount(AdsOperation.UNLINK_ADVERTISING_ACCOUNTS_TO_MANAGER_ACCOUNT, credentials, region,
				managerAccountId, accounts);
	}

	private Mono<ManagerAccount.UpdateResult> updateManagerAccount(AdsOperation operation, LwaCredentials credentials,
			Region region, String managerAccountId, List<ManagerAccount.AccountToUpdate> accounts) {
		return exchange(operation, region, credentials,
				(request, path) -> request.uri(path, managerAccountId)
					.header(HttpHeaders.CONTENT_TYPE, UPDATE_MANAGER_ACCOUNT_REQUEST)
					.header(HttpHeaders.ACCEPT, UPDATE_MANAGER_ACCOUNT_RESPONSE)
					.bodyValue(new UpdateManagerAccountBody(accounts)),
				ManagerAccount.UpdateResult.class);
	}

	// AdvertisingAccounts_prod_3p.json CreateTermsToken
	@Override
	public Mono<TermsToken.Created> createTermsToken(LwaCredentials credentials, Region region, String termsType) {
		return exchange(AdsOperation.CREATE_TERMS_TOKEN, region, credentials,
				(request, path) -> request.uri(path)
					.header(HttpHeaders.CONTENT_TYPE, CREATE_TERMS_TOKEN)
					.header(HttpHeaders.ACCEPT, TERMS_TOKEN)
					.bodyValue(new CreateTermsTokenBody(termsType)),
				TermsToken.Created.class);
	}

	// AdvertisingAccounts_prod_3p.json GetTermsToken
	@Override
	public Mono<TermsToken.Status> getTermsToken(LwaCredentials credentials, Region region, String termsToken) {
		return exchange(AdsOperation.GET_TERMS_TOKEN, region, credentials,
				(request, path) -> request.uri(path, termsToken).header(HttpHeaders.ACCEPT, TERMS_TOKEN),
				TermsToken.Status.class);
	}

	// AdvertisingAccounts_prod_3p.json RegisterAdsAccount
	@Override
	public Mono<AdsAccount> registerAdsAccount(LwaCredentials credentials, Region region,
			RegisterAdsAccountRequest body) {
		// The 201 answer is declared application/json, unlike the request.
		return exchange(AdsOperation.REGISTER_ADS_ACCOUNT, region, credentials,
				(request, path) -> request.uri(path)
					.header(HttpHeaders.CONTENT_TYPE, REGISTER_ADS_ACCOUNT)
					.accept(MediaType.APPLICATION_JSON)
					.bodyValue(body),
				ParameterizedTypeReference.forType(AdsAccountEnvelope.class), AdsAccountEnvelope::adsAccount);
	}

	// AdvertisingAccounts_prod_3p.json GetAccount
	@Override
	public Mono<AdsAccount> getAdsAccount(LwaCredentials credentials, Region region, String adsAccountId) {
		return exchange(AdsOperation.GET_ACCOUNT, region, credentials,
				(request, path) -> request.uri(path, adsAccountId).header(HttpHeaders.ACCEPT, ADS_ACCOUNT),
				ParameterizedTypeReference.forType(AdsAccountEnvelope.class), AdsAccountEnvelope::adsAccount)
			.onErrorResume(WebClientAdsApiClient::isNotFound, (ex) -> Mono.empty());
	}

	// AdvertisingAccounts_prod_3p.json ListAdsAccounts
	@Override
	public Mono<AdsAccount.Page> listAdsAccounts(LwaCredentials credentials, Region region, Integer maxResults,
			String nextToken) {
		return exchange(AdsOperation.LIST_ADS_ACCOUNTS, region, credentials,
				(request, path) -> request.uri(path)
					.header(HttpHeaders.CONTENT_TYPE, LIST_ADS_ACCOUNTS)
					.header(HttpHeaders.ACCEPT, LIST_ADS_ACCOUNTS)
					.bodyValue(new ListAdsAccountsBody(maxResults, nextToken)),
				AdsAccount.Page.class)
			.map((page) -> new AdsAccount.Page(orEmpty(page.adsAccounts()), page.nextToken()));
	}

	// AmazonAdsAPIALLMerged_prod_3p_ALL.json QueryAdvertiserAccount
	@Override
	public Mono<AdvertiserAccount.Page> queryAdvertiserAccounts(LwaCredentials credentials, Region region,
			AdvertiserAccount.Query query) {
		AdvertiserAccount.Query q = (query != null) ? query : new AdvertiserAccount.Query(null, null, null, null);
		QueryAdvertiserAccountsBody body = new QueryAdvertiserAccountsBody(Include.of(q.advertiserAccountIds()),
				Include.ofOne(q.isGlobalAccount()), q.maxResults(), q.nextToken());
		return exchange(AdsOperation.QUERY_ADVERTISER_ACCOUNT, region, credentials, v1Json(body),
				AdvertiserAccount.Page.class)
			.map((page) -> new AdvertiserAccount.Page(orEmpty(page.advertiserAccounts()), page.nextToken()));
	}

	// AmazonAdsAPIALLMerged_prod_3p_ALL.json CreateAdvertiserAccount
	@Override
	public Mono<MultiStatus<AdvertiserAccount>> createAdvertiserAccounts(LwaCredentials credentials, Region region,
			List<AdvertiserAccount> accounts) {
		return exchange(AdsOperation.CREATE_ADVERTISER_ACCOUNT, region, credentials,
				v1Json(new AdvertiserAccountsBody(accounts)), AdvertiserAccountMultiStatusBody.class)
			.map(AdvertiserAccountMultiStatusBody::toMultiStatus);
	}

	// AmazonAdsAPIALLMerged_prod_3p_ALL.json UpdateAdvertiserAccount
	@Override
	public Mono<MultiStatus<AdvertiserAccount>> updateAdvertiserAccounts(LwaCredentials credentials, Region region,
			List<AdvertiserAccount> accounts) {
		return exchange(AdsOperation.UPDATE_ADVERTISER_ACCOUNT, region, credentials,
				v1Json(new AdvertiserAccountsBody(accounts)), AdvertiserAccountMultiStatusBody.class)
			.map(AdvertiserAccountMultiStatusBody::toMultiStatus);
	}

	// AmazonAdsAPIALLMerged_prod_3p_ALL.json QuerySellingAccount
	@Override
	public Mono<SellingAccount.Page> querySellingAccounts(LwaCredentials credentials, Region region,
			SellingAccount.Query query) {
		SellingAccount.Query q = (query != null) ? query : new SellingAccount.Query(null, null, null, null);
		QuerySellingAccountsBody body = new QuerySellingAccountsBody(Include.ofOne(q.sellingAccountLinkToken()),
				Include.ofOne(q.sellingProgram()), q.maxResults(), q.nextToken());
		return exchange(AdsOperation.QUERY_SELLING_ACCOUNT, region, credentials, v1Json(body),
				SellingAccount.Page.class)
			.map((page) -> new SellingAccount.Page(orEmpty(page.sellingAccounts()), page.nextToken()));
	}

	// AmazonAdsAPIALLMerged_prod_3p_ALL.json QueryCampaign
	@Override
	public Mono<Campaign.Page> queryCampaigns(LwaCredentials credentials, Region region, long profileId,
			Campaign.Query query) {
		QueryCampaignsBody body = new QueryCampaignsBody(Include.ofOne(query.adProduct()),
				Include.ofSome(query.campaignIds()), Include.ofSome(query.states()), NameFilter.broad(query.names()),
				query.maxResults(), query.nextToken());
		return exchange(AdsOperation.QUERY_CAMPAIGN, region, credentials, v1Json(profileId, body), Campaign.Page.class)
			.map((page) -> new Campaign.Page(orEmpty(page.campaigns()), page.nextToken()));
	}

	// AmazonAdsAPIALLMerged_prod_3p_ALL.json QueryAdGroup
	@Override
	public Mono<AdGroup.Page> queryAdGroups(LwaCredentials credentials, Region region, long profileId,
			AdGroup.Query query) {
		QueryAdGroupsBody body = new QueryAdGroupsBody(Include.ofOne(query.adProduct()),
				Include.ofSome(query.campaignIds()), Include.ofSome(query.adGroupIds()), Include.ofSome(query.states()),
				query.maxResults(), query.nextToken());
		return exchange(AdsOperation.QUERY_AD_GROUP, region, credentials, v1Json(profileId, body), AdGroup.Page.class)
			.map((page) -> new AdGroup.Page(orEmpty(page.adGroups()), page.nextToken()));
	}

	// AmazonAdsAPIALLMerged_prod_3p_ALL.json QueryAd
	@Override
	public Mono<Ad.Page> queryAds(LwaCredentials credentials, Region region, long profileId, Ad.Query query) {
		QueryAdsBody body = new QueryAdsBody(Include.ofOne(query.adProduct()), Include.ofSome(query.campaignIds()),
				Include.ofSome(query.adGroupIds()), Include.ofSome(query.adIds()), Include.ofSome(query.states()),
				query.maxResults(), query.nextToken());
		return exchange(AdsOperation.QUERY_AD, region, credentials, v1Json(profileId, body), Ad.Page.class)
			.map((page) -> new Ad.Page(orEmpty(page.ads()), page.nextToken()));
	}

	// AmazonAdsAPIALLMerged_prod_3p_ALL.json QueryTarget
	@Override
	public Mono<Target.Page> queryTargets(LwaCredentials credentials, Region region, long profileId,
			Target.Query query) {
		QueryTargetsBody body = new QueryTargetsBody(Include.ofOne(query.adProduct()),
				Include.ofSome(query.campaignIds()), Include.ofSome(query.adGroupIds()), Include.ofSome(query.states()),
				query.maxResults(), query.nextToken());
		return exchange(AdsOperation.QUERY_TARGET, region, credentials, v1Json(profileId, body), Target.Page.class)
			.map((page) -> new Target.Page(orEmpty(page.targets()), page.nextToken()));
	}

	// OfflineReport_prod_3p.json createAsyncReport
	@Override
	public Mono<AdsReport> createAsyncReport(LwaCredentials credentials, Region region, long profileId,
			ReportRequest body) {
		return exchange(AdsOperation.CREATE_ASYNC_REPORT, region, credentials,
				(request, path) -> request.uri(path)
					.header(SCOPE, Long.toString(profileId))
					.header(HttpHeaders.CONTENT_TYPE, CREATE_REPORT_REQUEST)
					.header(HttpHeaders.ACCEPT, CREATE_REPORT_RESPONSE)
					.bodyValue(body),
				AdsReport.class)
			.onErrorMap(WebClientAdsApiClient::isTooEarly, (ex) -> {
				UpstreamException tooEarly = (UpstreamException) ex;
				return new DuplicateReportException(tooEarly.operation(), tooEarly.upstreamMessage(),
						tooEarly.requestId(), tooEarly.retryAfter());
			});
	}

	// OfflineReport_prod_3p.json getAsyncReport
	@Override
	public Mono<AdsReport> getAsyncReport(LwaCredentials credentials, Region region, long profileId, String reportId) {
		return exchange(AdsOperation.GET_ASYNC_REPORT, region, credentials,
				(request, path) -> request.uri(path, reportId)
					.header(SCOPE, Long.toString(profileId))
					.header(HttpHeaders.ACCEPT, GET_REPORT_RESPONSE),
				AdsReport.class);
	}

	// Not an Ads operation: the presigned report file of a COMPLETED getAsyncReport
	// answer.
	@Override
	public Mono<List<ReportRow>> downloadReport(String url) {
		return Mono.defer(() -> {
			URI uri = downloadUri(url);
			// The URI object is sent as it is: expanding it as a template would re-encode
			// the
			// already percent-encoded signature and void it.
			return this.downloads.get().uri(uri).exchangeToMono(this::readReportFile);
		}).onErrorMap(TransportErrors::isNoAnswer, WebClientAdsApiClient::downloadNoAnswer);
	}

	// Campaign writes (issue 17): AmazonAdsAPIALLMerged_prod_3p_ALL.json UpdateCampaign,
	// DeleteCampaign, UpdateAdGroup, UpdateAd, DeleteAd, in the scope of one profile.

	@Override
	public Mono<MultiStatus<Campaign>> updateCampaigns(LwaCredentials credentials, Region region, long profileId,
			List<CampaignWrites.CampaignChange> campaigns) {
		return exchange(AdsOperation.UPDATE_CAMPAIGN, region, credentials,
				v1Json(profileId, new CampaignsBody(campaigns)), CampaignMultiStatusBody.class)
			.map((body) -> body.toMultiStatus(CampaignMultiStatusBody.Item::campaign));
	}

	@Override
	public Mono<MultiStatus<Campaign>> deleteCampaigns(LwaCredentials credentials, Region region, long profileId,
			List<String> campaignIds) {
		return exchange(AdsOperation.DELETE_CAMPAIGN, region, credentials,
				v1Json(profileId, new CampaignIdsBody(campaignIds)), CampaignMultiStatusBody.class)
			.map((body) -> body.toMultiStatus(CampaignMultiStatusBody.Item::campaign));
	}

	@Override
	public Mono<MultiStatus<AdGroup>> updateAdGroups(LwaCredentials credentials, Region region, long profileId,
			List<CampaignWrites.AdGroupChange> adGroups) {
		return exchange(AdsOperation.UPDATE_AD_GROUP, region, credentials,
				v1Json(profileId, new AdGroupsBody(adGroups)), AdGroupMultiStatusBody.class)
			.map((body) -> body.toMultiStatus(AdGroupMultiStatusBody.Item::adGroup));
	}

	@Override
	public Mono<MultiStatus<Ad>> updateAds(LwaCredentials credentials, Region region, long profileId,
			List<CampaignWrites.AdChange> ads) {
		return exchange(AdsOperation.UPDATE_AD, region, credentials, v1Json(profileId, new AdsBody(ads)),
				AdMultiStatusBody.class)
			.map((body) -> body.toMultiStatus(AdMultiStatusBody.Item::ad));
	}

	@Override
	public Mono<MultiStatus<Ad>> deleteAds(LwaCredentials credentials, Region region, long profileId,
			List<String> adIds) {
		return exchange(AdsOperation.DELETE_AD, region, credentials, v1Json(profileId, new AdIdsBody(adIds)),
				AdMultiStatusBody.class)
			.map((body) -> body.toMultiStatus(AdMultiStatusBody.Item::ad));
	}

	record CampaignsBody(List<CampaignWrites.CampaignChange> campaigns) {
	}

	record CampaignIdsBody(List<String> campaignIds) {
	}

	record AdGroupsBody(List<CampaignWrites.AdGroupChange> adGroups) {
	}

	record AdsBody(List<CampaignWrites.AdChange> ads) {
	}

	record AdIdsBody(List<String> adIds) {
	}

	/**
	 * The three lists of a v1 {@code ...MultiStatusResponseWithPartialErrors}: an item in
	 * {@code partialSuccess} was applied only in part, so it is reported with its errors.
	 */
	private static <I, T> MultiStatus<T> multiStatus(List<I> success, List<I> partial,
			List<MultiStatusItemErrors> error, Function<I, Integer> index, Function<I, T> entity,
			Function<I, List<MultiStatusItemErrors.ItemError>> errorsOf) {
		List<MultiStatus.Success<T>> successes = orEmpty(success).stream()
			.map((s) -> new MultiStatus.Success<>(index.apply(s), entity.apply(s)))
			.toList();
		List<MultiStatus.Failure> failures = new ArrayList<>();
		for (I p : orEmpty(partial)) {
			failures
				.add(new MultiStatus.Failure(index.apply(p), MultiStatusItemErrors.toItemErrors(errorsOf.apply(p))));
		}
		for (MultiStatusItemErrors e : orEmpty(error)) {
			failures.add(new MultiStatus.Failure(e.index(), MultiStatusItemErrors.toItemErrors(e.errors())));
		}
		return new MultiStatus<>(successes, failures);
	}

	/** {@code ErrorsIndex}: an item's index and why it failed. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record MultiStatusItemErrors(int index, List<ItemError> errors) {

		static List<MultiStatus.ItemError> toItemErrors(List<ItemError> errors) {
			return orEmpty(errors).stream()
				.map((e) -> new MultiStatus.ItemError(e.code(), e.message(), e.fieldLocation()))
				.toList();
		}

		@JsonIgnoreProperties(ignoreUnknown = true)
		record ItemError(String code, String message, String fieldLocation) {
		}

	}

	/** {@code CampaignMultiStatusResponseWithPartialErrors}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record CampaignMultiStatusBody(List<Item> success, List<Item> partialSuccess, List<MultiStatusItemErrors> error) {

		<T> MultiStatus<T> toMultiStatus(Function<Item, T> entity) {
			return multiStatus(this.success, this.partialSuccess, this.error, Item::index, entity, Item::errors);
		}

		@JsonIgnoreProperties(ignoreUnknown = true)
		record Item(int index, Campaign campaign, List<MultiStatusItemErrors.ItemError> errors) {
		}

	}

	/** {@code AdGroupMultiStatusResponseWithPartialErrors}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record AdGroupMultiStatusBody(List<Item> success, List<Item> partialSuccess, List<MultiStatusItemErrors> error) {

		<T> MultiStatus<T> toMultiStatus(Function<Item, T> entity) {
			return multiStatus(this.success, this.partialSuccess, this.error, Item::index, entity, Item::errors);
		}

		@JsonIgnoreProperties(ignoreUnknown = true)
		record Item(int index, AdGroup adGroup, List<MultiStatusItemErrors.ItemError> errors) {
		}

	}

	/** {@code AdMultiStatusResponseWithPartialErrors}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record AdMultiStatusBody(List<Item> success, List<Item> partialSuccess, List<MultiStatusItemErrors> error) {

		<T> MultiStatus<T> toMultiStatus(Function<Item, T> entity) {
			return multiStatus(this.success, this.partialSuccess, this.error, Item::index, entity, Item::errors);
		}

		@JsonIgnoreProperties(ignoreUnknown = true)
		record Item(int index, Ad ad, List<MultiStatusItemErrors.ItemError> errors) {
		}

	}

	private Mono<List<ReportRow>> readReportFile(ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		if (!response.statusCode().is2xxSuccessful()) {
			// S3 answers an expired or tampered link with 403; asking getAsyncReport
			// again
			// yields a fresh link, so that one is worth another try.
			return response.bodyToMono(String.class).defaultIfEmpty("").flatMap((body) -> {
				UpstreamException decoded = this.errors.decode(DOWNLOAD_REPORT, status, headers, body);
				return Mono.error((status != 403) ? decoded : new UpstreamException(decoded.upstream(), DOWNLOAD_REPORT,
						status, "url_expired", decoded.upstreamMessage(), decoded.requestId(), true, null));
			});
		}
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new UpstreamException(AdsErrorDecoder.UPSTREAM, DOWNLOAD_REPORT, status, "report_too_large",
							ex.getMessage(), null, false, null))
			// Inflating and parsing a large file is long CPU work that must not hold an
			// event loop.
			.publishOn(Schedulers.boundedElastic())
			.map(ReportFiles::parse)
			// Unlike an unreadable API answer, a broken file is the same file on the next
			// download.
			.onErrorMap(IllegalArgumentException.class,
					(ex) -> new UpstreamException(AdsErrorDecoder.UPSTREAM, DOWNLOAD_REPORT, status,
							"invalid_report_file", ex.getMessage(), headers.getFirst(AdsErrorDecoder.REQUEST_ID), false,
							null));
	}

	private URI downloadUri(String url) {
		URI uri;
		try {
			uri = (url != null) ? URI.create(url) : null;
		}
		catch (IllegalArgumentException ex) {
			uri = null;
		}
		if (uri == null || uri.getHost() == null
				|| !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
			// The link itself is never put in the message: it is a credential for the
			// file.
			throw new UpstreamException(AdsErrorDecoder.UPSTREAM, DOWNLOAD_REPORT, 0, "invalid_url",
					"the report url is not an absolute http(s) URL", null, false, null);
		}
		return uri;
	}

	/**
	 * As {@link TransportErrors#noAnswer} but without the request's own message, which
	 * names the presigned link; only the innermost cause (host and port at most) is kept.
	 */
	private static UpstreamException downloadNoAnswer(Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		UpstreamException noAnswer = new UpstreamException(AdsErrorDecoder.UPSTREAM, DOWNLOAD_REPORT, 0, null,
				cause.getClass().getSimpleName() + ": " + cause.getMessage(), null, true, null);
		if (cause != ex) {
			noAnswer.initCause(cause);
		}
		return noAnswer;
	}

	// AdvertisingInvitations_prod_3p.json CreateUserInvitations
	@Override
	public Mono<UserAccess.Created> createUserInvitations(LwaCredentials credentials, Region region,
			String adsAccountId, List<UserAccess.InvitationRequest> invitations, boolean notify) {
		return exchange(AdsOperation.CREATE_USER_INVITATIONS, region, credentials,
				accountJson(adsAccountId, CREATE_USER_INVITATIONS, new CreateInvitationsBody(invitations, notify)),
				UserAccess.Created.class);
	}

	// AdvertisingInvitations_prod_3p.json UpdateUserInvitations
	@Override
	public Mono<UserAccess.Updated> updateUserInvitations(LwaCredentials credentials, Region region,
			String adsAccountId, List<UserAccess.Update> updates, boolean notify) {
		return exchange(AdsOperation.UPDATE_USER_INVITATIONS, region, credentials,
				accountJson(adsAccountId, UPDATE_USER_INVITATIONS, new UpdateInvitationsBody(updates, notify)),
				UserAccess.Updated.class);
	}

	// AdvertisingInvitations_prod_3p.json ListUserInvitations
	@Override
	public Mono<UserAccess.InvitationPage> listUserInvitations(LwaCredentials credentials, Region region,
			String adsAccountId, Integer maxResults, String nextToken) {
		return exchange(AdsOperation.LIST_USER_INVITATIONS, region, credentials,
				accountJson(adsAccountId, LIST_USER_INVITATIONS, new PageBody(maxResults, nextToken)),
				UserAccess.InvitationPage.class)
			.map((page) -> new UserAccess.InvitationPage(orEmpty(page.invitations()), page.nextToken()));
	}

	// AdvertisingInvitations_prod_3p.json GetUserInvitation
	@Override
	public Mono<UserAccess.Found> getUserInvitation(LwaCredentials credentials, Region region, String invitationId) {
		return exchange(AdsOperation.GET_USER_INVITATION, region, credentials,
				(request, path) -> request.uri(path, invitationId).header(HttpHeaders.ACCEPT, GET_USER_INVITATION),
				UserAccess.Found.class)
			.onErrorResume(WebClientAdsApiClient::isNotFound, (ex) -> Mono.empty());
	}

	// AdvertisingUserPermissionsManagement_prod_3p.json ListUsers
	@Override
	public Mono<UserAccess.UserPage> listUsers(LwaCredentials credentials, Region region, String adsAccountId,
			Integer maxResults, String nextToken) {
		return exchange(AdsOperation.LIST_USERS, region, credentials,
				accountJson(adsAccountId, LIST_USERS, new PageBody(maxResults, nextToken)), UserAccess.UserPage.class)
			.map((page) -> new UserAccess.UserPage(orEmpty(page.users()), page.nextToken()));
	}

	// AdvertisingUserPermissionsManagement_prod_3p.json QueryUserRoles
	@Override
	public Mono<UserAccess.RolePage> queryUserRoles(LwaCredentials credentials, Region region, String adsAccountId,
			String userId) {
		return exchange(AdsOperation.QUERY_USER_ROLES, region, credentials,
				accountJson(adsAccountId, QUERY_USER_ROLES, new UserRolesBody(userId)), UserAccess.RolePage.class)
			.map((page) -> new UserAccess.RolePage(orEmpty(page.roles()), page.nextToken()));
	}

	/** A user access call on one account, with the operation's vendor type both ways. */
	private static Request accountJson(String adsAccountId, String mediaType, Object body) {
		return (request, path) -> request.uri(path)
			.header(ACCOUNT_ID, adsAccountId)
			.header(HttpHeaders.CONTENT_TYPE, mediaType)
			.header(HttpHeaders.ACCEPT, mediaType)
			.bodyValue(body);
	}

	private static boolean isTooEarly(Throwable ex) {
		return ex instanceof UpstreamException upstream && !(ex instanceof DuplicateReportException)
				&& AdsErrorDecoder.UPSTREAM.equals(upstream.upstream()) && upstream.httpStatus() == 425;
	}

	// AdvertisingBilling_prod_3p.json bulkGetBillingStatus
	@Override
	public Mono<Billing.Statuses> bulkGetBillingStatus(LwaCredentials credentials, Region region,
			List<Billing.AdvertiserMarketplace> items) {
		return exchange(AdsOperation.BULK_GET_BILLING_STATUS, region, credentials,
				(request, path) -> request.uri(path)
					.header(HttpHeaders.CONTENT_TYPE, BILLING_STATUS_REQUEST)
					.header(HttpHeaders.ACCEPT, BILLING_STATUS_RESPONSE)
					.bodyValue(new BillingBody(items)),
				Billing.Statuses.class)
			.map((answer) -> new Billing.Statuses(orEmpty(answer.success()), orEmpty(answer.error())));
	}

	// AdvertisingBilling_prod_3p.json bulkGetBillingNotifications
	@Override
	public Mono<Billing.Notifications> bulkGetBillingNotifications(LwaCredentials credentials, Region region,
			List<Billing.AdvertiserMarketplace> items) {
		return exchange(AdsOperation.BULK_GET_BILLING_NOTIFICATIONS, region, credentials,
				(request, path) -> request.uri(path)
					.header(HttpHeaders.CONTENT_TYPE, BILLING_NOTIFICATIONS_REQUEST)
					.header(HttpHeaders.ACCEPT, BILLING_NOTIFICATIONS_RESPONSE)
					.bodyValue(new BillingBody(items)),
				Billing.Notifications.class)
			.map((answer) -> new Billing.Notifications(orEmpty(answer.success()), orEmpty(answer.error())));
	}

	// AdvertisingBilling_prod_3p.json getAdvertiserInvoices
	@Override
	public Mono<Billing.InvoicePage> getAdvertiserInvoices(LwaCredentials credentials, Region region, long profileId,
			Billing.InvoiceQuery query) {
		return exchange(AdsOperation.GET_ADVERTISER_INVOICES, region, credentials,
				(request, path) -> request
					.uri((uri) -> uri.path(path)
						.queryParamIfPresent("invoiceStatuses",
								Optional.ofNullable(query.invoiceStatuses())
									.filter((statuses) -> !statuses.isEmpty())
									.map((statuses) -> String.join(",", statuses)))
						.queryParamIfPresent("count", Optional.ofNullable(query.count()))
						.queryParamIfPresent("cursor", Optional.ofNullable(query.cursor()))
						.build())
					.header(SCOPE, Long.toString(profileId))
					.header(HttpHeaders.ACCEPT, INVOICES),
				Billing.InvoicePage.class)
			.map((page) -> new Billing.InvoicePage(orEmpty(page.invoiceSummaries()), page.nextCursor()));
	}

	// AdvertisingBilling_prod_3p.json getInvoice
	@Override
	public Mono<Billing.InvoiceDetail> getInvoice(LwaCredentials credentials, Region region, long profileId,
			String invoiceId) {
		return exchange(AdsOperation.GET_INVOICE, region, credentials,
				(request, path) -> request.uri(path, invoiceId)
					.header(SCOPE, Long.toString(profileId))
					.header(HttpHeaders.ACCEPT, INVOICE),
				Billing.InvoiceDetail.class)
			.onErrorResume(WebClientAdsApiClient::isNotFound, (ex) -> Mono.empty());
	}

	// AdvertisingBilling_prod_3p.json GetCustomerPaymentMethods (no request body)
	@Override
	public Mono<Billing.PaymentMethods> getCustomerPaymentMethods(LwaCredentials credentials, Region region,
			String adsAccountId, String criteriaType, String nextToken) {
		return exchange(AdsOperation.GET_CUSTOMER_PAYMENT_METHODS, region, credentials,
				(request, path) -> request
					.uri((uri) -> uri.path(path)
						.queryParam("criteriaType", criteriaType)
						.queryParamIfPresent("nextToken", Optional.ofNullable(nextToken))
						.build())
					.header(ACCOUNT_ID, adsAccountId)
					.header(HttpHeaders.ACCEPT, PAYMENT_METHODS),
				Billing.PaymentMethods.class);
	}

	/** The v1 API's JSON both ways (AmazonAdsAPIALLMerged_prod_3p_ALL.json). */
	private static Request v1Json(Object body) {
		return (request, path) -> request.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(body);
	}

	/**
	 * The v1 API's JSON both ways, in the scope of a profile: the campaign management
	 * operations declare the scope header (ScopeHeaderOptional) and act for that profile.
	 */
	private static Request v1Json(long profileId, Object body) {
		return (request, path) -> request.uri(path)
			.header(SCOPE, Long.toString(profileId))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(body);
	}

	private WebClient client(Region region) {
		if (region == null) {
			throw new IllegalArgumentException("region is required: every Ads API host is regional");
		}
		return this.clients.get(region);
	}

	/**
	 * Sends one request of {@code operation} and reads a 2xx body as {@code type}; every
	 * other answer, and no answer at all, becomes an {@link UpstreamException} named
	 * after the operation.
	 */
	private <T> Mono<T> exchange(AdsOperation operation, Region region, LwaCredentials credentials, Request request,
			Class<T> type) {
		return exchange(operation, region, credentials, request, ParameterizedTypeReference.forType(type),
				Function.identity());
	}

	/**
	 * As above, then {@code extract} takes the result out of its envelope; an envelope
	 * without it (extract answers null) is an unusable answer, reported with the status
	 * it came with. The request gets the operation's method from the catalogue here, and
	 * its path template to fill in.
	 */
	private <T, R> Mono<R> exchange(AdsOperation operation, Region region, LwaCredentials credentials, Request request,
			ParameterizedTypeReference<T> type, Function<T, R> extract) {
		String id = operation.id();
		Mono<R> attempt = request.prepare(client(region).method(operation.method()), operation.path())
			.attribute(AdsAuthFilter.CREDENTIALS, credentials)
			.attribute(UpstreamGuard.OPERATION, operation)
			.exchangeToMono((response) -> read(id, response, type, extract))
			.onErrorMap(TransportErrors::isNoAnswer,
					(ex) -> TransportErrors.noAnswer(AdsErrorDecoder.UPSTREAM, id, ex));
		// Whether a failed call is repeated is the catalogue's to say (AdsOperation).
		return this.guard.call(new UpstreamCall(operation, region.name().toLowerCase(Locale.ROOT),
				(credentials != null) ? credentials.fingerprint() : null), attempt);
	}

	/**
	 * Fills in an operation's request: {@code request} has the operation's method
	 * already, {@code path} is its path template, to expand with the call's values.
	 */
	@FunctionalInterface
	private interface Request {

		WebClient.RequestHeadersSpec<?> prepare(WebClient.RequestBodyUriSpec request, String path);

	}

	private <T, R> Mono<R> read(String operation, ClientResponse response, ParameterizedTypeReference<T> type,
			Function<T, R> extract) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		if (!response.statusCode().is2xxSuccessful()) {
			return failure(operation, response);
		}
		return response.bodyToMono(type)
			.onErrorMap(CodecException.class,
					(ex) -> this.errors.invalidAnswer(operation, status, headers,
							"unreadable body: " + ex.getMessage()))
			.mapNotNull(extract)
			.switchIfEmpty(Mono.error(
					() -> this.errors.invalidAnswer(operation, status, headers, "answer lacks the expected content")));
	}

	private <T> Mono<T> failure(String operation, ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return response.bodyToMono(String.class)
			.defaultIfEmpty("")
			.flatMap((body) -> Mono.error(this.errors.decode(operation, status, headers, body)));
	}

	private static boolean isNotFound(Throwable ex) {
		return ex instanceof UpstreamException upstream && AdsErrorDecoder.UPSTREAM.equals(upstream.upstream())
				&& upstream.isNotFound();
	}

	private static <T> List<T> orEmpty(List<T> list) {
		return (list != null) ? list : List.of();
	}

	// Wire bodies that exist only on the wire. Nulls are left out: for Amazon an absent
	// filter
	// means "no filter", while a null may be rejected.

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CreateTermsTokenBody(String termsType) {
	}

	record UpdateManagerAccountBody(List<ManagerAccount.AccountToUpdate> accounts) {
	}

	record CreateInvitationsBody(List<UserAccess.InvitationRequest> userInvitationRequests,
			boolean notifyInvitedUsers) {
	}

	record UpdateInvitationsBody(List<UserAccess.Update> updates, boolean notifyInvitedUsers) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PageBody(Integer maxResults, String nextToken) {
	}

	record UserRolesBody(String userId) {
	}

	record BillingBody(List<Billing.AdvertiserMarketplace> advertiserMarketplaces) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ListAdsAccountsBody(Integer maxResults, String nextToken) {
	}

	/**
	 * {@code {adsAccount: ...}}, the envelope of RegisterAdsAccount and GetAccount
	 * answers.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record AdsAccountEnvelope(AdsAccount adsAccount) {
	}

	/** The v1 filter object: {@code {include: [...]}}. */
	record Include<T>(List<T> include) {

		static <T> Include<T> of(List<T> values) {
			return (values != null) ? new Include<>(values) : null;
		}

		/** No filter for no values: the v1 filters take at least one. */
		static <T> Include<T> ofSome(List<T> values) {
			return (values != null && !values.isEmpty()) ? new Include<>(values) : null;
		}

		static <T> Include<T> ofOne(T value) {
			return (value != null) ? new Include<>(List.of(value)) : null;
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record QueryAdvertiserAccountsBody(Include<String> advertiserAccountIdFilter,
			Include<Boolean> isGlobalAccountFilter, Integer maxResults, String nextToken) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record QuerySellingAccountsBody(Include<String> sellingAccountLinkTokenFilter, Include<String> sellingProgramFilter,
			Integer maxResults, String nextToken) {
	}

	/** The v1 name filter: {@code {include: [...], queryTermMatchType: ...}}. */
	record NameFilter(List<String> include, String queryTermMatchType) {

		static NameFilter broad(List<String> names) {
			return (names != null && !names.isEmpty()) ? new NameFilter(names, "BROAD_MATCH") : null;
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record QueryCampaignsBody(Include<String> adProductFilter, Include<String> campaignIdFilter,
			Include<String> stateFilter, NameFilter nameFilter, Integer maxResults, String nextToken) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record QueryAdGroupsBody(Include<String> adProductFilter, Include<String> campaignIdFilter,
			Include<String> adGroupIdFilter, Include<String> stateFilter, Integer maxResults, String nextToken) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record QueryAdsBody(Include<String> adProductFilter, Include<String> campaignIdFilter,
			Include<String> adGroupIdFilter, Include<String> adIdFilter, Include<String> stateFilter,
			Integer maxResults, String nextToken) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record QueryTargetsBody(Include<String> adProductFilter, Include<String> campaignIdFilter,
			Include<String> adGroupIdFilter, Include<String> stateFilter, Integer maxResults, String nextToken) {
	}

	record AdvertiserAccountsBody(List<AdvertiserAccount> advertiserAccounts) {
	}

	/** HTTP 207 of the v1 batch writes (AdvertiserAccountMultiStatusResponse). */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record AdvertiserAccountMultiStatusBody(List<Success> success, List<Failure> error) {

		MultiStatus<AdvertiserAccount> toMultiStatus() {
			List<MultiStatus.Success<AdvertiserAccount>> successes = orEmpty(this.success).stream()
				.map((s) -> new MultiStatus.Success<>(s.index(), s.advertiserAccount()))
				.toList();
			List<MultiStatus.Failure> failures = orEmpty(this.error).stream()
				.map((f) -> new MultiStatus.Failure(f.index(),
						orEmpty(f.errors()).stream()
							.map((e) -> new MultiStatus.ItemError(e.code(), e.message(), e.fieldLocation()))
							.toList()))
				.toList();
			return new MultiStatus<>(successes, failures);
		}

		@JsonIgnoreProperties(ignoreUnknown = true)
		record Success(int index, AdvertiserAccount advertiserAccount) {
		}

		@JsonIgnoreProperties(ignoreUnknown = true)
		record Failure(int index, List<ItemError> errors) {
		}

		@JsonIgnoreProperties(ignoreUnknown = true)
		record ItemError(String code, String message, String fieldLocation) {
		}

	}

}
