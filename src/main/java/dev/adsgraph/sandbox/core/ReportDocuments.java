package dev.adsgraph.sandbox.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Finished report files (gzip), kept as S3 objects under a key, and the presigned URLs to
 * them ({@link PresignedUrls}). A download is answered as S3 answers a GetObject through
 * a presigned URL: the object with its stored Content-Type (no Content-Encoding: Amazon's
 * report files are gzip bodies that clients inflate themselves), {@code ETag},
 * {@code Last-Modified} and S3's request ids; or S3's XML error. Each status or document
 * call signs a fresh URL; the file itself is built once per report.
 */
public final class ReportDocuments {

	/** The gateway-style request id every sandbox answer carries; S3 sends its own. */
	private static final String AMAZON_REQUEST_ID = "x-amzn-RequestId";

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private static final char[] REQUEST_ID_CHARACTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

	private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();

	private final Stats stats;

	private final Clock clock;

	private final PresignedUrls presignedUrls;

	private final Hosts hosts;

	public ReportDocuments(Stats stats, Clock clock, Hosts hosts) {
		this(stats, clock, hosts, PresignedUrls.withRandomSecret());
	}

	ReportDocuments(Stats stats, Clock clock, Hosts hosts, PresignedUrls presignedUrls) {
		this.stats = stats;
		this.clock = clock;
		this.hosts = hosts;
		this.presignedUrls = presignedUrls;
	}

	/**
	 * The gzip file stored under {@code key}, built by {@code build} the first time and
	 * served with {@code contentType}; a concurrent duplicate build is discarded.
	 */
	public byte[] content(String key, String contentType, Supplier<byte[]> build) {
		StoredObject existing = this.objects.get(key);
		if (existing != null) {
			return existing.bytes();
		}
		byte[] built = gzip(build.get());
		StoredObject stored = new StoredObject(built, contentType, "\"" + HexFormat.of().formatHex(md5(built)) + "\"",
				this.clock.instant());
		StoredObject raced = this.objects.putIfAbsent(key, stored);
		return ((raced != null) ? raced : stored).bytes();
	}

	/** A URL to the object under {@code key}, valid for {@code ttl} from now. */
	public PresignedUrls.Presigned link(ServerRequest request, String key, Duration ttl) {
		return this.presignedUrls.presign(baseUrl(request), key, this.clock.instant(), ttl);
	}

	/**
	 * Where documents are served: the document host's own port, or {@code /documents} on
	 * the first port when the client called the API in the path-prefix form.
	 */
	private String baseUrl(ServerRequest request) {
		return this.hosts.url(Hosts.Host.DOCUMENTS, request);
	}

	/** {@code GET {base}/{key}} with the presigned query. */
	public Mono<ServerResponse> download(ServerRequest request) {
		this.stats.count("reports.download");
		Instant now = this.clock.instant();
		// Checked on the URI as the client sent it (on the document host's own port, the
		// path before it was routed under /documents).
		URI sent = request.attribute(Hosts.ORIGINAL_URI).map(URI.class::cast).orElse(request.uri());
		S3Error refusal = this.presignedUrls.check(request.method().name(), sent, request.headers().asHttpHeaders(),
				now);
		StoredObject object = (refusal != null) ? null : this.objects.get(key(request));
		if (refusal == null && object == null) {
			// What S3 answers for a missing key when the signer may not list the bucket.
			refusal = S3Error.accessDenied("Access Denied");
		}
		String requestId = requestId();
		String hostId = hostId();
		HttpHeaders headers = new HttpHeaders();
		headers.set("x-amz-id-2", hostId);
		headers.set("x-amz-request-id", requestId);
		headers.set(HttpHeaders.DATE, HTTP_DATE.format(now));
		headers.set(HttpHeaders.SERVER, "AmazonS3");
		if (refusal != null) {
			headers.set(HttpHeaders.CONTENT_TYPE, "application/xml");
			return respond(refusal.status(), headers, refusal.xml(requestId, hostId).getBytes(StandardCharsets.UTF_8));
		}
		headers.set(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(object.lastModified()));
		headers.set(HttpHeaders.ETAG, object.etag());
		headers.set(HttpHeaders.CONTENT_TYPE, object.contentType());
		return respond(200, headers, object.bytes());
	}

	public void clear() {
		this.objects.clear();
	}

	private static String key(ServerRequest request) {
		String key = request.pathVariable("key");
		return key.startsWith("/") ? key.substring(1) : key;
	}

	// Written by hand: the media type goes out exactly as stored (no charset added), and
	// the sandbox's own x-amzn-RequestId, which S3 does not send, is taken off again.
	private static Mono<ServerResponse> respond(int status, HttpHeaders headers, byte[] body) {
		headers.setContentLength(body.length);
		return ServerResponse.status(status).headers((h) -> h.addAll(headers)).build((exchange, context) -> {
			ServerHttpResponse response = exchange.getResponse();
			response.getHeaders().remove(AMAZON_REQUEST_ID);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
		});
	}

	/** 16 upper-case letters and digits, as S3's request ids are. */
	private static String requestId() {
		char[] id = new char[16];
		for (int i = 0; i < id.length; i++) {
			id[i] = REQUEST_ID_CHARACTERS[ThreadLocalRandom.current().nextInt(REQUEST_ID_CHARACTERS.length)];
		}
		return new String(id);
	}

	/** 56 random bytes in base64, the length of S3's x-amz-id-2. */
	private static String hostId() {
		byte[] id = new byte[56];
		ThreadLocalRandom.current().nextBytes(id);
		return Base64.getEncoder().encodeToString(id);
	}

	static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] md5(byte[] bytes) {
		try {
			return MessageDigest.getInstance("MD5").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An S3 object: its bytes and the metadata S3 answers with. */
	private record StoredObject(byte[] bytes, String contentType, String etag, Instant lastModified) {
	}

}
