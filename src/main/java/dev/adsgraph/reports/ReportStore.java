package dev.adsgraph.reports;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Finished report results (READY and FAILED) by key, each for its own time to live. In
 * memory by default ({@link CaffeineReportStore}); several replicas share results through
 * another implementation (Redis) declared as a bean. Reports still running are not
 * stored: each replica follows its own, and Amazon's duplicate detection (425) lets a
 * second replica adopt the report of the first instead of starting another.
 */
public interface ReportStore {

	/** The stored result, empty when there is none or it expired. */
	Mono<ReportResult<?>> get(ReportKey key);

	Mono<Void> put(ReportKey key, ReportResult<?> result, Duration ttl);

	/** Forgets the result, so the next request makes a new report. */
	Mono<Void> evict(ReportKey key);

}
