package dev.adsgraph.reports;

import java.time.Duration;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * One upstream report per {@link ReportKey} across replicas (docs/scale-out.md). Before
 * creating a report, a replica's {@link ReportEngine} asks for its {@link #turn}: the
 * result another replica stored, the claim on the key (the right to create the report, or
 * to adopt the one a claimant that died recorded), or "wait": another replica follows the
 * report and the engine asks again later, answering PENDING meanwhile. The claimant
 * renews its claim while it follows the report and {@link #finish finishes} with the
 * result, which every replica then reads.
 * <p>
 * Without Redis, {@link #local()}: every turn is the caller's, nothing is shared, and the
 * engine runs as it always did. A Redis implementation that cannot answer fails its
 * {@code Mono}s; the engine then goes on locally for that report.
 */
interface SharedReports {

	/**
	 * The caller's turn for {@code key}.
	 * @param dataType the type of the report's data, to read a stored result
	 * @param owner the caller's claim token, unique per report run
	 */
	Mono<Turn> turn(ReportKey key, JavaType dataType, String owner);

	/**
	 * Records the upstream report id under the caller's claim, so a replica that takes
	 * the claim over adopts the report instead of creating another.
	 */
	Mono<Void> record(ReportKey key, String owner, String reportId);

	/** Extends the caller's claim; false when the claim is no longer the caller's. */
	Mono<Boolean> renew(ReportKey key, String owner);

	/**
	 * Stores the terminal result for {@code ttl} and lets the caller's claim go (a claim
	 * that is someone else's is left alone).
	 */
	Mono<Void> finish(ReportKey key, String owner, ReportResult<?> result, Duration ttl);

	/** How often a replica waiting for another's report asks for its turn again. */
	Duration checkInterval();

	/** How often a claimant renews its claim. */
	Duration renewInterval();

	/** Nothing shared: every turn is the caller's own, and nothing is stored. */
	static SharedReports local() {
		return LocalReports.INSTANCE;
	}

	/**
	 * What the caller does next.
	 *
	 * @param kind what was found
	 * @param result the stored result, for {@link Kind#RESULT}
	 * @param ttl how long the stored result still lives, for {@link Kind#RESULT}
	 * @param reportId the upstream report id the claimant recorded, if any: the one to
	 * adopt for {@link Kind#CLAIMED}, the one followed elsewhere for {@link Kind#WAITING}
	 */
	record Turn(Kind kind, ReportResult<?> result, Duration ttl, String reportId) {

		static Turn result(ReportResult<?> result, Duration ttl) {
			return new Turn(Kind.RESULT, result, ttl, null);
		}

		static Turn claimed(String reportId) {
			return new Turn(Kind.CLAIMED, null, null, reportId);
		}

		static Turn waiting(String reportId) {
			return new Turn(Kind.WAITING, null, null, reportId);
		}

		static Turn local() {
			return new Turn(Kind.LOCAL, null, null, null);
		}

	}

	enum Kind {

		/** Another replica finished the report: its stored result. */
		RESULT,

		/** The claim is the caller's: create the report, or adopt the recorded one. */
		CLAIMED,

		/** Another replica holds the claim: ask again after {@link #checkInterval()}. */
		WAITING,

		/** Nothing is shared: run the report as a single replica would. */
		LOCAL

	}

	/** The default without Redis. */
	final class LocalReports implements SharedReports {

		static final LocalReports INSTANCE = new LocalReports();

		private LocalReports() {
		}

		@Override
		public Mono<Turn> turn(ReportKey key, JavaType dataType, String owner) {
			return Mono.just(Turn.local());
		}

		@Override
		public Mono<Void> record(ReportKey key, String owner, String reportId) {
			return Mono.empty();
		}

		@Override
		public Mono<Boolean> renew(ReportKey key, String owner) {
			return Mono.just(true);
		}

		@Override
		public Mono<Void> finish(ReportKey key, String owner, ReportResult<?> result, Duration ttl) {
			return Mono.empty();
		}

		@Override
		public Duration checkInterval() {
			return Duration.ofSeconds(1);
		}

		@Override
		public Duration renewInterval() {
			return Duration.ofSeconds(10);
		}

	}

}
