package dev.adsgraph.sandbox;

import java.util.Arrays;

import org.springframework.http.HttpMethod;

/**
 * The sandbox's own table of the Amazon operations it serves: the route of each is built
 * from its entry here ({@link SandboxServer}), so an operation cannot be served without
 * one. The sandbox imports nothing of the gateway; a test checks that this table, the
 * gateway's catalogues and the contract files agree. It serves more than the gateway
 * calls: other Amazon clients use it too.
 */
enum SandboxOperations {

	LWA_TOKEN("lwa", "token", HttpMethod.POST, "/auth/o2/token", null),

	LWA_PROFILE("lwa", "profile", HttpMethod.GET, "/user/profile", null),

	LIST_PROFILES("ads", "listProfiles", HttpMethod.GET, "/v2/profiles", Spec.PROFILES),

	GET_PROFILE_BY_ID("ads", "getProfileById", HttpMethod.GET, "/v2/profiles/{profileId}", Spec.PROFILES),

	CREATE_TERMS_TOKEN("ads", "CreateTermsToken", HttpMethod.POST, "/termsTokens", Spec.ACCOUNTS),

	GET_TERMS_TOKEN("ads", "GetTermsToken", HttpMethod.GET, "/termsTokens/{termsToken}", Spec.ACCOUNTS),

	REGISTER_ADS_ACCOUNT("ads", "RegisterAdsAccount", HttpMethod.POST, "/adsAccounts", Spec.ACCOUNTS),

	LIST_ADS_ACCOUNTS("ads", "ListAdsAccounts", HttpMethod.POST, "/adsAccounts/list", Spec.ACCOUNTS),

	GET_ACCOUNT("ads", "GetAccount", HttpMethod.GET, "/adsAccounts/{advertisingAccountId}", Spec.ACCOUNTS),

	CREATE_ADVERTISER_ACCOUNT("ads", "CreateAdvertiserAccount", HttpMethod.POST, "/adsApi/v1/create/advertiserAccounts",
			Spec.V1),

	UPDATE_ADVERTISER_ACCOUNT("ads", "UpdateAdvertiserAccount", HttpMethod.POST, "/adsApi/v1/update/advertiserAccounts",
			Spec.V1),

	QUERY_ADVERTISER_ACCOUNT("ads", "QueryAdvertiserAccount", HttpMethod.POST, "/adsApi/v1/query/advertiserAccounts",
			Spec.V1),

	QUERY_SELLING_ACCOUNT("ads", "QuerySellingAccount", HttpMethod.POST, "/adsApi/v1/query/sellingAccounts", Spec.V1),

	GET_MANAGER_ACCOUNTS_FOR_USER("ads", "getManagerAccountsForUser", HttpMethod.GET, "/managerAccounts",
			Spec.MANAGER_ACCOUNTS),

	CREATE_MANAGER_ACCOUNT("ads", "createManagerAccount", HttpMethod.POST, "/managerAccounts", Spec.MANAGER_ACCOUNTS),

	LINK_ADVERTISING_ACCOUNTS_TO_MANAGER_ACCOUNT("ads", "LinkAdvertisingAccountsToManagerAccountPublicAPI",
			HttpMethod.POST, "/managerAccounts/{managerAccountId}/associate", Spec.MANAGER_ACCOUNTS),

	UNLINK_ADVERTISING_ACCOUNTS_TO_MANAGER_ACCOUNT("ads", "UnlinkAdvertisingAccountsToManagerAccountPublicAPI",
			HttpMethod.POST, "/managerAccounts/{managerAccountId}/disassociate", Spec.MANAGER_ACCOUNTS),

	QUERY_CAMPAIGN("ads", "QueryCampaign", HttpMethod.POST, "/adsApi/v1/query/campaigns", Spec.V1),

	QUERY_AD_GROUP("ads", "QueryAdGroup", HttpMethod.POST, "/adsApi/v1/query/adGroups", Spec.V1),

	QUERY_AD("ads", "QueryAd", HttpMethod.POST, "/adsApi/v1/query/ads", Spec.V1),

	QUERY_TARGET("ads", "QueryTarget", HttpMethod.POST, "/adsApi/v1/query/targets", Spec.V1),

	UPDATE_CAMPAIGN("ads", "UpdateCampaign", HttpMethod.POST, "/adsApi/v1/update/campaigns", Spec.V1),

	UPDATE_AD_GROUP("ads", "UpdateAdGroup", HttpMethod.POST, "/adsApi/v1/update/adGroups", Spec.V1),

	UPDATE_AD("ads", "UpdateAd", HttpMethod.POST, "/adsApi/v1/update/ads", Spec.V1),

	DELETE_CAMPAIGN("ads", "DeleteCampaign", HttpMethod.POST, "/adsApi/v1/delete/campaigns", Spec.V1),

	DELETE_AD("ads", "DeleteAd", HttpMethod.POST, "/adsApi/v1/delete/ads", Spec.V1),

	CREATE_ASYNC_REPORT("ads", "createAsyncReport", HttpMethod.POST, "/reporting/reports", Spec.REPORTING),

	GET_ASYNC_REPORT("ads", "getAsyncReport", HttpMethod.GET, "/reporting/reports/{reportId}", Spec.REPORTING),

	DELETE_ASYNC_REPORT("ads", "deleteAsyncReport", HttpMethod.DELETE, "/reporting/reports/{reportId}", Spec.REPORTING),

	BULK_GET_BILLING_STATUS("ads", "bulkGetBillingStatus", HttpMethod.POST, "/billing/statuses", Spec.BILLING),

	BULK_GET_BILLING_NOTIFICATIONS("ads", "bulkGetBillingNotifications", HttpMethod.POST, "/billing/notifications",
			Spec.BILLING),

	GET_ADVERTISER_INVOICES("ads", "getAdvertiserInvoices", HttpMethod.GET, "/invoices", Spec.BILLING),

	GET_INVOICE("ads", "getInvoice", HttpMethod.GET, "/invoices/{invoiceId}", Spec.BILLING),

	GET_CUSTOMER_PAYMENT_METHODS("ads", "GetCustomerPaymentMethods", HttpMethod.POST, "/billing/paymentMethods/list",
			Spec.BILLING),

	// User access (issue 18): invitations, and the users of an account with their roles.

	CREATE_USER_INVITATIONS("ads", "CreateUserInvitations", HttpMethod.POST, "/user-invitations", Spec.INVITATIONS),

	UPDATE_USER_INVITATIONS("ads", "UpdateUserInvitations", HttpMethod.PUT, "/user-invitations", Spec.INVITATIONS),

	LIST_USER_INVITATIONS("ads", "ListUserInvitations", HttpMethod.POST, "/user-invitations/list", Spec.INVITATIONS),

	REDEEM_USER_INVITATION("ads", "RedeemUserInvitation", HttpMethod.PUT, "/user-invitations/redeem", Spec.INVITATIONS),

	GET_USER_INVITATION("ads", "GetUserInvitation", HttpMethod.GET, "/user-invitations/{invitationId}",
			Spec.INVITATIONS),

	LIST_USERS("ads", "ListUsers", HttpMethod.POST, "/users/list", Spec.USER_PERMISSIONS),

	QUERY_USER_ROLES("ads", "QueryUserRoles", HttpMethod.POST, "/userRoles/list", Spec.USER_PERMISSIONS),

	GET_MARKETPLACE_PARTICIPATIONS("sp", "getMarketplaceParticipations", HttpMethod.GET,
			"/sellers/v1/marketplaceParticipations", "sp-api/sellers.json"),

	SEARCH_CATALOG_ITEMS("sp", "searchCatalogItems", HttpMethod.GET, "/catalog/2022-04-01/items", Spec.CATALOG),

	GET_CATALOG_ITEM("sp", "getCatalogItem", HttpMethod.GET, "/catalog/2022-04-01/items/{asin}", Spec.CATALOG),

	SEARCH_LISTINGS_ITEMS("sp", "searchListingsItems", HttpMethod.GET, "/listings/2021-08-01/items/{sellerId}",
			Spec.LISTINGS),

	GET_LISTINGS_ITEM("sp", "getListingsItem", HttpMethod.GET, "/listings/2021-08-01/items/{sellerId}/{sku}",
			Spec.LISTINGS),

	GET_INVENTORY_SUMMARIES("sp", "getInventorySummaries", HttpMethod.GET, "/fba/inventory/v1/summaries",
			"sp-api/fbaInventory.json"),

	GET_ORDER_METRICS("sp", "getOrderMetrics", HttpMethod.GET, "/sales/v1/orderMetrics", "sp-api/sales.json"),

	CREATE_REPORT("sp", "createReport", HttpMethod.POST, "/reports/2021-06-30/reports", Spec.REPORTS),

	GET_REPORTS("sp", "getReports", HttpMethod.GET, "/reports/2021-06-30/reports", Spec.REPORTS),

	GET_REPORT("sp", "getReport", HttpMethod.GET, "/reports/2021-06-30/reports/{reportId}", Spec.REPORTS),

	CANCEL_REPORT("sp", "cancelReport", HttpMethod.DELETE, "/reports/2021-06-30/reports/{reportId}", Spec.REPORTS),

	GET_REPORT_DOCUMENT("sp", "getReportDocument", HttpMethod.GET, "/reports/2021-06-30/documents/{reportDocumentId}",
			Spec.REPORTS),

	GET_COMPETITIVE_SUMMARY("sp", "getCompetitiveSummary", HttpMethod.POST,
			"/batches/products/pricing/2022-05-01/items/competitiveSummary", "sp-api/productPricing_2022-05-01.json");

	private final String upstream;

	private final String operationId;

	private final HttpMethod method;

	private final String path;

	private final String specFile;

	SandboxOperations(String upstream, String operationId, HttpMethod method, String path, String specFile) {
		this.upstream = upstream;
		this.operationId = operationId;
		this.method = method;
		this.path = path;
		this.specFile = specFile;
	}

	/** {@code lwa}, {@code ads} or {@code sp}. */
	String upstream() {
		return this.upstream;
	}

	/** The spec's operationId; also the sandbox's name for it in stats and faults. */
	String operationId() {
		return this.operationId;
	}

	HttpMethod method() {
		return this.method;
	}

	/**
	 * The path as Amazon's spec writes it, below the host; the sandbox serves each
	 * regional host under {@code /ads/<region>} or {@code /sp/<region>}.
	 */
	String path() {
		return this.path;
	}

	/**
	 * The contract file under {@code src/test/resources/contracts/}; null for LWA, of
	 * which Amazon publishes no model.
	 */
	String specFile() {
		return this.specFile;
	}

	/**
	 * The entry of an operation a handler serves; a handler without one stops the sandbox
	 * from starting.
	 */
	static SandboxOperations of(String upstream, String operationId) {
		return Arrays.stream(values())
			.filter((entry) -> entry.upstream.equals(upstream) && entry.operationId.equals(operationId))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"The sandbox serves " + upstream + " " + operationId + " but its table has no entry for it"));
	}

	private static final class Spec {

		static final String PROFILES = "ads-api/Profiles_prod_3p.yaml";

		static final String ACCOUNTS = "ads-api/AdvertisingAccounts_prod_3p.json";

		static final String V1 = "ads-api/AmazonAdsAPIALLMerged_prod_3p_ALL.json";

		static final String REPORTING = "ads-api/OfflineReport_prod_3p.json";

		/** Our own OpenAPI document of the established facts (SOURCES.md). */
		static final String MANAGER_ACCOUNTS = "ads-api/manager-accounts/ManagerAccount.facts.json";

		static final String BILLING = "ads-api/AdvertisingBilling_prod_3p.json";

		static final String INVITATIONS = "ads-api/AdvertisingInvitations_prod_3p.json";

		static final String USER_PERMISSIONS = "ads-api/AdvertisingUserPermissionsManagement_prod_3p.json";

		static final String CATALOG = "sp-api/catalogItems_2022-04-01.json";

		static final String LISTINGS = "sp-api/listingsItems_2021-08-01.json";

		static final String REPORTS = "sp-api/reports_2021-06-30.json";

	}

}
