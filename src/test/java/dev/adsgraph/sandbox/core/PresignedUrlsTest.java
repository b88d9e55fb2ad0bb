package dev.adsgraph.sandbox.core;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing itself, against the worked example of S3's documentation
 * (sigv4-query-string-auth.html: GET examplebucket/test.txt, 24 May 2013, one day), so
 * the sandbox's URLs are real SigV4 that any S3 tool would compute the same way.
 */
class PresignedUrlsTest {

	private static final PresignedUrls AWS_EXAMPLE = new PresignedUrls("AKIAIOSFODNN7EXAMPLE",
			"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");

	private static final String AWS_EXAMPLE_URL = "https://examplebucket.s3.amazonaws.com/test.txt"
			+ "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
			+ "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
			+ "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
			+ "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

	private static final Instant SIGNED_AT = Instant.parse("2013-05-24T00:00:00Z");

	@Test
	void presignsTheDocumentedExampleToTheDocumentedUrl() {
		PresignedUrls.Presigned presigned = AWS_EXAMPLE.presign("https://examplebucket.s3.amazonaws.com", "test.txt",
				SIGNED_AT.plusMillis(999), Duration.ofDays(1));

		assertThat(presigned.url()).isEqualTo(AWS_EXAMPLE_URL);
		assertThat(presigned.expiresAt()).isEqualTo(Instant.parse("2013-05-25T00:00:00Z"));
	}

	@Test
	void acceptsTheDocumentedUrlUntilItExpires() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.HOST, "examplebucket.s3.amazonaws.com");
		URI uri = URI.create(AWS_EXAMPLE_URL);

		assertThat(AWS_EXAMPLE.check("GET", uri, headers, SIGNED_AT.plus(Duration.ofDays(1)))).isNull();
		assertThat(AWS_EXAMPLE.check("GET", uri, headers, SIGNED_AT.plus(Duration.ofDays(1)).plusSeconds(1)))
			.extracting(S3Error::code, S3Error::message)
			.containsExactly("AccessDenied", "Request has expired");
	}

	@Test
	void theSignatureCoversTheMethodTheHostAndTheSecret() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.HOST, "examplebucket.s3.amazonaws.com");
		URI uri = URI.create(AWS_EXAMPLE_URL);

		assertThat(AWS_EXAMPLE.check("HEAD", uri, headers, SIGNED_AT).code()).isEqualTo("SignatureDoesNotMatch");
		HttpHeaders otherHost = new HttpHeaders();
		otherHost.set(HttpHeaders.HOST, "otherbucket.s3.amazonaws.com");
		assertThat(AWS_EXAMPLE.check("GET", uri, otherHost, SIGNED_AT).code()).isEqualTo("SignatureDoesNotMatch");
		PresignedUrls otherSecret = new PresignedUrls("AKIAIOSFODNN7EXAMPLE", "another-secret", "us-east-1");
		assertThat(otherSecret.check("GET", uri, headers, SIGNED_AT).code()).isEqualTo("SignatureDoesNotMatch");
		PresignedUrls otherKey = new PresignedUrls("AKIAOTHERACCESSKEY00", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
				"us-east-1");
		assertThat(otherKey.check("GET", uri, headers, SIGNED_AT).code()).isEqualTo("InvalidAccessKeyId");
	}

	@Test
	void aPathPrefixAndTheDefaultPortAreSignedAsClientsSendThem() {
		PresignedUrls.Presigned presigned = AWS_EXAMPLE.presign("http://127.0.0.1:80/documents/", "a b/report.json.gz",
				SIGNED_AT, Duration.ofMinutes(5));
		URI uri = URI.create(presigned.url());
		assertThat(uri.getRawPath()).isEqualTo("/documents/a%20b/report.json.gz");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.HOST, "127.0.0.1");

		assertThat(AWS_EXAMPLE.check("GET", uri, headers, SIGNED_AT)).isNull();
	}

}
