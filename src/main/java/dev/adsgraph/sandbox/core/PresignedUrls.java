package dev.adsgraph.sandbox.core;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.HttpHeaders;

/**
 * S3's presigned URLs: AWS Signature Version 4 in the query string
 * (docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html), signed with a
 * secret only this sandbox knows, so a changed expiry, key or signature is caught as S3
 * catches it. The only place document URLs are built and checked: a URL is a base (the
 * document host, with a path prefix or none) and an object key.
 */
public final class PresignedUrls {

	static final String ALGORITHM = "AWS4-HMAC-SHA256";

	/** The longest S3 accepts: seven days. */
	static final long MAX_EXPIRES_SECONDS = 604_800;

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter XML_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final List<String> AUTH_PARAMETERS = List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
			"X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature");

	private final String accessKeyId;

	private final String secretAccessKey;

	private final String region;

	public PresignedUrls(String accessKeyId, String secretAccessKey, String region) {
		this.accessKeyId = accessKeyId;
		this.secretAccessKey = secretAccessKey;
		this.region = region;
	}

	/**
	 * A fresh secret per sandbox: links do not outlive the documents, which live in
	 * memory.
	 */
	public static PresignedUrls withRandomSecret() {
		byte[] secret = new byte[30];
		new SecureRandom().nextBytes(secret);
		return new PresignedUrls("AKIASANDBOXDOCUMENTS", Base64.getEncoder().encodeToString(secret), "us-east-1");
	}

	/**
	 * A GET URL for {@code key} under {@code baseUrl}, valid for {@code expires} from
	 * {@code now} (to the second, as X-Amz-Date has it).
	 */
	public Presigned presign(String baseUrl, String key, Instant now, Duration expires) {
		URI base = URI.create(baseUrl);
		String basePath = (base.getRawPath() == null) ? "" : stripTrailingSlash(base.getRawPath());
		String path = canonicalPath(basePath + "/" + key);
		Instant signedAt = now.truncatedTo(ChronoUnit.SECONDS);
		String amzDate = AMZ_DATE.format(signedAt);
		Map<String, String> query = new LinkedHashMap<>();
		query.put("X-Amz-Algorithm", ALGORITHM);
		query.put("X-Amz-Credential", this.accessKeyId + "/" + scope(signedAt));
		query.put("X-Amz-Date", amzDate);
		query.put("X-Amz-Expires", Long.toString(expires.toSeconds()));
		query.put("X-Amz-SignedHeaders", "host");
		String canonicalQuery = canonicalQuery(query);
		String canonicalRequest = canonicalRequest("GET", path, canonicalQuery,
				"host:" + host(base.getScheme(), base.getRawAuthority()) + "\n", "host");
		String signature = signature(signedAt, stringToSign(amzDate, scope(signedAt), canonicalRequest));
		String url = base.getScheme() + "://" + base.getRawAuthority() + path + "?" + canonicalQuery
				+ "&X-Amz-Signature=" + signature;
		return new Presigned(url, signedAt.plus(expires));
	}

	/**
	 * S3's refusal of a request for a presigned URL, or null when the signature holds and
	 * the URL is still valid at {@code now}; checked in the order S3 answers: a second
	 * auth mechanism, missing or malformed parameters, the signature, headers left out of
	 * it, then the expiry.
	 */
	public S3Error check(String method, URI uri, HttpHeaders headers, Instant now) {
		Map<String, String> params = parameters(uri.getRawQuery());
		boolean queryAuth = AUTH_PARAMETERS.stream().anyMatch(params::containsKey);
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null) {
			return S3Error.invalidArgument(queryAuth ? "Only one auth mechanism allowed; only the X-Amz-Algorithm "
					+ "query parameter, Signature query string parameter or the Authorization header should be specified"
					: "Unsupported Authorization Type", "Authorization", authorization);
		}
		if (!queryAuth) {
			return S3Error.accessDenied("Access Denied");
		}
		if (!params.keySet().containsAll(AUTH_PARAMETERS)) {
			return S3Error.authorizationQueryParameters("Query-string authentication version 4 requires the "
					+ "X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, "
					+ "and X-Amz-Expires parameters.");
		}
		if (!ALGORITHM.equals(params.get("X-Amz-Algorithm"))) {
			return S3Error.authorizationQueryParameters("X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
		}
		Instant signedAt;
		try {
			signedAt = Instant.from(AMZ_DATE.parse(params.get("X-Amz-Date")));
		}
		catch (DateTimeException ex) {
			return S3Error
				.authorizationQueryParameters("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
		}
		long expires;
		try {
			expires = Long.parseLong(params.get("X-Amz-Expires"));
		}
		catch (NumberFormatException ex) {
			return S3Error.authorizationQueryParameters("X-Amz-Expires should be a number");
		}
		if (expires < 0) {
			return S3Error.authorizationQueryParameters("X-Amz-Expires must be non-negative");
		}
		if (expires > MAX_EXPIRES_SECONDS) {
			return S3Error.authorizationQueryParameters(
					"X-Amz-Expires must be less than a week (in seconds) that is; " + MAX_EXPIRES_SECONDS);
		}
		String[] credential = params.get("X-Amz-Credential").split("/", -1);
		if (credential.length != 5 || !credential[4].equals("aws4_request") || !credential[3].equals("s3")) {
			return S3Error.authorizationQueryParameters("Error parsing the X-Amz-Credential parameter; "
					+ "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
		}
		if (!credential[0].equals(this.accessKeyId)) {
			return S3Error.invalidAccessKeyId(credential[0]);
		}
		List<String> signedHeaders = List.of(params.get("X-Amz-SignedHeaders").split(";", -1));
		StringBuilder canonicalHeaders = new StringBuilder();
		for (String name : signedHeaders) {
			String value = name.equals("host") ? host(uri.getScheme(), headers.getFirst(HttpHeaders.HOST))
					: String.join(",", headers.getOrEmpty(name).stream().map(String::strip).toList());
			canonicalHeaders.append(name).append(':').append(value).append('\n');
		}
		Map<String, String> signedParams = new LinkedHashMap<>(params);
		String provided = signedParams.remove("X-Amz-Signature");
		String canonicalRequest = canonicalRequest(method, canonicalPath(uri.getRawPath()),
				canonicalQuery(signedParams), canonicalHeaders.toString(), String.join(";", signedHeaders));
		String scope = String.join("/", credential[1], credential[2], credential[3], credential[4]);
		String stringToSign = stringToSign(params.get("X-Amz-Date"), scope, canonicalRequest);
		String expected = signature(credential[1], credential[2], stringToSign);
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				provided.getBytes(StandardCharsets.US_ASCII))) {
			return S3Error.signatureDoesNotMatch(this.accessKeyId, stringToSign, provided, canonicalRequest);
		}
		List<String> notSigned = new ArrayList<>();
		headers.headerNames().forEach((name) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if ((lower.equals("host") || (lower.startsWith("x-amz-") && !lower.equals("x-amz-content-sha256")))
					&& !signedHeaders.contains(lower)) {
				notSigned.add(lower);
			}
		});
		if (!notSigned.isEmpty()) {
			return S3Error.headersNotSigned(String.join(", ", new TreeSet<>(notSigned)));
		}
		Instant expiresAt = signedAt.plusSeconds(expires);
		if (now.isAfter(expiresAt)) {
			return S3Error.expired(expires, XML_TIME.format(expiresAt), XML_TIME.format(now));
		}
		return null;
	}

	private String scope(Instant signedAt) {
		return SCOPE_DATE.format(signedAt) + "/" + this.region + "/s3/aws4_request";
	}

	private static String canonicalRequest(String method, String path, String query, String headers,
			String signedHeaders) {
		return String.join("\n", method, path, query, headers, signedHeaders, "UNSIGNED-PAYLOAD");
	}

	private static String stringToSign(String amzDate, String scope, String canonicalRequest) {
		return String.join("\n", ALGORITHM, amzDate, scope, HexFormat.of().formatHex(sha256(canonicalRequest)));
	}

	private String signature(Instant signedAt, String stringToSign) {
		return signature(SCOPE_DATE.format(signedAt), this.region, stringToSign);
	}

	private String signature(String date, String region, String stringToSign) {
		byte[] key = hmac(("AWS4" + this.secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
		key = hmac(key, region);
		key = hmac(key, "s3");
		key = hmac(key, "aws4_request");
		return HexFormat.of().formatHex(hmac(key, stringToSign));
	}

	/**
	 * Each segment percent-encoded once, as S3 signs it; the path as sent or as built is
	 * decoded first, so both arrive at the same form.
	 */
	static String canonicalPath(String rawPath) {
		if (rawPath == null || rawPath.isEmpty()) {
			return "/";
		}
		String[] segments = rawPath.split("/", -1);
		StringBuilder path = new StringBuilder();
		for (int i = 0; i < segments.length; i++) {
			if (i > 0) {
				path.append('/');
			}
			path.append(encode(decode(segments[i])));
		}
		return path.toString();
	}

	/** Sorted by name, names and values encoded as SigV4 asks. */
	private static String canonicalQuery(Map<String, String> params) {
		List<String> pairs = new ArrayList<>();
		params.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
		pairs.sort(null);
		return String.join("&", pairs);
	}

	/** Names and values decoded; a name given twice keeps its first value. */
	private static Map<String, String> parameters(String rawQuery) {
		Map<String, String> params = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return params;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			params.putIfAbsent(name, value);
		}
		return params;
	}

	/**
	 * The host as signed: the default port of the scheme is left out, as clients send it.
	 */
	private static String host(String scheme, String authority) {
		if (authority == null) {
			return "";
		}
		String host = authority.toLowerCase(Locale.ROOT);
		String defaultPort = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
		return host.endsWith(defaultPort) ? host.substring(0, host.length() - defaultPort.length()) : host;
	}

	/** RFC 3986 unreserved characters stay; everything else is %XX in upper case. */
	static String encode(String value) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~') {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
			}
		}
		return encoded.toString();
	}

	// '+' is a plus sign in a presigned URL, not a space.
	private static String decode(String value) {
		try {
			return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

	private static String stripTrailingSlash(String path) {
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A presigned URL and the instant after which S3 refuses it. */
	public record Presigned(String url, Instant expiresAt) {
	}

}
