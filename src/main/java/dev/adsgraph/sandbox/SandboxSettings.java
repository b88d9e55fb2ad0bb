package dev.adsgraph.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How a {@link SandboxServer} listens and how fast its simulated Amazon moves.
 *
 * @param address bind address; {@code 127.0.0.1} when null
 * @param port TCP port; 0 picks a free one
 * @param registrationDelay how long a new ads account stays PENDING (v1:
 * REGISTRATION_IN_PROGRESS); Amazon documents 3 to 30 seconds, so 3 s when null
 * @param termsAcceptanceDelay when set and positive, terms tokens accept themselves after
 * this long, as if the user clicked the button; null or zero means only an explicit
 * acceptance counts
 * @param tokenTtl lifetime of issued LWA access tokens; 3600 s when null, as Amazon's
 * @param reportProcessingTime how long an SP-API or Ads report takes from request to
 * document; the first half is spent queued (IN_QUEUE / PENDING), the second processing
 * (IN_PROGRESS / PROCESSING); 2 s when null
 * @param spRateLimits whether SP-API operations enforce their usage-plan token buckets
 * (429 when empty); the {@code x-amzn-RateLimit-Limit} header is sent either way
 * @param clock time source; every state is computed from timestamps, so a test clock
 * makes the simulation deterministic; the system clock in milliseconds when null
 * @param strict whether requests that deviate from Amazon's guidance where Amazon
 * documents no rejection (an SP-API {@code user-agent} without {@code Language=}, an
 * {@code Accept} or Ads {@code Content-Type} other than the spec's) are refused instead
 * of served and recorded as warnings in {@code GET /sandbox/stats}; off by default
 */
public record SandboxSettings(String address, int port, Duration registrationDelay, Duration termsAcceptanceDelay,
		Duration tokenTtl, Duration reportProcessingTime, boolean spRateLimits, Clock clock, boolean strict) {

	/** Lenient settings: deviations from Amazon's guidance are served and recorded. */
	public SandboxSettings(String address, int port, Duration registrationDelay, Duration termsAcceptanceDelay,
			Duration tokenTtl, Duration reportProcessingTime, boolean spRateLimits, Clock clock) {
		this(address, port, registrationDelay, termsAcceptanceDelay, tokenTtl, reportProcessingTime, spRateLimits,
				clock, false);
	}

	/**
	 * The settings of a sandbox before SP-API and reporting existed: 2 s reports, rate
	 * limits on.
	 */
	public SandboxSettings(String address, int port, Duration registrationDelay, Duration termsAcceptanceDelay,
			Duration tokenTtl, Clock clock) {
		this(address, port, registrationDelay, termsAcceptanceDelay, tokenTtl, null, true, clock);
	}

	public SandboxSettings {
		address = (address == null || address.isBlank()) ? "127.0.0.1" : address.trim();
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
		}
		registrationDelay = nonNegative("registrationDelay",
				Objects.requireNonNullElse(registrationDelay, Duration.ofSeconds(3)));
		termsAcceptanceDelay = (termsAcceptanceDelay == null || termsAcceptanceDelay.isZero()) ? null
				: nonNegative("termsAcceptanceDelay", termsAcceptanceDelay);
		tokenTtl = Objects.requireNonNullElse(tokenTtl, Duration.ofSeconds(3600));
		if (tokenTtl.isNegative() || tokenTtl.isZero()) {
			throw new IllegalArgumentException("tokenTtl must be positive, was " + tokenTtl);
		}
		reportProcessingTime = nonNegative("reportProcessingTime",
				Objects.requireNonNullElse(reportProcessingTime, Duration.ofSeconds(2)));
		// Milliseconds, as Amazon's timestamps: a time the sandbox shows a client is then
		// exactly the time it compares (createdSince, token expiry), not one rounded off.
		clock = Objects.requireNonNullElse(clock, Clock.tickMillis(ZoneOffset.UTC));
	}

	/** Loopback, random port, Amazon-like timings, system clock. */
	public static SandboxSettings defaults() {
		return new SandboxSettings(null, 0, null, null, null, null, true, null);
	}

	public SandboxSettings withAddress(String address) {
		return new SandboxSettings(address, this.port, this.registrationDelay, this.termsAcceptanceDelay, this.tokenTtl,
				this.reportProcessingTime, this.spRateLimits, this.clock, this.strict);
	}

	public SandboxSettings withPort(int port) {
		return new SandboxSettings(this.address, port, this.registrationDelay, this.termsAcceptanceDelay, this.tokenTtl,
				this.reportProcessingTime, this.spRateLimits, this.clock, this.strict);
	}

	public SandboxSettings withRegistrationDelay(Duration registrationDelay) {
		return new SandboxSettings(this.address, this.port, registrationDelay, this.termsAcceptanceDelay, this.tokenTtl,
				this.reportProcessingTime, this.spRateLimits, this.clock, this.strict);
	}

	public SandboxSettings withTermsAcceptanceDelay(Duration termsAcceptanceDelay) {
		return new SandboxSettings(this.address, this.port, this.registrationDelay, termsAcceptanceDelay, this.tokenTtl,
				this.reportProcessingTime, this.spRateLimits, this.clock, this.strict);
	}

	public SandboxSettings withTokenTtl(Duration tokenTtl) {
		return new SandboxSettings(this.address, this.port, this.registrationDelay, this.termsAcceptanceDelay, tokenTtl,
				this.reportProcessingTime, this.spRateLimits, this.clock, this.strict);
	}

	public SandboxSettings withClock(Clock clock) {
		return new SandboxSettings(this.address, this.port, this.registrationDelay, this.termsAcceptanceDelay,
				this.tokenTtl, this.reportProcessingTime, this.spRateLimits, clock, this.strict);
	}

	public SandboxSettings withReportProcessingTime(Duration reportProcessingTime) {
		return new SandboxSettings(this.address, this.port, this.registrationDelay, this.termsAcceptanceDelay,
				this.tokenTtl, reportProcessingTime, this.spRateLimits, this.clock, this.strict);
	}

	public SandboxSettings withSpRateLimits(boolean spRateLimits) {
		return new SandboxSettings(this.address, this.port, this.registrationDelay, this.termsAcceptanceDelay,
				this.tokenTtl, this.reportProcessingTime, spRateLimits, this.clock, this.strict);
	}

	public SandboxSettings withStrict(boolean strict) {
		return new SandboxSettings(this.address, this.port, this.registrationDelay, this.termsAcceptanceDelay,
				this.tokenTtl, this.reportProcessingTime, this.spRateLimits, this.clock, strict);
	}

	private static Duration nonNegative(String name, Duration value) {
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, was " + value);
		}
		return value;
	}

}
