package dev.adsgraph.sandbox.ads;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.adsgraph.sandbox.fixtures.Account;
import dev.adsgraph.sandbox.fixtures.AdsRegion;
import dev.adsgraph.sandbox.fixtures.ProfileEntry;
import dev.adsgraph.sandbox.fixtures.SandboxUser;
import dev.adsgraph.sandbox.fixtures.SellingPartner;

/**
 * All ads accounts, per user in creation order (what pagination walks), plus which
 * selling partner already backs an account. Reads are lock-free; writes that check and
 * then change (uniqueness, token redemption, insertion) run under one lock through
 * {@link #atomically}.
 */
public final class AccountRegistry {

	private final Map<String, Account> byId = new ConcurrentHashMap<>();

	private final Map<String, List<String>> idsByUser = new ConcurrentHashMap<>();

	private final Map<String, String> accountByPartner = new ConcurrentHashMap<>();

	private final ReentrantLock writeLock = new ReentrantLock();

	private final Clock clock;

	public AccountRegistry(Clock clock, List<Account> accounts) {
		this.clock = clock;
		reset(accounts);
	}

	public void reset(List<Account> accounts) {
		atomically(() -> {
			this.byId.clear();
			this.idsByUser.clear();
			this.accountByPartner.clear();
			accounts.forEach(this::insert);
			return null;
		});
	}

	<T> T atomically(Supplier<T> change) {
		this.writeLock.lock();
		try {
			return change.get();
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/** Call inside {@link #atomically} after checking {@link #accountFor}. */
	void insert(Account account) {
		this.byId.put(account.adsAccountId(), account);
		this.idsByUser.computeIfAbsent(account.userId(), (user) -> new CopyOnWriteArrayList<>())
			.add(account.adsAccountId());
		if (account.partner() != null) {
			this.accountByPartner.put(account.partner().uniquenessKey(), account.adsAccountId());
		}
	}

	/** Call inside {@link #atomically}; the id and owner must not change. */
	void replace(Account account) {
		this.byId.put(account.adsAccountId(), account);
	}

	/**
	 * Settles the account now, whoever owns it: its review takes effect at once instead
	 * of after the registration delay.
	 */
	public Optional<Account> settle(String adsAccountId) {
		return atomically(() -> {
			Account account = this.byId.get(adsAccountId);
			if (account == null) {
				return Optional.empty();
			}
			Account settled = account.settlingBy(this.clock.instant());
			replace(settled);
			return Optional.of(settled);
		});
	}

	/** An account by its id, whoever owns it (the sandbox's own pages), or empty. */
	public Optional<Account> account(String adsAccountId) {
		return Optional.ofNullable(this.byId.get(adsAccountId));
	}

	Optional<Account> accountFor(SellingPartner partner) {
		return Optional.ofNullable(this.accountByPartner.get(partner.uniquenessKey())).map(this.byId::get);
	}

	/**
	 * The user's account; another user's account is as invisible as one that does not
	 * exist.
	 */
	Optional<Account> find(String userId, String adsAccountId) {
		return Optional.ofNullable(this.byId.get(adsAccountId)).filter((a) -> a.userId().equals(userId));
	}

	List<Account> list(String userId) {
		List<Account> accounts = new ArrayList<>();
		for (String id : this.idsByUser.getOrDefault(userId, List.of())) {
			Account account = this.byId.get(id);
			// A concurrent reset may have removed it between the two reads.
			if (account != null) {
				accounts.add(account);
			}
		}
		return accounts;
	}

	/**
	 * The profiles a user sees on one regional host: settled accounts' countries plus
	 * standalone ones.
	 */
	List<ProfileEntry> profiles(SandboxUser user, AdsRegion region) {
		List<ProfileEntry> profiles = new ArrayList<>();
		for (Account account : list(user.id())) {
			profiles.addAll(account.profiles(this.clock.instant()));
		}
		profiles.addAll(user.standaloneProfiles());
		profiles.removeIf((profile) -> profile.country().region() != region);
		return profiles;
	}

}
