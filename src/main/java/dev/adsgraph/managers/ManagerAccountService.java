package dev.adsgraph.managers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.adsgraph.accounts.AdsAccountView;
import dev.adsgraph.caching.CaffeineKeyedCache;
import dev.adsgraph.caching.KeyedCache;
import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.graphql.Ids;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.upstream.Countries;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.ads.AdsAccount;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.ads.ManagerAccount;

import org.springframework.stereotype.Service;

/**
 * The workspace user's manager accounts, read through a short cache that this service's
 * own mutations clear; creating one; linking and unlinking ads accounts. Manager accounts
 * are the user's, not a profile's: the list is asked on every region the workspace's ads
 * connection covers (Amazon answers each region's linked accounts only) and merged; the
 * writes go to the home region (which host serves them is not documented).
 */
@Service
public class ManagerAccountService {

	/**
	 * How long a list is reused. Short: links made in Amazon's console show up within it;
	 * this service's own writes clear it at once. Per replica: in Redis mode another
	 * replica may show the old list for up to this long.
	 */
	static final Duration LIST_TTL = Duration.ofMinutes(1);

	private final AdsApiClient ads;

	private final KeyedCache<String, List<ManagerAccountView>> lists = new CaffeineKeyedCache<>(LIST_TTL, 10_000);

	ManagerAccountService(AdsApiClient ads) {
		this.ads = ads;
	}

	/**
	 * The manager accounts of the tenant's user, with linked accounts of every region.
	 */
	public Mono<List<ManagerAccountView>> list(Tenant tenant) {
		return this.lists.get(tenant.id(),
				() -> Flux.fromIterable(tenant.adsRegions())
					.concatMap((region) -> this.ads.getManagerAccounts(tenant.ads(), region))
					.collectList()
					.map(ManagerAccountService::merge));
	}

	/**
	 * Whether any country of the account is linked to a manager account, and to which.
	 */
	public Mono<Optional<String>> linkedManagerName(Tenant tenant, List<String> entityIds, List<String> profileIds) {
		return list(tenant).map((managers) -> managers.stream()
			.filter((manager) -> manager.links(entityIds, profileIds))
			.map((manager) -> (manager.name() != null) ? manager.name() : manager.id())
			.findFirst());
	}

	void invalidate(Tenant tenant) {
		this.lists.invalidate((key) -> key.equals(tenant.id()));
	}

	static List<ManagerAccountView> merge(List<List<ManagerAccount>> perRegion) {
		Map<String, String> names = new LinkedHashMap<>();
		Map<String, List<ManagerAccountView.LinkedAdsAccountView>> linked = new LinkedHashMap<>();
		for (List<ManagerAccount> region : perRegion) {
			for (ManagerAccount account : region) {
				if (account.managerAccountId() == null) {
					continue;
				}
				names.putIfAbsent(account.managerAccountId(), account.managerAccountName());
				List<ManagerAccountView.LinkedAdsAccountView> links = linked.computeIfAbsent(account.managerAccountId(),
						(id) -> new ArrayList<>());
				for (ManagerAccountView.LinkedAdsAccountView link : ManagerAccountView.of(account).linkedAccounts()) {
					if (!links.contains(link)) {
						links.add(link);
					}
				}
			}
		}
		List<ManagerAccountView> merged = new ArrayList<>();
		names.forEach((id, name) -> merged.add(new ManagerAccountView(id, name, linked.get(id))));
		return merged;
	}

	Mono<CreatePayload> create(Tenant tenant, String name, String type) {
		if (name == null || name.isBlank()) {
			return Mono.just(CreatePayload.refused(ManagerError.of("BLANK_NAME",
					"A manager account needs a name; it must not be blank.", "input", "name")));
		}
		String amazonType = switch (Objects.requireNonNullElse(type, "")) {
			case "ADVERTISER" -> "Advertiser";
			case "AGENCY" -> "Agency";
			default -> null;
		};
		if (amazonType == null) {
			return Mono.just(CreatePayload.refused(ManagerError.of("UNKNOWN_TYPE",
					"type must be ADVERTISER or AGENCY; got " + Ids.quote(type) + ".", "input", "type")));
		}
		return this.ads
			.createManagerAccount(tenant.ads(), tenant.homeRegion(), new ManagerAccount.Create(name.trim(), amazonType))
			.doOnNext((created) -> invalidate(tenant))
			.doOnError((ex) -> invalidate(tenant))
			.map((created) -> new CreatePayload(ManagerAccountView.of(created), List.of()))
			.onErrorResume(ManagerAccountService::aboutInput,
					(ex) -> Mono.just(CreatePayload.refused(fromUpstream((UpstreamException) ex, "manager account"))));
	}

	Mono<LinkPayload> update(Tenant tenant, String managerAccountId, List<String> accountIds, boolean link) {
		if (accountIds.isEmpty() || accountIds.size() > LinkPlan.MAX_ITEMS) {
			return Mono.just(LinkPayload.refused(null, ManagerError.of("INVALID_BATCH_SIZE",
					"accounts must list 1 to " + LinkPlan.MAX_ITEMS + " ads accounts; got " + accountIds.size() + ".",
					"accounts")));
		}
		return list(tenant).flatMap((managers) -> {
			ManagerAccountView manager = managers.stream()
				.filter((m) -> m.id().equals(managerAccountId))
				.findFirst()
				.orElse(null);
			if (manager == null) {
				return Mono.just(LinkPayload.refused(null,
						ManagerError.of("UNKNOWN_MANAGER_ACCOUNT", "No manager account with id "
								+ Ids.quote(managerAccountId) + " is visible to this workspace's Amazon user.",
								"managerAccountId")));
			}
			return inputs(tenant, accountIds, manager, link).flatMap((inputs) -> {
				LinkPlan plan = LinkPlan.of(link, inputs);
				ManagerError tooMany = plan.tooManyItems();
				if (tooMany != null) {
					return Mono.just(LinkPayload.refused(manager, tooMany));
				}
				if (plan.items().isEmpty()) {
					return Mono.just(new LinkPayload(plan.unsent(), manager, List.of()));
				}
				List<ManagerAccount.AccountToUpdate> items = plan.items()
					.stream()
					.map(ManagerAccount.AccountToUpdate::accountId)
					.toList();
				Mono<ManagerAccount.UpdateResult> call = link
						? this.ads.linkAdvertisingAccounts(tenant.ads(), tenant.homeRegion(), managerAccountId, items)
						: this.ads.unlinkAdvertisingAccounts(tenant.ads(), tenant.homeRegion(), managerAccountId,
								items);
				// Cleared before the answer goes on, so the re-read below asks Amazon
				// again.
				return call.doOnNext((answer) -> invalidate(tenant))
					.doOnError((ex) -> invalidate(tenant))
					.map(plan::results)
					.flatMap((results) -> reread(tenant, managerAccountId)
						.map((after) -> new LinkPayload(results, after, List.of())))
					.onErrorResume(ManagerAccountService::aboutInput, (ex) -> Mono.just(LinkPayload.refused(manager,
							fromUpstream((UpstreamException) ex, link ? "link request" : "unlink request"))));
			});
		});
	}

	private Mono<ManagerAccountView> reread(Tenant tenant, String managerAccountId) {
		return list(tenant).mapNotNull((
				managers) -> managers.stream().filter((m) -> m.id().equals(managerAccountId)).findFirst().orElse(null));
	}

	/**
	 * Each input looked up as the workspace's ads account: unknown, not yet created in
	 * any country, or (unlink) not linked is refused here, before anything is sent.
	 */
	private Mono<List<LinkPlan.Input>> inputs(Tenant tenant, List<String> accountIds, ManagerAccountView manager,
			boolean link) {
		return Flux.range(0, accountIds.size()).concatMap((index) -> {
			String id = accountIds.get(index);
			try {
				Ids.accountId(id, "accounts[" + index + "]");
			}
			catch (BadUserInputException ex) {
				return Mono.just(LinkPlan.Input.refused(index, id, unknown(index, id)));
			}
			return this.ads.getAdsAccount(tenant.ads(), tenant.homeRegion(), id)
				.map((account) -> input(index, id, account, manager, link))
				.defaultIfEmpty(LinkPlan.Input.refused(index, id, unknown(index, id)));
		}).collectList();
	}

	private static LinkPlan.Input input(int index, String id, AdsAccount account, ManagerAccountView manager,
			boolean link) {
		List<String> entityIds = entityIds(account);
		if (entityIds.isEmpty()) {
			return LinkPlan.Input.refused(index, id, ManagerError.of("ADS_ACCOUNT_NOT_CREATED",
					"Ads account " + Ids.quote(id) + " is not created in any country yet (status "
							+ Objects.requireNonNullElse(account.status(), "PENDING")
							+ "); link it once its registration has created it.",
					"accounts", Integer.toString(index)));
		}
		if (!link && !manager.links(entityIds, profileIds(account))) {
			return LinkPlan.Input
				.refused(index, id,
						ManagerError.of("NOT_LINKED", "Ads account " + Ids.quote(id)
								+ " is not linked to manager account " + Ids.quote(manager.id()) + ".", "accounts",
								Integer.toString(index)));
		}
		return LinkPlan.Input.found(index, id, account.accountName(), entityIds);
	}

	private static ManagerError unknown(int index, String id) {
		return ManagerError.of("UNKNOWN_ADS_ACCOUNT",
				"No ads account with id " + Ids.quote(id) + " is visible to this workspace.", "accounts",
				Integer.toString(index));
	}

	static List<String> entityIds(AdsAccount account) {
		return (account.alternateIds() != null) ? account.alternateIds()
			.stream()
			.map(AdsAccount.AlternateId::entityId)
			.filter(Objects::nonNull)
			.distinct()
			.toList() : List.of();
	}

	static List<String> profileIds(AdsAccount account) {
		return (account.alternateIds() != null) ? account.alternateIds()
			.stream()
			.map(AdsAccount.AlternateId::profileId)
			.filter(Objects::nonNull)
			.map(String::valueOf)
			.distinct()
			.toList() : List.of();
	}

	static List<String> entityIds(AdsAccountView account) {
		return account.alternateIds()
			.stream()
			.map(AdsAccountView.AlternateIdView::entityId)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
	}

	static List<String> profileIds(AdsAccountView account) {
		return account.alternateIds()
			.stream()
			.map(AdsAccountView.AlternateIdView::profileId)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
	}

	/** The workspace's ads accounts as the schema shows them, every page. */
	Mono<List<AdsAccountView>> adsAccounts(Tenant tenant) {
		return this.ads.listAdsAccounts(tenant.ads(), tenant.homeRegion(), 100, null)
			.expand((page) -> (page.nextToken() != null)
					? this.ads.listAdsAccounts(tenant.ads(), tenant.homeRegion(), 100, page.nextToken()) : Mono.empty())
			.flatMapIterable(AdsAccount.Page::adsAccounts)
			.map(ManagerAccountService::view)
			.collectList();
	}

	/** As {@code AdsAccountView.of}, which is not visible here. */
	private static AdsAccountView view(AdsAccount account) {
		List<String> countries = (account.countryCodes() != null)
				? account.countryCodes().stream().map(Countries::toIso).toList() : List.of();
		List<AdsAccountView.AlternateIdView> ids = (account.alternateIds() != null) ? account.alternateIds()
			.stream()
			.map((a) -> new AdsAccountView.AlternateIdView(Countries.toIso(a.countryCode()),
					(a.profileId() != null) ? Long.toString(a.profileId()) : null, a.entityId()))
			.toList() : List.of();
		return new AdsAccountView(account.adsAccountId(), account.accountName(),
				(account.status() != null) ? account.status() : "PENDING", countries, ids, List.of());
	}

	private static boolean aboutInput(Throwable ex) {
		return ex instanceof UpstreamException upstream && (upstream.httpStatus() == 400 || upstream.httpStatus() == 403
				|| upstream.httpStatus() == 404 || upstream.httpStatus() == 422);
	}

	private static ManagerError fromUpstream(UpstreamException ex, String what) {
		String code = (ex.code() != null) ? ex.code() : "REJECTED";
		String reason = (ex.upstreamMessage() != null) ? ": " + ex.upstreamMessage() : ".";
		return ManagerError.of(code, "Amazon refused the " + what + reason);
	}

	/** The schema's {@code CreateManagerAccountPayload}. */
	record CreatePayload(ManagerAccountView managerAccount, List<ManagerError> userErrors) {

		static CreatePayload refused(ManagerError error) {
			return new CreatePayload(null, List.of(error));
		}

	}

	/** The schema's {@code ManagerAccountLinkPayload}. */
	record LinkPayload(List<LinkPlan.Result> results, ManagerAccountView managerAccount,
			List<ManagerError> userErrors) {

		static LinkPayload refused(ManagerAccountView managerAccount, ManagerError error) {
			return new LinkPayload(List.of(), managerAccount, List.of(error));
		}

	}

}
