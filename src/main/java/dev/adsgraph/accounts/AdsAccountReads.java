package dev.adsgraph.accounts;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.adsgraph.caching.FreshReads;
import dev.adsgraph.caching.FreshReads.Fresh;
import dev.adsgraph.registrations.RegistrationKind;
import dev.adsgraph.registrations.RegistrationStore;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.AdsAccount;
import dev.adsgraph.upstream.ads.AdsApiClient;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The ads account reads of queries ({@code GetAccount}, {@code ListAdsAccounts}), shared
 * by the requests of one workspace and connection that ask for the same thing at the same
 * moment, and reused for {@code adsgraph.accounts.freshness} ({@link FreshReads}). A key
 * names the workspace, the connection and its credentials, the region and the operation's
 * parameters, so nothing read for one workspace or connection answers another. The
 * workspace's own account mutations call {@link #changed}.
 * <p>
 * The statuses each read finds are recorded ({@link RegistrationStore#observed}) once per
 * read from Amazon, for the workspace whose read it is, before any caller gets the
 * answer: an answer reused within the window was recorded when it was read, and is not
 * recorded again (at a later moment, over what a poll may have recorded since).
 */
@Component
public class AdsAccountReads {

	/** What one read depends on. */
	record Key(String workspace, String connection, String credentials, Region region, String operation,
			List<Object> parameters) {
	}

	private final AdsApiClient ads;

	private final FreshReads<Key, AdsAccount> accounts;

	private final FreshReads<Key, AdsAccount.Page> pages;

	private final RegistrationStore registrations;

	private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();

	AdsAccountReads(AdsApiClient ads, RegistrationStore registrations, AccountsProperties properties, Clock clock) {
		this.ads = ads;
		this.registrations = registrations;
		this.accounts = new FreshReads<>(properties.freshness(), 10_000, clock);
		this.pages = new FreshReads<>(properties.freshness(), 1_000, clock);
	}

	/**
	 * One ads account as the workspace's account connection reads it; empty when unknown.
	 */
	public Mono<Fresh<AdsAccount>> account(Tenant tenant, String adsAccountId) {
		return Mono.defer(() -> this.accounts.get(key(tenant, "GetAccount", List.of(adsAccountId)),
				() -> this.ads.getAdsAccount(tenant.ads(), tenant.homeRegion(), adsAccountId),
				(read) -> observed(tenant, List.of(read.value()))));
	}

	/** One page of the workspace's ads accounts. */
	public Mono<Fresh<AdsAccount.Page>> page(Tenant tenant, Integer maxResults, String nextToken) {
		return Mono.defer(() -> this.pages.get(key(tenant, "ListAdsAccounts", Arrays.asList(maxResults, nextToken)),
				() -> this.ads.listAdsAccounts(tenant.ads(), tenant.homeRegion(), maxResults, nextToken),
				(read) -> observed(tenant,
						(read.value().adsAccounts() != null) ? read.value().adsAccounts() : List.of())));
	}

	/**
	 * Records the statuses of accounts just read from Amazon for the workspace whose read
	 * it is (the workspace is part of every key, so it is the same for every caller).
	 */
	private Mono<Void> observed(Tenant tenant, List<AdsAccount> read) {
		Map<String, String> statuses = new LinkedHashMap<>();
		read.stream()
			.filter((account) -> account.adsAccountId() != null)
			.forEach((account) -> statuses.put(account.adsAccountId(), AdsAccountView.statusOf(account)));
		if (statuses.isEmpty()) {
			return Mono.empty();
		}
		return this.registrations.observed(tenant.id(), RegistrationKind.ADS_ACCOUNT, RegistrationStore.Source.QUERY,
				statuses);
	}

	/**
	 * The workspace changed its ads accounts through this gateway: its reads are dropped
	 * here, and the listeners (the other replicas, in Redis mode) are told.
	 */
	public void changed(Tenant tenant) {
		changed(tenant.id());
	}

	/** As {@link #changed(Tenant)}, by the workspace's id. */
	public void changed(String workspaceId) {
		forget(workspaceId);
		this.changeListeners.forEach((listener) -> listener.accept(workspaceId));
	}

	/**
	 * Calls {@code listener} with the workspace id whenever {@link #changed} is called.
	 */
	public void onChangeHere(Consumer<String> listener) {
		this.changeListeners.add(listener);
	}

	/** Another replica changed the workspace's ads accounts. */
	public void changedElsewhere(String workspaceId) {
		forget(workspaceId);
	}

	/** Drops every read (a replica cut off from the other replicas' news). */
	public void forgetAll() {
		this.accounts.invalidate((key) -> true);
		this.pages.invalidate((key) -> true);
	}

	private void forget(String workspaceId) {
		this.accounts.invalidate((key) -> Objects.equals(key.workspace(), workspaceId));
		this.pages.invalidate((key) -> Objects.equals(key.workspace(), workspaceId));
	}

	private static Key key(Tenant tenant, String operation, List<Object> parameters) {
		Tenant.AdsConnection connection = tenant.accountConnection();
		return new Key(tenant.id(), connection.id(), connection.credentials().fingerprint(),
				connection.regions().get(0), operation, parameters);
	}

}
