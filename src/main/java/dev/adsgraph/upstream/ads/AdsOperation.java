package dev.adsgraph.upstream.ads;

import dev.adsgraph.upstream.UpstreamOperation;

import org.springframework.http.HttpMethod;

import static dev.adsgraph.upstream.UpstreamOperation.Repeat.SAFE;
import static dev.adsgraph.upstream.UpstreamOperation.Repeat.UNSAFE;

/**
 * The Amazon Ads API operations Adsgraph calls, one constant each; the only place their
 * method, path, contract and repeat safety are written down.
 */
public enum AdsOperation implements UpstreamOperation {

	LIST_PROFILES("listProfiles", HttpMethod.GET, "/v2/profiles", Spec.PROFILES, SAFE),

	CREATE_TERMS_TOKEN("CreateTermsToken", HttpMethod.POST, "/termsTokens", Spec.ACCOUNTS, UNSAFE),

	GET_TERMS_TOKEN("GetTermsToken", HttpMethod.GET, "/termsTokens/{termsToken}", Spec.ACCOUNTS, SAFE),

	REGISTER_ADS_ACCOUNT("RegisterAdsAccount", HttpMethod.POST, "/adsAccounts", Spec.ACCOUNTS, UNSAFE),

	GET_ACCOUNT("GetAccount", HttpMethod.GET, "/adsAccounts/{advertisingAccountId}", Spec.ACCOUNTS, SAFE),

	/** A query sent as POST: it only reads. */
	LIST_ADS_ACCOUNTS("ListAdsAccounts", HttpMethod.POST, "/adsAccounts/list", Spec.ACCOUNTS, SAFE),

	/** A query sent as POST: it only reads. */
	QUERY_ADVERTISER_ACCOUNT("QueryAdvertiserAccount", HttpMethod.POST, "/adsApi/v1/query/advertiserAccounts", Spec.V1,
			SAFE),

	CREATE_ADVERTISER_ACCOUNT("CreateAdvertiserAccount", HttpMethod.POST, "/adsApi/v1/create/advertiserAccounts",
			Spec.V1, UNSAFE),

	UPDATE_ADVERTISER_ACCOUNT("UpdateAdvertiserAccount", HttpMethod.POST, "/adsApi/v1/update/advertiserAccounts",
			Spec.V1, UNSAFE),

	/** A query sent as POST: it only reads. */
	QUERY_SELLING_ACCOUNT("QuerySellingAccount", HttpMethod.POST, "/adsApi/v1/query/sellingAccounts", Spec.V1, SAFE),

	// Manager accounts (issue 18): the older /managerAccounts endpoints, whose shapes are
	// specified; the v1 ones are not (docs/contracts/manager-accounts.md).

	GET_MANAGER_ACCOUNTS_FOR_USER("getManagerAccountsForUser", HttpMethod.GET, "/managerAccounts",
			Spec.MANAGER_ACCOUNTS, SAFE),

	CREATE_MANAGER_ACCOUNT("createManagerAccount", HttpMethod.POST, "/managerAccounts", Spec.MANAGER_ACCOUNTS, UNSAFE),

	/** Linking twice links once, but the caller decides on a repeat, with its key. */
	LINK_ADVERTISING_ACCOUNTS_TO_MANAGER_ACCOUNT("LinkAdvertisingAccountsToManagerAccountPublicAPI", HttpMethod.POST,
			"/managerAccounts/{managerAccountId}/associate", Spec.MANAGER_ACCOUNTS, UNSAFE),

	UNLINK_ADVERTISING_ACCOUNTS_TO_MANAGER_ACCOUNT("UnlinkAdvertisingAccountsToManagerAccountPublicAPI",
			HttpMethod.POST, "/managerAccounts/{managerAccountId}/disassociate", Spec.MANAGER_ACCOUNTS, UNSAFE),

	// Ads API v1 campaign management reads: queries sent as POST, they only read.

	QUERY_CAMPAIGN("QueryCampaign", HttpMethod.POST, "/adsApi/v1/query/campaigns", Spec.V1, SAFE),

	QUERY_AD_GROUP("QueryAdGroup", HttpMethod.POST, "/adsApi/v1/query/adGroups", Spec.V1, SAFE),

	QUERY_AD("QueryAd", HttpMethod.POST, "/adsApi/v1/query/ads", Spec.V1, SAFE),

	QUERY_TARGET("QueryTarget", HttpMethod.POST, "/adsApi/v1/query/targets", Spec.V1, SAFE),

	/**
	 * Safe to repeat: a repeated report request is answered 425 with the report already
	 * under way, which {@link DuplicateReportException} adopts.
	 */
	CREATE_ASYNC_REPORT("createAsyncReport", HttpMethod.POST, "/reporting/reports", Spec.REPORTING, SAFE),

	GET_ASYNC_REPORT("getAsyncReport", HttpMethod.GET, "/reporting/reports/{reportId}", Spec.REPORTING, SAFE),

	// Campaign writes (issue 17): each changes something at Amazon, so only the caller
	// repeats it, with an idempotency key. Archiving is the delete operations: the v1
	// UpdateState has only ENABLED and PAUSED, and a deleted entity reads back ARCHIVED.

	UPDATE_CAMPAIGN("UpdateCampaign", HttpMethod.POST, "/adsApi/v1/update/campaigns", Spec.V1, UNSAFE),

	DELETE_CAMPAIGN("DeleteCampaign", HttpMethod.POST, "/adsApi/v1/delete/campaigns", Spec.V1, UNSAFE),

	UPDATE_AD_GROUP("UpdateAdGroup", HttpMethod.POST, "/adsApi/v1/update/adGroups", Spec.V1, UNSAFE),

	UPDATE_AD("UpdateAd", HttpMethod.POST, "/adsApi/v1/update/ads", Spec.V1, UNSAFE),

	DELETE_AD("DeleteAd", HttpMethod.POST, "/adsApi/v1/delete/ads", Spec.V1, UNSAFE),

	// Billing (issue 18). The two bulk reads and the payment methods list are sent as
	// POST
	// and only read.

	BULK_GET_BILLING_STATUS("bulkGetBillingStatus", HttpMethod.POST, "/billing/statuses", Spec.BILLING, SAFE),

	BULK_GET_BILLING_NOTIFICATIONS("bulkGetBillingNotifications", HttpMethod.POST, "/billing/notifications",
			Spec.BILLING, SAFE),

	GET_ADVERTISER_INVOICES("getAdvertiserInvoices", HttpMethod.GET, "/invoices", Spec.BILLING, SAFE),

	GET_INVOICE("getInvoice", HttpMethod.GET, "/invoices/{invoiceId}", Spec.BILLING, SAFE),

	GET_CUSTOMER_PAYMENT_METHODS("GetCustomerPaymentMethods", HttpMethod.POST, "/billing/paymentMethods/list",
			Spec.BILLING, SAFE),

	// User access (issue 18): invitations change who can use an account, so only the
	// caller repeats them, with an idempotency key; lists are queries sent as POST.

	CREATE_USER_INVITATIONS("CreateUserInvitations", HttpMethod.POST, "/user-invitations", Spec.INVITATIONS, UNSAFE),

	UPDATE_USER_INVITATIONS("UpdateUserInvitations", HttpMethod.PUT, "/user-invitations", Spec.INVITATIONS, UNSAFE),

	/** A query sent as POST: it only reads. */
	LIST_USER_INVITATIONS("ListUserInvitations", HttpMethod.POST, "/user-invitations/list", Spec.INVITATIONS, SAFE),

	GET_USER_INVITATION("GetUserInvitation", HttpMethod.GET, "/user-invitations/{invitationId}", Spec.INVITATIONS,
			SAFE),

	/** A query sent as POST: it only reads. */
	LIST_USERS("ListUsers", HttpMethod.POST, "/users/list", Spec.USER_PERMISSIONS, SAFE),

	/** A query sent as POST: it only reads. */
	QUERY_USER_ROLES("QueryUserRoles", HttpMethod.POST, "/userRoles/list", Spec.USER_PERMISSIONS, SAFE);

	private final Endpoint endpoint;

	AdsOperation(String id, HttpMethod method, String path, String specFile, Repeat repeat) {
		this.endpoint = new Endpoint(AdsErrorDecoder.UPSTREAM, id, method, path, specFile, repeat);
	}

	@Override
	public Endpoint endpoint() {
		return this.endpoint;
	}

	private static final class Spec {

		static final String PROFILES = "ads-api/Profiles_prod_3p.yaml";

		static final String ACCOUNTS = "ads-api/AdvertisingAccounts_prod_3p.json";

		static final String V1 = "ads-api/AmazonAdsAPIALLMerged_prod_3p_ALL.json";

		static final String REPORTING = "ads-api/OfflineReport_prod_3p.json";

		/** Our own OpenAPI document of the established facts (contracts/SOURCES.md). */
		static final String MANAGER_ACCOUNTS = "ads-api/manager-accounts/ManagerAccount.facts.json";

		static final String BILLING = "ads-api/AdvertisingBilling_prod_3p.json";

		static final String INVITATIONS = "ads-api/AdvertisingInvitations_prod_3p.json";

		static final String USER_PERMISSIONS = "ads-api/AdvertisingUserPermissionsManagement_prod_3p.json";

	}

}
