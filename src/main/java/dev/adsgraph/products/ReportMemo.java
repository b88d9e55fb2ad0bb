package dev.adsgraph.products;

import java.util.Objects;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Figures derived from a report's data (its rows summed per ASIN and per day, a profile's
 * totals), computed once per report result instead of once per request: keyed by the
 * identity of the data object the report store holds, so a report requested again (a new
 * result) is derived again, and an entry goes when its result is no longer held (weak
 * keys). The derivation must depend only on the data and the {@code variant} (for
 * instance the currency), never on the request.
 * <p>
 * A result read back from a shared store (Redis mode) is a new object on each read: it is
 * derived each time, as before, and its entry is dropped with it.
 *
 * @param <D> the report data (a list of rows, a document's figures)
 * @param <V> what is derived from it
 */
final class ReportMemo<D, V> {

	private final Cache<D, Entry<V>> entries;

	/**
	 * @param maximumSize how many results' derived figures are kept at most
	 */
	ReportMemo(long maximumSize) {
		this.entries = Caffeine.newBuilder().weakKeys().maximumSize(maximumSize).build();
	}

	/**
	 * What {@code derive} gives for {@code data} and {@code variant}: computed on the
	 * first call for this data object, then the same value. Another variant (the other
	 * report of a pair was requested again) is derived and replaces the kept one.
	 */
	V get(D data, Object variant, Supplier<V> derive) {
		Entry<V> entry = this.entries.get(data, (key) -> new Entry<>(variant, derive.get()));
		if (!Objects.equals(entry.variant(), variant)) {
			V value = derive.get();
			this.entries.put(data, new Entry<>(variant, value));
			return value;
		}
		return entry.value();
	}

	private record Entry<V>(Object variant, V value) {
	}

	/**
	 * A variant that is the same only as itself: another report's data, compared by
	 * identity rather than by its contents.
	 */
	static final class Identity {

		private final Object value;

		Identity(Object value) {
			this.value = value;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Identity identity && identity.value == this.value;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.value);
		}

	}

}
