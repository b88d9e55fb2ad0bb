package dev.adsgraph.observability;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.adsgraph.upstream.UpstreamMetrics;
import dev.adsgraph.upstream.UpstreamOperation;

/**
 * {@link UpstreamMetrics} as Micrometer meters; the names and tags are listed in the
 * docs/observability.md.
 */
final class MicrometerUpstreamMetrics implements UpstreamMetrics {

	static final String CALLS = "adsgraph.upstream.calls";

	static final String RETRIES = "adsgraph.upstream.retries";

	static final String THROTTLED = "adsgraph.upstream.throttled";

	static final String RATE_LIMIT_WAIT = "adsgraph.upstream.ratelimit.wait";

	static final String LWA_REFRESHES = "adsgraph.lwa.refreshes";

	private final Meter.MeterProvider<Timer> calls;

	private final Meter.MeterProvider<Counter> retries;

	private final Meter.MeterProvider<Counter> throttled;

	private final Meter.MeterProvider<Timer> rateLimitWaits;

	private final Meter.MeterProvider<Counter> lwaRefreshes;

	MicrometerUpstreamMetrics(MeterRegistry registry) {
		this.calls = Timer.builder(CALLS)
			.description("Attempts of upstream calls: sent ones by HTTP status, or what stopped them")
			.withRegistry(registry);
		this.retries = Counter.builder(RETRIES)
			.description("Failed upstream attempts that were repeated, by what they failed with")
			.withRegistry(registry);
		this.throttled = Counter.builder(THROTTLED)
			.description("HTTP 429 answers of the upstreams")
			.withRegistry(registry);
		this.rateLimitWaits = Timer.builder(RATE_LIMIT_WAIT)
			.description("Time SP-API calls waited for their turn and rate-limit token")
			.withRegistry(registry);
		this.lwaRefreshes = Counter.builder(LWA_REFRESHES)
			.description("Login with Amazon access token refreshes")
			.withRegistry(registry);
	}

	@Override
	public void attempt(UpstreamOperation operation, String status, Duration duration) {
		this.calls.withTags(tags(operation).and("status", status, "outcome", outcome(status))).record(duration);
		if ("429".equals(status)) {
			this.throttled.withTags(tags(operation)).increment();
		}
	}

	/** The operation's catalogue entry names it: its upstream and its spec id. */
	private static Tags tags(UpstreamOperation operation) {
		return Tags.of("upstream", operation.upstream(), "operation", operation.id());
	}

	/** Like Boot's HTTP outcomes, with the two ways an attempt ends without an answer. */
	static String outcome(String status) {
		if (NO_ANSWER.equals(status)) {
			return "no_answer";
		}
		if (CANCELLED.equals(status)) {
			return "cancelled";
		}
		int code;
		try {
			code = Integer.parseInt(status);
		}
		catch (NumberFormatException ex) {
			return "refused";
		}
		if (code < 400) {
			return "success";
		}
		return (code < 500) ? "client_error" : "server_error";
	}

	@Override
	public void retry(UpstreamOperation operation, String reason) {
		this.retries.withTags(tags(operation).and("reason", reason)).increment();
	}

	@Override
	public void rateLimitWait(UpstreamOperation operation, String outcome, Duration waited) {
		this.rateLimitWaits.withTags(tags(operation).and("outcome", outcome)).record(waited);
	}

	@Override
	public void lwaRefresh(String outcome) {
		this.lwaRefreshes.withTags(Tags.of("outcome", outcome)).increment();
	}

}
