package dev.adsgraph.sandbox.ads;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.adsgraph.sandbox.fixtures.Account;
import dev.adsgraph.sandbox.fixtures.Country;
import dev.adsgraph.sandbox.fixtures.Fixtures;

/**
 * Each user's manager accounts and the ads account countries linked to them. A linked
 * account is one country of an ads account (Amazon lists one entity per marketplace), so
 * a link is kept as the ads account's id and the country. Changes run under one lock;
 * reads take a copy.
 */
public final class ManagerAccounts {

	/** The demo user's manager account (also named in its fixture user). */
	public static final String DEMO_MANAGER_ACCOUNT = "amzn1.ads1.ma1.adsgraphdemo0manager0acct";

	/** The agency user's manager account. */
	public static final String AGENCY_MANAGER_ACCOUNT = "amzn1.ads1.ma1.adsgraphagency0manager0ac";

	private final Map<String, List<Manager>> byUser = new ConcurrentHashMap<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final AccountRegistry registry;

	private final Supplier<String> newIds;

	public ManagerAccounts(AccountRegistry registry, Supplier<String> newIds) {
		this.registry = registry;
		this.newIds = newIds;
		reset();
	}

	/**
	 * Back to the fixtures: the demo user's manager account links Northwind (US, CA, MX)
	 * and Sakura (JP, AU); the agency's links Riverstone (US, UK).
	 */
	public void reset() {
		atomically(() -> {
			this.byUser.clear();
			this.byUser.put(Fixtures.DEMO_USER, new ArrayList<>(List.of(fixture(Fixtures.DEMO_USER,
					DEMO_MANAGER_ACCOUNT, "Northwind Group", "Advertiser", Fixtures.NORTHWIND, Fixtures.SAKURA))));
			this.byUser.put(Fixtures.AGENCY_USER, new ArrayList<>(List.of(fixture(Fixtures.AGENCY_USER,
					AGENCY_MANAGER_ACCOUNT, "Riverstone Agency", "Agency", Fixtures.RIVERSTONE))));
			return null;
		});
	}

	private Manager fixture(String userId, String id, String name, String type, String... partnerIds) {
		Manager manager = new Manager(id, name, type);
		for (Account account : this.registry.list(userId)) {
			if (account.partner() != null && List.of(partnerIds).contains(account.partner().partnerId())) {
				account.markets()
					.forEach((market) -> manager.links.add(new Link(account.adsAccountId(), market.country())));
			}
		}
		return manager;
	}

	<T> T atomically(Supplier<T> change) {
		this.lock.lock();
		try {
			return change.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The user's manager accounts, in creation order, as copies. */
	List<Manager> list(String userId) {
		return atomically(() -> this.byUser.getOrDefault(userId, List.of()).stream().map(Manager::copy).toList());
	}

	/** Call inside {@link #atomically}: the live record, to change. */
	Optional<Manager> find(String userId, String managerAccountId) {
		return this.byUser.getOrDefault(userId, List.of())
			.stream()
			.filter((manager) -> manager.id.equals(managerAccountId))
			.findFirst();
	}

	Manager create(String userId, String name, String type) {
		return atomically(() -> {
			Manager manager = new Manager("amzn1.ads1.ma1." + this.newIds.get(), name, type);
			this.byUser.computeIfAbsent(userId, (user) -> new ArrayList<>()).add(manager);
			return manager.copy();
		});
	}

	/** One country of an ads account, linked to a manager account. */
	record Link(String adsAccountId, Country country) {
	}

	/** A manager account; {@code links} in the order they were linked. */
	static final class Manager {

		final String id;

		final String name;

		final String type;

		final Set<Link> links = new LinkedHashSet<>();

		Manager(String id, String name, String type) {
			this.id = id;
			this.name = name;
			this.type = type;
		}

		Manager copy() {
			Manager copy = new Manager(this.id, this.name, this.type);
			copy.links.addAll(this.links);
			return copy;
		}

	}

}
