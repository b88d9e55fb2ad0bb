package dev.adsgraph.reports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SharedReports} in Redis (docs/scale-out.md, "Reports"). Per report key, three
 * keys:
 * <ul>
 * <li>{@code report:claim:{key}}: the claimant's token, {@code SET NX} with an expiry of
 * {@code claimExpiry}, renewed by the claimant while it follows the report; a claimant
 * that dies stops renewing, the claim expires and the next replica that asks takes
 * it;</li>
 * <li>{@code report:upstream:{key}}: the upstream report id the claimant recorded, kept
 * for the engine's maximum wait, so that a replica taking the claim over adopts that
 * report;</li>
 * <li>{@code report:result:{key}}: the terminal result (READY or FAILED) as gzipped JSON,
 * for the time to live the engine computed.</li>
 * </ul>
 * A turn is one script (read the result; else take the claim if free; and read the
 * recorded id), so asking costs one round trip. Every command is bounded by
 * {@code timeout}; a failure reaches the engine, which goes on locally.
 */
final class RedisSharedReports implements SharedReports, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisSharedReports.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// KEYS: result, claim, upstream id. ARGV: owner, claim expiry in ms.
	private static final String TURN = """
			local result = redis.call('get', KEYS[1])
			if result then return {'result', result, redis.call('pttl', KEYS[1])} end
			local id = redis.call('get', KEYS[3])
			if redis.call('set', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'claimed', id} end
			return {'waiting', id}""";

	// KEYS: claim, upstream id. ARGV: owner, report id, id expiry in ms.
	private static final String RECORD = """
			if redis.call('get', KEYS[1]) == ARGV[1] then
			  redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3])
			  return 1
			end
			return 0""";

	// KEYS: claim. ARGV: owner, claim expiry in ms.
	private static final String RENEW = """
			if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
			return 0""";

	// KEYS: result, claim, upstream id. ARGV: result ('' to store none), ttl in ms,
	// owner.
	private static final String FINISH = """
			if ARGV[1] ~= '' then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
			if redis.call('get', KEYS[2]) == ARGV[3] then redis.call('del', KEYS[2], KEYS[3]) end
			return 1""";

	private final StatefulRedisConnection<String, byte[]> connection;

	private final RedisReactiveCommands<String, byte[]> redis;

	private final String prefix;

	private final Duration claimExpiry;

	private final Duration checkInterval;

	private final Duration idExpiry;

	private final Duration timeout;

	/**
	 * @param prefix put before every key ({@code adsgraph:report:} by default)
	 * @param claimExpiry how long a claim lasts without renewal
	 * @param checkInterval how often a waiting replica asks again
	 * @param idExpiry how long a recorded upstream report id is kept (the engine's
	 * maximum wait: no report is followed longer)
	 * @param connection with byte values; closed with this
	 * @param timeout bound on each command
	 */
	RedisSharedReports(StatefulRedisConnection<String, byte[]> connection, String prefix, Duration claimExpiry,
			Duration checkInterval, Duration idExpiry, Duration timeout) {
		this.connection = Objects.requireNonNull(connection, "connection");
		this.redis = connection.reactive();
		this.prefix = Objects.requireNonNull(prefix, "prefix");
		this.claimExpiry = claimExpiry;
		this.checkInterval = checkInterval;
		this.idExpiry = idExpiry;
		this.timeout = timeout;
	}

	@Override
	public Mono<Turn> turn(ReportKey key, JavaType dataType, String owner) {
		String text = text(key);
		return this.redis
			.<List<Object>>eval(TURN, ScriptOutputType.MULTI,
					new String[] { resultKey(text), claimKey(text), upstreamKey(text) }, bytes(owner),
					bytes(Long.toString(this.claimExpiry.toMillis())))
			.next()
			.timeout(this.timeout)
			.flatMap((reply) -> {
				String kind = string(reply.get(0));
				return switch (kind) {
					case "result" -> {
						byte[] stored = (byte[]) reply.get(1);
						long ttl = (Long) reply.get(2);
						// Parsing thousands of rows is CPU work: off the event loop.
						yield Mono.fromCallable(() -> read(stored, dataType))
							.subscribeOn(Schedulers.parallel())
							.map((result) -> Turn.result(result, Duration.ofMillis(Math.max(ttl, 0))))
							.onErrorResume((ex) -> {
								logger.warn("Unreadable shared report result for {}, following it locally: {}", key,
										ex.toString());
								return Mono.just(Turn.local());
							});
					}
					case "claimed" -> Mono.just(Turn.claimed(optionalString(reply, 1)));
					default -> Mono.just(Turn.waiting(optionalString(reply, 1)));
				};
			});
	}

	@Override
	public Mono<Void> record(ReportKey key, String owner, String reportId) {
		String text = text(key);
		return this.redis
			.<Long>eval(RECORD, ScriptOutputType.INTEGER, new String[] { claimKey(text), upstreamKey(text) },
					bytes(owner), bytes(reportId), bytes(Long.toString(this.idExpiry.toMillis())))
			.next()
			.timeout(this.timeout)
			.then();
	}

	@Override
	public Mono<Boolean> renew(ReportKey key, String owner) {
		return this.redis
			.<Long>eval(RENEW, ScriptOutputType.INTEGER, new String[] { claimKey(text(key)) }, bytes(owner),
					bytes(Long.toString(this.claimExpiry.toMillis())))
			.next()
			.timeout(this.timeout)
			.map((renewed) -> renewed == 1L);
	}

	@Override
	public Mono<Void> finish(ReportKey key, String owner, ReportResult<?> result, Duration ttl) {
		String text = text(key);
		return Mono.fromCallable(() -> (ttl.toMillis() > 0) ? write(result) : new byte[0])
			.subscribeOn(Schedulers.parallel())
			.flatMap((stored) -> this.redis
				.<Long>eval(FINISH, ScriptOutputType.INTEGER,
						new String[] { resultKey(text), claimKey(text), upstreamKey(text) }, stored,
						bytes(Long.toString(Math.max(ttl.toMillis(), 1))), bytes(owner))
				.next()
				.timeout(this.timeout))
			.then();
	}

	@Override
	public Duration checkInterval() {
		return this.checkInterval;
	}

	@Override
	public Duration renewInterval() {
		// Three renewals per expiry: one lost or late renewal does not lose the claim.
		return this.claimExpiry.dividedBy(3);
	}

	@Override
	public void close() {
		this.connection.close();
	}

	static byte[] write(ReportResult<?> result) {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		try (OutputStream gzip = new GZIPOutputStream(buffer)) {
			JSON.writeValue(gzip, result);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return buffer.toByteArray();
	}

	static ReportResult<?> read(byte[] stored, JavaType dataType) {
		JavaType type = JSON.getTypeFactory().constructParametricType(ReportResult.class, dataType);
		try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(stored))) {
			return JSON.readValue(gzip, type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The key's text: its fields in order, options sorted, each escaped so that no two
	 * keys share a text (and no brace ends the hash tag early).
	 */
	static String text(ReportKey key) {
		String options = key.options()
			.entrySet()
			.stream()
			.map((option) -> escape(option.getKey()) + "=" + escape(option.getValue()))
			.collect(Collectors.joining(","));
		return String.join(":", escape(key.tenantId()), escape(key.upstream()), escape(key.scope()),
				escape(key.reportType()), key.startDate().toString(), key.endDate().toString(), options);
	}

	private static String escape(String value) {
		StringBuilder escaped = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			switch (c) {
				case '%', ':', ',', '=', '{', '}' -> escaped.append('%').append(String.format("%02X", (int) c));
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private String resultKey(String text) {
		return this.prefix + "result:" + hashTag(text);
	}

	private String claimKey(String text) {
		return this.prefix + "claim:" + hashTag(text);
	}

	private String upstreamKey(String text) {
		return this.prefix + "upstream:" + hashTag(text);
	}

	/**
	 * The text in braces: a Redis Cluster puts keys by what is between the first braces
	 * only, so a report's three keys, which the scripts use together, share a slot.
	 */
	private static String hashTag(String text) {
		return "{" + text + "}";
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static String string(Object value) {
		return (value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
	}

	private static String optionalString(List<Object> reply, int index) {
		Object value = (reply.size() > index) ? reply.get(index) : null;
		return (value != null) ? string(value) : null;
	}

}
