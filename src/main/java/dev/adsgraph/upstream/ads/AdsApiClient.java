package dev.adsgraph.upstream.ads;

import java.util.List;

import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import reactor.core.publisher.Mono;

/**
 * The Amazon Ads API, one method per upstream operation. Every method authenticates with
 * the given credentials through LWA, targets the given region's host and fails with
 * {@link dev.adsgraph.upstream.UpstreamException} whatever error shape the upstream used.
 * Global resources (terms tokens, ads accounts, v1 accounts) are served by every regional
 * host.
 */
public interface AdsApiClient {

	/**
	 * GET /v2/profiles (Profiles_prod_3p.yaml listProfiles); the region's profiles only.
	 */
	Mono<List<Profile>> listProfiles(LwaCredentials credentials, Region region, ProfileFilter filter);

	/** POST /termsTokens (CreateTermsToken). */
	Mono<TermsToken.Created> createTermsToken(LwaCredentials credentials, Region region, String termsType);

	/** GET /termsTokens/{termsToken} (GetTermsToken). */
	Mono<TermsToken.Status> getTermsToken(LwaCredentials credentials, Region region, String termsToken);

	/**
	 * POST /adsAccounts (RegisterAdsAccount); answers the account as registered, normally
	 * PENDING.
	 */
	Mono<AdsAccount> registerAdsAccount(LwaCredentials credentials, Region region, RegisterAdsAccountRequest request);

	/** GET /adsAccounts/{advertisingAccountId} (GetAccount); empty on 404. */
	Mono<AdsAccount> getAdsAccount(LwaCredentials credentials, Region region, String adsAccountId);

	/** POST /adsAccounts/list (ListAdsAccounts), one page. */
	Mono<AdsAccount.Page> listAdsAccounts(LwaCredentials credentials, Region region, Integer maxResults,
			String nextToken);

	/** POST /adsApi/v1/query/advertiserAccounts (QueryAdvertiserAccount), one page. */
	Mono<AdvertiserAccount.Page> queryAdvertiserAccounts(LwaCredentials credentials, Region region,
			AdvertiserAccount.Query query);

	/**
	 * POST /adsApi/v1/create/advertiserAccounts (CreateAdvertiserAccount), 1 to 100
	 * items, 207.
	 */
	Mono<MultiStatus<AdvertiserAccount>> createAdvertiserAccounts(LwaCredentials credentials, Region region,
			List<AdvertiserAccount> accounts);

	/**
	 * POST /adsApi/v1/update/advertiserAccounts (UpdateAdvertiserAccount), 1 to 100
	 * items, 207.
	 */
	Mono<MultiStatus<AdvertiserAccount>> updateAdvertiserAccounts(LwaCredentials credentials, Region region,
			List<AdvertiserAccount> accounts);

	/** POST /adsApi/v1/query/sellingAccounts (QuerySellingAccount), one page. */
	Mono<SellingAccount.Page> querySellingAccounts(LwaCredentials credentials, Region region,
			SellingAccount.Query query);

	// Ads API v1 campaign management reads (AmazonAdsAPIALLMerged_prod_3p_ALL.json), each
	// in the scope of one profile (Amazon-Advertising-API-Scope), one page per call.

	/** POST /adsApi/v1/query/campaigns (QueryCampaign), one page. */
	Mono<Campaign.Page> queryCampaigns(LwaCredentials credentials, Region region, long profileId, Campaign.Query query);

	/** POST /adsApi/v1/query/adGroups (QueryAdGroup), one page. */
	Mono<AdGroup.Page> queryAdGroups(LwaCredentials credentials, Region region, long profileId, AdGroup.Query query);

	/** POST /adsApi/v1/query/ads (QueryAd), one page. */
	Mono<Ad.Page> queryAds(LwaCredentials credentials, Region region, long profileId, Ad.Query query);

	/** POST /adsApi/v1/query/targets (QueryTarget), one page. */
	Mono<Target.Page> queryTargets(LwaCredentials credentials, Region region, long profileId, Target.Query query);

	/**
	 * POST /reporting/reports (OfflineReport_prod_3p.json createAsyncReport) in the scope
	 * of {@code profileId}; answers the new report, normally PENDING. A 425 (the same
	 * request is still processing) fails with {@link DuplicateReportException}, which
	 * names the report it duplicates when Amazon's text does.
	 */
	Mono<AdsReport> createAsyncReport(LwaCredentials credentials, Region region, long profileId, ReportRequest request);

	/**
	 * GET /reporting/reports/{reportId} (getAsyncReport); a report that does not exist is
	 * a 404 error.
	 */
	Mono<AdsReport> getAsyncReport(LwaCredentials credentials, Region region, long profileId, String reportId);

	/**
	 * GET of a COMPLETED report's presigned {@code url}, without our credentials (the
	 * link carries its own), then the rows of the GZIP_JSON file. A 403 means the link
	 * expired and is retryable: getAsyncReport hands out a fresh one.
	 */
	Mono<List<ReportRow>> downloadReport(String url);

	// Campaign writes (issue 17). Each acts in the scope of one profile, takes 1 to 1000
	// items (the contract's maxItems) and answers 207 per item; an item Amazon applied in
	// part (partialSuccess) comes back as a failure with its errors.

	/** POST /adsApi/v1/update/campaigns (UpdateCampaign), 207. */
	Mono<MultiStatus<Campaign>> updateCampaigns(LwaCredentials credentials, Region region, long profileId,
			List<CampaignWrites.CampaignChange> campaigns);

	/** POST /adsApi/v1/delete/campaigns (DeleteCampaign): archives them, 207. */
	Mono<MultiStatus<Campaign>> deleteCampaigns(LwaCredentials credentials, Region region, long profileId,
			List<String> campaignIds);

	/** POST /adsApi/v1/update/adGroups (UpdateAdGroup), 207. */
	Mono<MultiStatus<AdGroup>> updateAdGroups(LwaCredentials credentials, Region region, long profileId,
			List<CampaignWrites.AdGroupChange> adGroups);

	/** POST /adsApi/v1/update/ads (UpdateAd), 207. */
	Mono<MultiStatus<Ad>> updateAds(LwaCredentials credentials, Region region, long profileId,
			List<CampaignWrites.AdChange> ads);

	/** POST /adsApi/v1/delete/ads (DeleteAd): archives them, 207. */
	Mono<MultiStatus<Ad>> deleteAds(LwaCredentials credentials, Region region, long profileId, List<String> adIds);

	// Manager accounts (ManagerAccount.facts.json; docs/contracts/manager-accounts.md):
	// the user's, not a profile's, so without a scope.

	/**
	 * GET /managerAccounts (getManagerAccountsForUser): every manager account of the
	 * user, with the linked accounts of {@code region}'s marketplaces only (at most 50
	 * each).
	 */
	Mono<List<ManagerAccount>> getManagerAccounts(LwaCredentials credentials, Region region);

	/**
	 * POST /managerAccounts (createManagerAccount): the new one, without linked accounts.
	 */
	Mono<ManagerAccount> createManagerAccount(LwaCredentials credentials, Region region, ManagerAccount.Create request);

	/**
	 * POST /managerAccounts/{managerAccountId}/associate
	 * (LinkAdvertisingAccountsToManagerAccountPublicAPI), 1 to 20 accounts, 207 per
	 * account.
	 */
	Mono<ManagerAccount.UpdateResult> linkAdvertisingAccounts(LwaCredentials credentials, Region region,
			String managerAccountId, List<ManagerAccount.AccountToUpdate> accounts);

	/**
	 * POST /managerAccounts/{managerAccountId}/disassociate
	 * (UnlinkAdvertisingAccountsToManagerAccountPublicAPI), 1 to 20 accounts, 207 per
	 * account.
	 */
	Mono<ManagerAccount.UpdateResult> unlinkAdvertisingAccounts(LwaCredentials credentials, Region region,
			String managerAccountId, List<ManagerAccount.AccountToUpdate> accounts);

	// User access (AdvertisingInvitations_prod_3p.json,
	// AdvertisingUserPermissionsManagement_prod_3p.json): the account goes in
	// Amazon-Ads-AccountId.

	/** POST /user-invitations (CreateUserInvitations), 1 to 50 invitations. */
	Mono<UserAccess.Created> createUserInvitations(LwaCredentials credentials, Region region, String adsAccountId,
			List<UserAccess.InvitationRequest> invitations, boolean notify);

	/** PUT /user-invitations (UpdateUserInvitations): REVOKED or RESENT, 1 to 50. */
	Mono<UserAccess.Updated> updateUserInvitations(LwaCredentials credentials, Region region, String adsAccountId,
			List<UserAccess.Update> updates, boolean notify);

	/**
	 * POST /user-invitations/list (ListUserInvitations), one page of pending invitations.
	 */
	Mono<UserAccess.InvitationPage> listUserInvitations(LwaCredentials credentials, Region region, String adsAccountId,
			Integer maxResults, String nextToken);

	/** GET /user-invitations/{invitationId} (GetUserInvitation); empty when unknown. */
	Mono<UserAccess.Found> getUserInvitation(LwaCredentials credentials, Region region, String invitationId);

	/** POST /users/list (ListUsers), one page. */
	Mono<UserAccess.UserPage> listUsers(LwaCredentials credentials, Region region, String adsAccountId,
			Integer maxResults, String nextToken);

	/** POST /userRoles/list (QueryUserRoles) for one user. */
	Mono<UserAccess.RolePage> queryUserRoles(LwaCredentials credentials, Region region, String adsAccountId,
			String userId);

}
