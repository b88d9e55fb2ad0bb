package dev.adsgraph.sandbox.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Failures the sandbox injects on purpose, per upstream ({@code ads}, {@code sp},
 * {@code lwa}) and operation id, so the gateway's retries, circuit breakers and partial
 * results can be exercised against real HTTP: 429 (with {@code Retry-After} where Amazon
 * sends one), 500, 503, added latency, connections closed without an answer, and 2xx
 * answers whose body is cut short.
 *
 * <p>
 * Two ways to pick the calls that fail. {@code spread} (the default) makes the rates
 * exact proportions of each operation's calls, spread as evenly as possible (with rates
 * 0.2 and 0.05, one call in five draws a 429 and one in twenty a 500), so a test's
 * outcome does not hang on luck. {@code random} draws every call independently from a
 * seeded generator, which is what a benchmark usually wants.
 *
 * <p>
 * The first rule that matches a call decides; {@code *} matches any upstream or
 * operation. Injected faults happen before the operation runs, so a faulted write never
 * changed anything.
 */
public final class Faults {

	public enum Kind {

		TOO_MANY_REQUESTS("429"), SERVER_ERROR("500"), UNAVAILABLE("503"), DROP("drop"), MALFORMED("malformed");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	/**
	 * One rule. Rates are fractions of calls, 0 to 1, summing to at most 1.
	 *
	 * @param upstream {@code ads}, {@code sp}, {@code lwa} or {@code *}
	 * @param operation an operation id as in the stats keys (for example
	 * {@code listProfiles}, {@code getCatalogItem}, {@code token} for LWA) or {@code *}
	 * @param latency added to every matching call, faulted or not
	 * @param latencyJitter a uniformly drawn extra delay between zero and this
	 * @param retryAfterSeconds the {@code Retry-After} of injected Ads and LWA 429s
	 */
	record Rule(String upstream, String operation, double tooManyRequests, double serverError, double unavailable,
			double drop, double malformed, Duration latency, Duration latencyJitter, int retryAfterSeconds) {

		Rule {
			upstream = normalized(upstream, "upstream");
			if (!List.of("*", "ads", "sp", "lwa").contains(upstream)) {
				throw new IllegalArgumentException("upstream must be ads, sp, lwa or *, was " + upstream);
			}
			operation = normalized(operation, "operation");
			double total = 0;
			for (double rate : new double[] { tooManyRequests, serverError, unavailable, drop, malformed }) {
				if (!(rate >= 0 && rate <= 1)) {
					throw new IllegalArgumentException("fault rates must be between 0 and 1, was " + rate);
				}
				total += rate;
			}
			if (total > 1.000001) {
				throw new IllegalArgumentException("fault rates of one rule must add up to at most 1, was " + total);
			}
			latency = (latency != null) ? latency : Duration.ZERO;
			latencyJitter = (latencyJitter != null) ? latencyJitter : Duration.ZERO;
			if (latency.isNegative() || latencyJitter.isNegative() || latency.plus(latencyJitter).toSeconds() > 300) {
				throw new IllegalArgumentException("latency and latencyJitter must be between 0 and 300s in all");
			}
			if (retryAfterSeconds < 0 || retryAfterSeconds > 3600) {
				throw new IllegalArgumentException(
						"retryAfterSeconds must be between 0 and 3600, was " + retryAfterSeconds);
			}
		}

		private static String normalized(String value, String name) {
			if (value == null || value.isBlank()) {
				return "*";
			}
			return "upstream".equals(name) ? value.trim().toLowerCase(Locale.ROOT) : value.trim();
		}

		boolean matches(String upstream, String operation) {
			return ("*".equals(this.upstream) || this.upstream.equals(upstream))
					&& ("*".equals(this.operation) || this.operation.equalsIgnoreCase(operation));
		}

		double rate(Kind kind) {
			return switch (kind) {
				case TOO_MANY_REQUESTS -> this.tooManyRequests;
				case SERVER_ERROR -> this.serverError;
				case UNAVAILABLE -> this.unavailable;
				case DROP -> this.drop;
				case MALFORMED -> this.malformed;
			};
		}

		public Map<String, Object> describe() {
			Map<String, Object> rule = new LinkedHashMap<>();
			rule.put("upstream", this.upstream);
			rule.put("operation", this.operation);
			rule.put("tooManyRequests", this.tooManyRequests);
			rule.put("serverError", this.serverError);
			rule.put("unavailable", this.unavailable);
			rule.put("drop", this.drop);
			rule.put("malformed", this.malformed);
			rule.put("latency", this.latency.toString());
			rule.put("latencyJitter", this.latencyJitter.toString());
			rule.put("retryAfterSeconds", this.retryAfterSeconds);
			return rule;
		}

	}

	/** What happens to one call: a delay, and a fault or none. */
	record Decision(Duration delay, Kind kind, int retryAfterSeconds) {

		static final Decision NONE = new Decision(Duration.ZERO, null, 0);

	}

	private record Plan(List<Rule> rules, boolean random, Random generator) {
	}

	private static final Plan EMPTY = new Plan(List.of(), false, new Random(0));

	private final Stats stats;

	private volatile Plan plan = EMPTY;

	// Spread mode: per rule and operation, the credit each kind of fault has built up.
	private final Map<String, double[]> credits = new HashMap<>();

	public Faults(Stats stats) {
		this.stats = stats;
	}

	/**
	 * Replaces every rule. {@code mode} is {@code spread} (null means it) or
	 * {@code random}.
	 */
	public synchronized void configure(List<Rule> rules, String mode, Long seed) {
		boolean random = switch ((mode == null) ? "spread" : mode.trim().toLowerCase(Locale.ROOT)) {
			case "spread" -> false;
			case "random" -> true;
			default -> throw new IllegalArgumentException("mode must be spread or random, was " + mode);
		};
		this.credits.clear();
		this.plan = new Plan(List.copyOf(rules), random,
				(seed != null) ? new Random(seed) : new Random(ThreadLocalRandom.current().nextLong()));
	}

	public synchronized void clear() {
		this.credits.clear();
		this.plan = EMPTY;
	}

	public Map<String, Object> describe() {
		Plan current = this.plan;
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("mode", current.random() ? "random" : "spread");
		description.put("rules", current.rules().stream().map(Rule::describe).toList());
		return description;
	}

	Decision decide(String upstream, String operation) {
		Plan current = this.plan;
		if (current.rules().isEmpty()) {
			return Decision.NONE;
		}
		for (int i = 0; i < current.rules().size(); i++) {
			Rule rule = current.rules().get(i);
			if (rule.matches(upstream, operation)) {
				return decide(current, i, rule, upstream + "|" + operation);
			}
		}
		return Decision.NONE;
	}

	private synchronized Decision decide(Plan current, int index, Rule rule, String key) {
		if (current != this.plan) {
			return Decision.NONE; // replaced while we looked; the next call sees the new
									// rules
		}
		Kind chosen = current.random() ? draw(current.generator(), rule) : spread(index + "|" + key, rule);
		long jitter = rule.latencyJitter().toMillis();
		Duration delay = rule.latency()
			.plusMillis((jitter > 0) ? (long) (current.generator().nextDouble() * (jitter + 1)) : 0);
		return new Decision(delay, chosen, rule.retryAfterSeconds());
	}

	private static Kind draw(Random generator, Rule rule) {
		double roll = generator.nextDouble();
		double bound = 0;
		for (Kind kind : Kind.values()) {
			bound += rule.rate(kind);
			if (roll < bound) {
				return kind;
			}
		}
		return null;
	}

	/**
	 * Error diffusion: every call adds the rule's total fault rate to a shared credit and
	 * each kind's rate to its own; once the shared credit reaches one, a fault fires, of
	 * the kind with the most credit, and both pay one back. Over n calls each kind fires
	 * about rate * n times, and two faults are as far apart as the total rate allows
	 * (four calls at 0.2 + 0.05).
	 */
	private Kind spread(String key, Rule rule) {
		int total = Kind.values().length;
		// Credits start at one half, so the counts are rounded, not cut: at a rate of one
		// half
		// the first call already faults.
		double[] credit = this.credits.computeIfAbsent(key, (k) -> {
			double[] initial = new double[total + 1];
			Arrays.fill(initial, 0.5);
			return initial;
		});
		Kind best = null;
		for (Kind kind : Kind.values()) {
			double rate = rule.rate(kind);
			credit[kind.ordinal()] += rate;
			credit[total] += rate;
			if (rate > 0 && (best == null || credit[kind.ordinal()] > credit[best.ordinal()])) {
				best = kind;
			}
		}
		if (best == null || credit[total] < 1 - 1e-9) {
			return null;
		}
		credit[total] -= 1;
		credit[best.ordinal()] -= 1;
		return best;
	}

	/**
	 * Runs {@code normal} unless a fault applies. {@code error} renders an error status
	 * in the operation's own shape with the given extra headers; {@code contentType} is
	 * what the operation answers, used for malformed bodies.
	 */
	public Mono<ServerResponse> apply(String upstream, String operation, String statsKey, ServerRequest request,
			String contentType, ErrorRenderer error, Supplier<Mono<ServerResponse>> normal) {
		Decision decision = decide(upstream, operation);
		if (decision.kind() == null && decision.delay().isZero()) {
			return normal.get();
		}
		Mono<ServerResponse> outcome = Mono.defer(() -> {
			if (decision.kind() == null) {
				return normal.get();
			}
			this.stats.count(statsKey + ".fault." + decision.kind().label());
			return switch (decision.kind()) {
				case TOO_MANY_REQUESTS -> error.render(429, decision.retryAfterSeconds());
				case SERVER_ERROR -> error.render(500, -1);
				case UNAVAILABLE -> error.render(503, -1);
				case MALFORMED -> new Reply(200, contentType, "{\"truncated\": [{\"id\": ").toResponse();
				case DROP -> drop(request);
			};
		});
		return decision.delay().isZero() ? outcome : Mono.delay(decision.delay()).then(outcome);
	}

	/** Closes the connection without an answer, as a failing load balancer would. */
	private static Mono<ServerResponse> drop(ServerRequest request) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request.exchange().getRequest());
		if (nativeRequest instanceof Connection connection) {
			connection.channel().close();
			return Mono.never();
		}
		return Mono.error(new IllegalStateException("cannot drop a connection of " + nativeRequest.getClass()));
	}

	/**
	 * Parses {@code {"mode": "spread", "seed": 1, "rules": [...]}} (durations as 50ms, 2s
	 * or ISO-8601).
	 */
	public static ParsedRules parse(JsonNode body) {
		List<Rule> rules = new ArrayList<>();
		JsonNode list = body.path("rules");
		if (!list.isArray()) {
			throw new IllegalArgumentException("rules must be an array");
		}
		for (JsonNode rule : list) {
			if (!rule.isObject()) {
				throw new IllegalArgumentException("each rule must be an object");
			}
			rules.add(new Rule(text(rule, "upstream"), text(rule, "operation"), rate(rule, "tooManyRequests"),
					rate(rule, "serverError"), rate(rule, "unavailable"), rate(rule, "drop"), rate(rule, "malformed"),
					duration(rule, "latency"), duration(rule, "latencyJitter"),
					rule.has("retryAfterSeconds") ? integer(rule, "retryAfterSeconds") : 1));
		}
		String mode = body.has("mode") ? body.get("mode").asString() : null;
		Long seed = (body.has("seed") && body.get("seed").isIntegralNumber()) ? body.get("seed").asLong() : null;
		return new ParsedRules(rules, mode, seed);
	}

	public record ParsedRules(List<Rule> rules, String mode, Long seed) {
	}

	private static String text(JsonNode rule, String field) {
		JsonNode value = rule.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new IllegalArgumentException(field + " must be a string");
		}
		return value.asString();
	}

	private static double rate(JsonNode rule, String field) {
		JsonNode value = rule.get(field);
		if (value == null || value.isNull()) {
			return 0;
		}
		if (!value.isNumber()) {
			throw new IllegalArgumentException(field + " must be a number between 0 and 1");
		}
		return value.asDouble();
	}

	private static int integer(JsonNode rule, String field) {
		JsonNode value = rule.get(field);
		if (!value.isIntegralNumber()) {
			throw new IllegalArgumentException(field + " must be a whole number");
		}
		return value.asInt();
	}

	private static Duration duration(JsonNode rule, String field) {
		String text = text(rule, field);
		if (text == null) {
			return null;
		}
		try {
			return DurationStyle.detectAndParse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(field + " must be a duration such as 50ms, 2s or PT0.05S, was " + text);
		}
	}

	/**
	 * Renders an error status in an operation's own shape; {@code retryAfterSeconds} is
	 * -1 for none.
	 */
	@FunctionalInterface
	public interface ErrorRenderer {

		Mono<ServerResponse> render(int status, int retryAfterSeconds);

	}

	/** The message of an injected error status. */
	public static String message(int status) {
		return switch (status) {
			// The SP-API's own text (reference section 4); the Ads families and LWA pass
			// their own.
			case 429 -> "You exceeded your quota for the requested resource.";
			case 503 -> "The service is temporarily unavailable.";
			default -> "An internal error occurred.";
		};
	}

}
