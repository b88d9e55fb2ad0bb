package dev.adsgraph.profiles;

import dev.adsgraph.upstream.ads.UserAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.adsgraph.caching.CacheMetrics;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.Ad;
import dev.adsgraph.upstream.ads.AdGroup;
import dev.adsgraph.upstream.ads.AdsAccount;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.AdsReport;
import dev.adsgraph.upstream.ads.AdvertiserAccount;
import dev.adsgraph.upstream.ads.Campaign;
import dev.adsgraph.upstream.ads.CampaignWrites;
import dev.adsgraph.upstream.ads.ManagerAccount;
import dev.adsgraph.upstream.ads.MultiStatus;
import dev.adsgraph.upstream.ads.Profile;
import dev.adsgraph.upstream.ads.ProfileFilter;
import dev.adsgraph.upstream.ads.RegisterAdsAccountRequest;
import dev.adsgraph.upstream.ads.ReportRequest;
import dev.adsgraph.upstream.ads.ReportRow;
import dev.adsgraph.upstream.ads.SellingAccount;
import dev.adsgraph.upstream.ads.Target;
import dev.adsgraph.upstream.ads.TermsToken;
import dev.adsgraph.upstream.lwa.LwaCredentials;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the profile lists follow new registrations: the order of loads, invalidations and
 * answers is set by the test (the upstream's answers are held in sinks until released),
 * and the reload interval is an hour, so nothing here depends on timing.
 */
class ProfileServiceTest {

	private static final LwaCredentials CREDENTIALS = new LwaCredentials("client", "secret", "Atzr|refresh");

	private static final Tenant TENANT = Tenant.configured("t1", "Tenant one", CREDENTIALS, List.of(Region.NA), null,
			null);

	private static final Profile EXISTING = profile(1001L);

	private static final Profile REGISTERED = profile(2002L);

	private static final Profile REGISTERED_NEXT = profile(3003L);

	private final Upstream upstream = new Upstream();

	private final ProfileService service = new ProfileService(this.upstream,
			new ProfilesConfiguration.InMemoryProfileCache(properties(), CacheMetrics.NONE), properties());

	private static ProfileCacheProperties properties() {
		return new ProfileCacheProperties(Duration.ofMinutes(5), 100, Duration.ofHours(1));
	}

	private static Profile profile(long id) {
		return new Profile(id, "US", "USD", null, "America/Los_Angeles",
				new Profile.AccountInfo("ATVPDKIKX0DER", "A" + id, "seller", "Seller " + id, null, null));
	}

	private List<String> listedIds() {
		return this.service.list(TENANT, ProfileQuery.ALL).block().profiles().stream().map(ProfileView::id).toList();
	}

	@Test
	void aClientAskingForAnUnknownIdDoesNotHideANewAccountsProfiles() {
		assertThat(this.service.byId(TENANT, 9_999_999L).block()).isEqualTo(Optional.empty());
		this.upstream.profiles.add(REGISTERED);

		Map<Long, ProfileView> found = this.service.byIds(TENANT, List.of(2002L), List.of(Region.NA)).block();

		assertThat(found).containsOnlyKeys(2002L);
		assertThat(listedIds()).containsExactly("1001", "2002");
	}

	@Test
	void twoAccountsRegisteredWithinOneIntervalAreBothFound() {
		assertThat(this.service.byIds(TENANT, List.of(1001L), List.of(Region.NA)).block()).containsOnlyKeys(1001L);
		this.upstream.profiles.add(REGISTERED);
		assertThat(this.service.byIds(TENANT, List.of(2002L), List.of(Region.NA)).block()).containsOnlyKeys(2002L);
		this.upstream.profiles.add(REGISTERED_NEXT);

		assertThat(this.service.byIds(TENANT, List.of(3003L), List.of(Region.NA)).block()).containsOnlyKeys(3003L);
		assertThat(listedIds()).containsExactly("1001", "2002", "3003");
	}

	/**
	 * `profiles` cached its list before the registration and the account's lookup reads
	 * the viewable-profile list for the first time, after it: the lookup finds the new id
	 * with no miss to reload on, and the older list must still not hide it.
	 */
	@Test
	void aListCachedBeforeTheFirstLookupShowsWhatTheLookupFound() {
		assertThat(listedIds()).containsExactly("1001");
		this.upstream.profiles.add(REGISTERED);

		assertThat(this.service.byIds(TENANT, List.of(2002L), List.of(Region.NA)).block()).containsOnlyKeys(2002L);

		assertThat(listedIds()).containsExactly("1001", "2002");
		// Once read, the lookup's list is cached: a later lookup drops nothing.
		int calls = this.upstream.calls.get();
		assertThat(this.service.byIds(TENANT, List.of(2002L), List.of(Region.NA)).block()).containsOnlyKeys(2002L);
		assertThat(listedIds()).containsExactly("1001", "2002");
		assertThat(this.upstream.calls).hasValue(calls);
	}

	@Test
	void anIdAmazonReportsButDoesNotListReloadsOncePerInterval() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.service.byIds(TENANT, List.of(4004L), List.of(Region.NA)).block()).isEmpty();
		}
		assertThat(this.upstream.calls).hasValue(2);
	}

	@Test
	void aListLoadedBeforeARegistrationAndAnsweredAfterTheReloadIsNotKept() {
		assertThat(this.service.byIds(TENANT, List.of(1001L), List.of(Region.NA)).block()).containsOnlyKeys(1001L);
		this.upstream.hold = true;
		// `profiles` starts loading before the new account exists upstream...
		Mono<List<ProfileView>> staleList = this.service.list(TENANT, ProfileQuery.ALL)
			.map(ProfileService.Listed::profiles)
			.cache();
		staleList.subscribe();
		Held listLoad = this.upstream.held.remove(0);
		List<Profile> before = List.copyOf(this.upstream.profiles);
		this.upstream.profiles.add(REGISTERED);
		// ...the account's lookup misses, drops the lists and reloads...
		Mono<Map<Long, ProfileView>> lookup = this.service.byIds(TENANT, List.of(2002L), List.of(Region.NA)).cache();
		lookup.subscribe();
		this.upstream.held.remove(0).answerNow();
		assertThat(lookup.block()).containsOnlyKeys(2002L);
		// ...and only then does the old load answer, with the list as it was.
		listLoad.sink.tryEmitValue(before);
		assertThat(staleList.block()).extracting(ProfileView::id).containsExactly("1001");
		this.upstream.hold = false;

		assertThat(listedIds()).containsExactly("1001", "2002");
	}

	/** One upstream call whose answer the test releases. */
	private record Held(ProfileFilter filter, Sinks.One<List<Profile>> sink, Upstream upstream) {

		void answerNow() {
			this.sink.tryEmitValue(List.copyOf(this.upstream.profiles));
		}

	}

	/**
	 * The Ads API's profile list, as the test sets it; every other operation is outside
	 * what this service calls.
	 */
	private static final class Upstream implements AdsApiClient {

		final List<Profile> profiles = new CopyOnWriteArrayList<>(List.of(EXISTING));

		final AtomicInteger calls = new AtomicInteger();

		final List<Held> held = new ArrayList<>();

		volatile boolean hold;

		@Override
		public Mono<List<Profile>> listProfiles(LwaCredentials credentials, Region region, ProfileFilter filter) {
			return Mono.defer(() -> {
				this.calls.incrementAndGet();
				if (!this.hold) {
					return Mono.just(List.copyOf(this.profiles));
				}
				Sinks.One<List<Profile>> sink = Sinks.one();
				this.held.add(new Held(filter, sink, this));
				return sink.asMono();
			});
		}

		@Override
		public Mono<TermsToken.Created> createTermsToken(LwaCredentials credentials, Region region, String termsType) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<TermsToken.Status> getTermsToken(LwaCredentials credentials, Region region, String termsToken) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<AdsAccount> registerAdsAccount(LwaCredentials credentials, Region region,
				RegisterAdsAccountRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<AdsAccount> getAdsAccount(LwaCredentials credentials, Region region, String adsAccountId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<AdsAccount.Page> listAdsAccounts(LwaCredentials credentials, Region region, Integer maxResults,
				String nextToken) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<AdvertiserAccount.Page> queryAdvertiserAccounts(LwaCredentials credentials, Region region,
				AdvertiserAccount.Query query) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<MultiStatus<AdvertiserAccount>> createAdvertiserAccounts(LwaCredentials credentials, Region region,
				List<AdvertiserAccount> accounts) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<MultiStatus<AdvertiserAccount>> updateAdvertiserAccounts(LwaCredentials credentials, Region region,
				List<AdvertiserAccount> accounts) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<SellingAccount.Page> querySellingAccounts(LwaCredentials credentials, Region region,
				SellingAccount.Query query) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<Campaign.Page> queryCampaigns(LwaCredentials credentials, Region region, long profileId,
				Campaign.Query query) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<AdGroup.Page> queryAdGroups(LwaCredentials credentials, Region region, long profileId,
				AdGroup.Query query) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<Ad.Page> queryAds(LwaCredentials credentials, Region region, long profileId, Ad.Query query) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<Target.Page> queryTargets(LwaCredentials credentials, Region region, long profileId,
				Target.Query query) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<AdsReport> createAsyncReport(LwaCredentials credentials, Region region, long profileId,
				ReportRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<AdsReport> getAsyncReport(LwaCredentials credentials, Region region, long profileId,
				String reportId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<List<ReportRow>> downloadReport(String url) {
			throw new UnsupportedOperationException();
		}

		// Campaign writes (issue 17): not asked by these tests.

		@Override
		public Mono<MultiStatus<Campaign>> updateCampaigns(LwaCredentials credentials, Region region, long profileId,
				List<CampaignWrites.CampaignChange> campaigns) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<MultiStatus<Campaign>> deleteCampaigns(LwaCredentials credentials, Region region, long profileId,
				List<String> campaignIds) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<MultiStatus<AdGroup>> updateAdGroups(LwaCredentials credentials, Region region, long profileId,
				List<CampaignWrites.AdGroupChange> adGroups) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<MultiStatus<Ad>> updateAds(LwaCredentials credentials, Region region, long profileId,
				List<CampaignWrites.AdChange> ads) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<MultiStatus<Ad>> deleteAds(LwaCredentials credentials, Region region, long profileId,
				List<String> adIds) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<List<ManagerAccount>> getManagerAccounts(LwaCredentials credentials, Region region) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<ManagerAccount> createManagerAccount(LwaCredentials credentials, Region region,
				ManagerAccount.Create request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<ManagerAccount.UpdateResult> linkAdvertisingAccounts(LwaCredentials credentials, Region region,
				String managerAccountId, List<ManagerAccount.AccountToUpdate> accounts) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<ManagerAccount.UpdateResult> unlinkAdvertisingAccounts(LwaCredentials credentials, Region region,
				String managerAccountId, List<ManagerAccount.AccountToUpdate> accounts) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<UserAccess.Created> createUserInvitations(LwaCredentials credentials, Region region,
				String adsAccountId, List<UserAccess.InvitationRequest> invitations, boolean notify) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<UserAccess.Updated> updateUserInvitations(LwaCredentials credentials, Region region,
				String adsAccountId, List<UserAccess.Update> updates, boolean notify) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<UserAccess.InvitationPage> listUserInvitations(LwaCredentials credentials, Region region,
				String adsAccountId, Integer maxResults, String nextToken) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<UserAccess.Found> getUserInvitation(LwaCredentials credentials, Region region,
				String invitationId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<UserAccess.UserPage> listUsers(LwaCredentials credentials, Region region, String adsAccountId,
				Integer maxResults, String nextToken) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Mono<UserAccess.RolePage> queryUserRoles(LwaCredentials credentials, Region region, String adsAccountId,
				String userId) {
			throw new UnsupportedOperationException();
		}

	}

}
