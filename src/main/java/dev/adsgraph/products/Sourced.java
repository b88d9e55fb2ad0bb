package dev.adsgraph.products;

import java.util.function.Function;

import dev.adsgraph.reports.ReportResult;

/**
 * Report-based data and how fresh it is; {@code data} is null unless the freshness is
 * READY.
 */
record Sourced<T>(Freshness freshness, T data) {

	static <T> Sourced<T> unavailable(String why) {
		return new Sourced<>(Freshness.failed(why), null);
	}

	static <R, T> Sourced<T> of(ReportResult<R> result, Function<R, T> convert) {
		return switch (result.status()) {
			case READY -> new Sourced<>(Freshness.ready(result.asOf()), convert.apply(result.data()));
			case PENDING -> new Sourced<>(Freshness.pending(), null);
			case FAILED -> new Sourced<>(Freshness.failed(describe(result)), null);
		};
	}

	/** The same freshness, with the data (when there is any) converted. */
	<U> Sourced<U> map(Function<T, U> convert) {
		return new Sourced<>(this.freshness, (this.data != null) ? convert.apply(this.data) : null);
	}

	/** Where a report stands, without its data. */
	static Freshness freshnessOf(ReportResult<?> result) {
		return of(result, (data) -> null).freshness();
	}

	private static String describe(ReportResult<?> result) {
		if (result.failure() == null) {
			return "The upstream report failed.";
		}
		String retry = result.failure().retryable() ? " It will be requested again shortly." : "";
		return "The upstream report failed (" + result.failure().reason() + ")." + retry;
	}

}
