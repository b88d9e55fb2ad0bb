package dev.adsgraph.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;

import dev.adsgraph.sandbox.Catalog.Kind;
import dev.adsgraph.sandbox.Catalog.Listing;

/**
 * Daily retail and sponsored-products numbers per (listing, date), computed on demand
 * from the listing's seed and the date, so any range of any length costs no storage and
 * always gives the same answer. Every SP-API and Ads answer sums these, which is what
 * makes the two APIs agree.
 *
 * <p>
 * Invariants per day: clicks ≤ impressions; purchases ≤ units ordered; attributed sales
 * (purchases × price) ≤ ordered product sales (units × price); order items ≤ units;
 * orders ≤ order items; sessions ≥ units; page views ≥ sessions.
 */
final class Figures {

	private Figures() {
	}

	/** Retail numbers; {@code buyBoxViews} counts page views that showed the buy box. */
	record Retail(long units, long orderItems, long orders, long salesMinor, long sessions, long browserSessions,
			long pageViews, long browserPageViews, long buyBoxViews, long unitsRefunded) {

		static final Retail ZERO = new Retail(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

		Retail plus(Retail other) {
			return new Retail(this.units + other.units, this.orderItems + other.orderItems, this.orders + other.orders,
					this.salesMinor + other.salesMinor, this.sessions + other.sessions,
					this.browserSessions + other.browserSessions, this.pageViews + other.pageViews,
					this.browserPageViews + other.browserPageViews, this.buyBoxViews + other.buyBoxViews,
					this.unitsRefunded + other.unitsRefunded);
		}

		/** Page-view weighted, two decimals, as Amazon's reports show it. */
		double buyBoxPercentage() {
			return percent(this.buyBoxViews, this.pageViews);
		}

	}

	/** Sponsored-products numbers with Amazon's default 7-day attribution. */
	record Ads(long impressions, long clicks, long costMinor, long purchases, long salesMinor, long unitsSold) {

		static final Ads ZERO = new Ads(0, 0, 0, 0, 0, 0);

		Ads plus(Ads other) {
			return new Ads(this.impressions + other.impressions, this.clicks + other.clicks,
					this.costMinor + other.costMinor, this.purchases + other.purchases,
					this.salesMinor + other.salesMinor, this.unitsSold + other.unitsSold);
		}

	}

	/** One day of one listing; {@code ads} is null when the listing is not advertised. */
	record Day(Retail retail, Ads ads) {
	}

	static Day day(Listing listing, LocalDate date) {
		SplittableRandom random = new SplittableRandom(
				mix(listing.seed() + date.toEpochDay() * 0x9E37_79B9_7F4A_7C15L));
		double weekday = (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) ? 1.25
				: (date.getDayOfWeek() == DayOfWeek.MONDAY) ? 0.9 : 1.0;
		double season = 1.0 + 0.2 * Math.sin(2 * Math.PI * date.getDayOfYear() / 365.25);
		double demand = listing.baseUnits() * weekday * season * (0.6 + 0.8 * random.nextDouble());

		long units = listing.kind().sells() ? (long) Math.floor(demand + random.nextDouble()) : 0;
		long orderItems = (units == 0) ? 0 : units - random.nextInt((int) (units / 5) + 1);
		long orders = (orderItems == 0) ? 0 : orderItems - random.nextInt((int) (orderItems / 6) + 1);
		long sessions = Math.max(units, Math.round(demand * (7 + 6 * random.nextDouble())) + 3 + random.nextInt(12));
		long browserSessions = Math.round(sessions * (0.35 + 0.3 * random.nextDouble()));
		long pageViews = sessions + Math.round(sessions * (0.2 + 0.5 * random.nextDouble()));
		long browserPageViews = Math.min(pageViews, Math.round(pageViews * (double) browserSessions / sessions));
		double buyBoxShare = listing.buyable() ? 0.85 + 0.15 * random.nextDouble() : 0.0;
		long unitsRefunded = (units > 0 && random.nextInt(20) == 0) ? 1 : 0;
		Retail retail = new Retail(units, orderItems, orders, units * listing.priceMinor(), sessions, browserSessions,
				pageViews, browserPageViews, Math.round(pageViews * buyBoxShare), unitsRefunded);
		if (!listing.kind().advertised()) {
			return new Day(retail, null);
		}
		long impressions = Math.round(demand * (120 + 260 * random.nextDouble())) + 40 + random.nextInt(60);
		long clicks = Math.min(impressions, Math.round(impressions * (0.002 + 0.01 * random.nextDouble())));
		// A click costs 2 to 6 % of the price: what a cheap item and an expensive one can
		// bear.
		long costMinor = Math.round(clicks * Math.max(1.0, listing.priceMinor() * (0.02 + 0.04 * random.nextDouble())));
		long converted = Math.round(clicks * (0.04 + 0.1 * random.nextDouble()));
		long purchases = (listing.kind() == Kind.DELETED) ? converted : Math.min(units, converted);
		long extra = (listing.kind() == Kind.DELETED) ? random.nextInt(2)
				: (units > purchases) ? random.nextInt((int) Math.min(2, units - purchases) + 1) : 0;
		Ads ads = new Ads(impressions, clicks, costMinor, purchases, purchases * listing.priceMinor(),
				purchases + extra);
		return new Day(retail, ads);
	}

	static Retail retail(Listing listing, LocalDate from, LocalDate to) {
		Retail sum = Retail.ZERO;
		for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
			sum = sum.plus(day(listing, date).retail());
		}
		return sum;
	}

	/** Zero for listings that are not advertised. */
	static Ads ads(Listing listing, LocalDate from, LocalDate to) {
		Ads sum = Ads.ZERO;
		if (!listing.kind().advertised()) {
			return sum;
		}
		for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
			sum = sum.plus(day(listing, date).ads());
		}
		return sum;
	}

	/**
	 * A day's units, order items and orders spread over its 24 local hours
	 * ({@code [hour][0..2]}), peaking in the evening. Each hour keeps orders ≤ order
	 * items ≤ units, and the hours add up to the day exactly, so hourly and daily sales
	 * metrics agree.
	 */
	static long[][] hours(Listing listing, LocalDate date, Retail day) {
		SplittableRandom random = new SplittableRandom(
				mix(listing.seed() ^ (date.toEpochDay() * 0xC2B2_AE3D_27D4_EB4FL)));
		double[] weights = new double[24];
		for (int h = 0; h < 24; h++) {
			weights[h] = 0.25 + Math.max(0, Math.sin(Math.PI * (h - 6) / 16.0)) + 0.3 * random.nextDouble();
		}
		long[] items = spread(day.orderItems(), weights);
		long[][] hours = new long[24][3];
		for (int h = 0; h < 24; h++) {
			hours[h][1] = items[h];
			hours[h][0] = items[h];
		}
		// Units beyond one per order item go to hours that have order items.
		long extraUnits = day.units() - day.orderItems();
		for (int h = 23; extraUnits > 0; h = (h + 23) % 24) {
			if (hours[h][1] > 0) {
				hours[h][0]++;
				extraUnits--;
			}
		}
		long orders = day.orders();
		for (int h = 0; orders > 0; h = (h + 1) % 24) {
			if (hours[h][2] < hours[h][1]) {
				hours[h][2]++;
				orders--;
			}
		}
		return hours;
	}

	// Largest-remainder rounding: integer shares that add up to the total.
	private static long[] spread(long total, double[] weights) {
		double sum = 0;
		for (double weight : weights) {
			sum += weight;
		}
		long[] shares = new long[weights.length];
		double[] remainders = new double[weights.length];
		long given = 0;
		for (int i = 0; i < weights.length; i++) {
			double exact = total * weights[i] / sum;
			shares[i] = (long) Math.floor(exact);
			remainders[i] = exact - shares[i];
			given += shares[i];
		}
		while (given < total) {
			int best = 0;
			for (int i = 1; i < remainders.length; i++) {
				if (remainders[i] > remainders[best]) {
					best = i;
				}
			}
			shares[best]++;
			remainders[best] = -1;
			given++;
		}
		return shares;
	}

	static BigDecimal money(long minor, Country country) {
		return BigDecimal.valueOf(minor, country.currencyDigits());
	}

	static double percent(long part, long whole) {
		if (whole == 0) {
			return 0.0;
		}
		return BigDecimal.valueOf(part * 100.0 / whole).setScale(2, RoundingMode.HALF_UP).doubleValue();
	}

	static double ratio(long part, long whole) {
		if (whole == 0) {
			return 0.0;
		}
		return BigDecimal.valueOf((double) part / whole).setScale(2, RoundingMode.HALF_UP).doubleValue();
	}

	// SplitMix64's finaliser: neighbouring days get unrelated streams.
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
		return z ^ (z >>> 31);
	}

}
