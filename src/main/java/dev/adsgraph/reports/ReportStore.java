package dev.adsgraph.reports;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Finished report results (READY and FAILED) by key, each for its own time to live, in
 * this replica's memory ({@link CaffeineReportStore}; a bean of this type replaces it).
 * In Redis mode replicas share running reports and results through {@link SharedReports},
 * behind this store: a result read from Redis is kept here for the rest of its time to
 * live, so warm requests never leave the replica.
 */
public interface ReportStore {

	/** The stored result, empty when there is none or it expired. */
	Mono<ReportResult<?>> get(ReportKey key);

	Mono<Void> put(ReportKey key, ReportResult<?> result, Duration ttl);

	/** Forgets the result, so the next request makes a new report. */
	Mono<Void> evict(ReportKey key);

}
