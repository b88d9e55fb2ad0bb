package dev.adsgraph.billing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import dev.adsgraph.caching.CacheMetrics;
import dev.adsgraph.caching.CaffeineKeyedCache;
import dev.adsgraph.caching.KeyedCache;
import dev.adsgraph.caching.SharedKeyedCaches;
import dev.adsgraph.graphql.Connections;
import dev.adsgraph.graphql.Connections.Connection;
import dev.adsgraph.products.Money;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.ads.AdsBillingClient;
import dev.adsgraph.upstream.ads.Billing;

/**
 * Reads billing from Amazon for the graph. Statuses and notifications are asked for many
 * countries at once: every country of every account a response needs, grouped by region,
 * {@link Billing#MAX_ITEMS} to a call (the contract's limit), the two bulk operations
 * side by side. Each country's answer is reused for {@code adsgraph.billing.status-ttl}.
 */
@Service
public class BillingService {

	private static final DateTimeFormatter AMAZON_DAY = DateTimeFormatter.BASIC_ISO_DATE;

	private final AdsBillingClient client;

	private final BillingProperties properties;

	private final KeyedCache<Key, CountryBilling> cache;

	private final KeyedCache<AccountKey, List<PaymentMethod>> paymentMethods;

	BillingService(AdsBillingClient client, BillingProperties properties, ObjectProvider<CacheMetrics> cacheMetrics,
			ObjectProvider<SharedKeyedCaches> sharedCaches) {
		this.client = client;
		this.properties = properties;
		this.cache = sharedCaches.getIfAvailable(() -> SharedKeyedCaches.NONE)
			.share("billing",
					new CaffeineKeyedCache<>("billing", properties.statusTtl(), 10_000,
							cacheMetrics.getIfAvailable(() -> CacheMetrics.NONE)),
					properties.statusTtl(), new TypeReference<CountryBilling>() {
					});
		this.paymentMethods = sharedCaches.getIfAvailable(() -> SharedKeyedCaches.NONE)
			.share("billing-payment-methods",
					new CaffeineKeyedCache<>("billing-payment-methods", properties.statusTtl(), 10_000,
							cacheMetrics.getIfAvailable(() -> CacheMetrics.NONE)),
					properties.statusTtl(), new TypeReference<List<PaymentMethod>>() {
					});
	}

	/** The payment methods' cache key: an ads account, for one tenant. */
	record AccountKey(String tenantId, String adsAccountId) {
	}

	/**
	 * The agreement type payment methods are listed for: the methods that pay the
	 * account's advertising as it accrues.
	 */
	static final String CRITERIA_TYPE = "AUTO_PAY";

	/** The schema's {@code PaymentMethod}. */
	public record PaymentMethod(String type, String instrumentId, String brand, String tail, Integer expiryMonth,
			Integer expiryYear, List<String> eligibleCountries, String vendorCode, String vendorCodeName,
			String sellerAccountId) {
	}

	/**
	 * The payment methods of these accounts, from the cache where it has them; one
	 * GetCustomerPaymentMethods per account otherwise (Amazon answers for one account a
	 * call), side by side, every page.
	 */
	Mono<Map<String, List<PaymentMethod>>> paymentMethods(Tenant tenant, Collection<String> adsAccountIds) {
		Map<AccountKey, String> keys = new LinkedHashMap<>();
		adsAccountIds.forEach((id) -> keys.put(new AccountKey(tenant.id(), id), id));
		if (keys.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.paymentMethods
			.getAll(keys.keySet(), (missing) -> Flux.fromIterable(missing)
				.flatMap(
						(key) -> paymentMethodsOf(tenant, key.adsAccountId()).map((methods) -> Map.entry(key, methods)))
				.collectMap(Map.Entry::getKey, Map.Entry::getValue))
			.map((found) -> {
				Map<String, List<PaymentMethod>> result = new LinkedHashMap<>();
				keys.forEach((key, id) -> {
					List<PaymentMethod> methods = found.get(key);
					if (methods != null) {
						result.put(id, methods);
					}
				});
				return result;
			});
	}

	/**
	 * Drops this replica's cached payment methods of an account (the subscription saw its
	 * billing set up, so a payment method was just added).
	 */
	void forgetPaymentMethods(Tenant tenant, String adsAccountId) {
		AccountKey key = new AccountKey(tenant.id(), adsAccountId);
		this.paymentMethods.invalidate(key::equals);
	}

	private Mono<List<PaymentMethod>> paymentMethodsOf(Tenant tenant, String adsAccountId) {
		return this.client
			.getCustomerPaymentMethods(tenant.ads(), tenant.homeRegion(), adsAccountId, CRITERIA_TYPE, null)
			.expand((page) -> (page.nextToken() == null || page.nextToken().isBlank()) ? Mono.empty()
					: this.client.getCustomerPaymentMethods(tenant.ads(), tenant.homeRegion(), adsAccountId,
							CRITERIA_TYPE, page.nextToken()))
			.flatMapIterable(Billing.PaymentMethods::all)
			.map(BillingService::paymentMethod)
			.collectList();
	}

	static PaymentMethod paymentMethod(Billing.PaymentMethod method) {
		Billing.Expiry expiry = method.expiryDetails();
		List<String> countries = (method.eligibleCountries() != null)
				? method.eligibleCountries().stream().map(dev.adsgraph.upstream.Countries::toIso).toList() : List.of();
		return new PaymentMethod(method.type(), method.instrumentId(), method.brand(), method.tail(),
				(expiry != null) ? expiry.month() : null, (expiry != null) ? expiry.year() : null, countries,
				method.vendorCode(), method.vendorCodeName(), method.sellerAccountId());
	}

	/**
	 * One invoice of a profile by its id (getInvoice), empty when Amazon has none with
	 * it.
	 */
	Mono<Invoice> invoice(Tenant tenant, Region region, long profileId, String invoiceId) {
		return this.client.getInvoice(tenant.ads(), region, profileId, invoiceId)
			.filter((detail) -> detail.invoiceSummary() != null)
			.map((detail) -> invoice(detail.invoiceSummary()));
	}

	/** The cache key: a country of an advertiser, for one tenant. */
	record Key(String tenantId, String entityId, String marketplaceId, Region region, String countryCode) {
	}

	/** The billing of these countries, from the cache where it has them. */
	public Mono<Map<CountryRef, CountryBilling>> countries(Tenant tenant, Collection<CountryRef> refs) {
		Map<Key, CountryRef> keys = new LinkedHashMap<>();
		for (CountryRef ref : refs) {
			keys.put(key(tenant, ref), ref);
		}
		if (keys.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.cache.getAll(keys.keySet(), (missing) -> load(tenant, missing)).map((found) -> {
			Map<CountryRef, CountryBilling> result = new LinkedHashMap<>();
			keys.forEach((key, ref) -> {
				CountryBilling billing = found.get(key);
				if (billing != null) {
					result.put(ref, billing);
				}
			});
			return result;
		});
	}

	/**
	 * The billing of these countries read from Amazon now, past the cache (the
	 * subscription, which must see a change as soon as Amazon does). This replica's
	 * cached answers for them are dropped, so its next query reads Amazon again; in Redis
	 * mode the shared entry may still serve other replicas until it expires.
	 */
	public Mono<Map<CountryRef, CountryBilling>> fresh(Tenant tenant, Collection<CountryRef> refs) {
		Map<Key, CountryRef> keys = new LinkedHashMap<>();
		refs.forEach((ref) -> keys.put(key(tenant, ref), ref));
		if (keys.isEmpty()) {
			return Mono.just(Map.of());
		}
		return load(tenant, keys.keySet()).map((found) -> {
			this.cache.invalidate(keys::containsKey);
			Map<CountryRef, CountryBilling> result = new LinkedHashMap<>();
			keys.forEach((key, ref) -> {
				CountryBilling billing = found.get(key);
				if (billing != null) {
					result.put(ref, billing);
				}
			});
			return result;
		});
	}

	/** An account's billing from its countries' answers, in the countries' order. */
	AccountBilling account(String adsAccountId, List<CountryRef> refs, Map<CountryRef, CountryBilling> found) {
		List<CountryBilling> countries = new ArrayList<>();
		for (CountryRef ref : refs) {
			CountryBilling billing = found.get(ref);
			countries.add((billing != null) ? billing : new CountryBilling(ref.countryCode(), ref.marketplaceId(), null,
					null, "INTERNAL_ERROR", "Amazon did not answer for this country.", List.of()));
		}
		return new AccountBilling(adsAccountId, AccountBilling.setUp(countries), setupUrl(adsAccountId), countries);
	}

	/** The billing setup link for an account. */
	String setupUrl(String adsAccountId) {
		return this.properties.setupUrl()
			.replace("{adsAccountId}", URLEncoder.encode(adsAccountId, StandardCharsets.UTF_8));
	}

	/**
	 * A page of a profile's invoices (getAdvertiserInvoices pages with a cursor, 100 at
	 * most a page).
	 */
	Mono<Connection<Invoice>> invoices(Tenant tenant, Region region, long profileId, List<String> statuses,
			Integer first, String after) {
		return Connections.page(first, after, (cursor) -> this.client
			.getAdvertiserInvoices(tenant.ads(), region, profileId,
					// Amazon: count cannot be combined with a cursor.
					new Billing.InvoiceQuery(statuses, (cursor == null) ? 100 : null, cursor))
			.map((page) -> new Connections.UpstreamPage<>(
					page.invoiceSummaries().stream().map(BillingService::invoice).toList(), page.nextCursor())));
	}

	/** The schema's {@code Invoice}. */
	record Invoice(String id, String status, LocalDate fromDate, LocalDate toDate, LocalDate invoiceDate,
			LocalDate dueDate, Money amountDue, Money remainingAmountDue) {
	}

	static Invoice invoice(Billing.InvoiceSummary summary) {
		return new Invoice(summary.id(), summary.status(), day(summary.fromDate()), day(summary.toDate()),
				day(summary.invoiceDate()), day(summary.dueDate()), money(summary.amountDue()),
				money(summary.remainingAmountDue()));
	}

	/** Amazon writes days as {@code YYYYMMDD}; ISO's {@code YYYY-MM-DD} is read too. */
	static LocalDate day(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return value.contains("-") ? LocalDate.parse(value) : LocalDate.parse(value, AMAZON_DAY);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static Money money(Billing.CurrencyAmount amount) {
		return (amount != null && amount.amount() != null && amount.currencyCode() != null)
				? new Money(amount.amount(), amount.currencyCode()) : null;
	}

	private static Key key(Tenant tenant, CountryRef ref) {
		return new Key(tenant.id(), ref.entityId(), ref.marketplaceId(), ref.region(), ref.countryCode());
	}

	private Mono<Map<Key, CountryBilling>> load(Tenant tenant, Set<Key> keys) {
		Map<Region, List<Key>> byRegion = new LinkedHashMap<>();
		keys.forEach((key) -> byRegion.computeIfAbsent(key.region(), (r) -> new ArrayList<>()).add(key));
		List<Mono<Map<Key, CountryBilling>>> calls = new ArrayList<>();
		byRegion.forEach((region, regionKeys) -> {
			for (int from = 0; from < regionKeys.size(); from += Billing.MAX_ITEMS) {
				List<Key> chunk = regionKeys.subList(from, Math.min(regionKeys.size(), from + Billing.MAX_ITEMS));
				calls.add(loadChunk(tenant, region, List.copyOf(chunk)));
			}
		});
		return Flux.merge(calls).collectList().map((parts) -> {
			Map<Key, CountryBilling> all = new HashMap<>();
			parts.forEach(all::putAll);
			return all;
		});
	}

	private Mono<Map<Key, CountryBilling>> loadChunk(Tenant tenant, Region region, List<Key> chunk) {
		List<Billing.AdvertiserMarketplace> items = chunk.stream()
			.map((key) -> new Billing.AdvertiserMarketplace(key.entityId(), key.marketplaceId()))
			.toList();
		return Mono
			.zip(this.client.bulkGetBillingStatus(tenant.ads(), region, items),
					this.client.bulkGetBillingNotifications(tenant.ads(), region, items))
			.map((answers) -> merge(chunk, answers.getT1(), answers.getT2()));
	}

	/** Both bulk answers, item by item: each item is answered at its index. */
	static Map<Key, CountryBilling> merge(List<Key> chunk, Billing.Statuses statuses,
			Billing.Notifications notifications) {
		Map<Integer, List<CountryBilling.BillingNotification>> notes = new HashMap<>();
		for (Billing.NotificationsSuccess success : notifications.success()) {
			if (success.index() != null && success.billingNotifications() != null) {
				notes.put(success.index(), success.billingNotifications()
					.stream()
					.map((n) -> new CountryBilling.BillingNotification(n.notificationName(), n.title(), n.description(),
							n.severity(), n.impact(), n.priority(), n.paymentDueDate(), n.suspensionDate()))
					.toList());
			}
		}
		Map<Key, CountryBilling> result = new HashMap<>();
		for (Billing.StatusSuccess success : statuses.success()) {
			Key key = at(chunk, success.index());
			if (key != null && success.billingStatus() != null) {
				result.put(key,
						new CountryBilling(key.countryCode(), key.marketplaceId(),
								success.billingStatus().billingStatusCode(), success.billingStatus().message(), null,
								null, notes.getOrDefault(success.index(), List.of())));
			}
		}
		for (Billing.ItemError error : statuses.error()) {
			Key key = at(chunk, error.index());
			if (key != null && !result.containsKey(key)) {
				result.put(key,
						new CountryBilling(key.countryCode(), key.marketplaceId(), null, null,
								(error.errorCode() != null) ? error.errorCode() : "INTERNAL_ERROR", error.description(),
								List.of()));
			}
		}
		return result;
	}

	private static Key at(List<Key> chunk, Integer index) {
		return (index != null && index >= 0 && index < chunk.size()) ? chunk.get(index) : null;
	}

}
