package dev.adsgraph.sandbox;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.SandboxTestClient.Download;
import dev.adsgraph.sandbox.SandboxTestClient.Exchange;
import dev.adsgraph.sandbox.fixtures.Fixtures;
import dev.adsgraph.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report documents behind S3-style presigned URLs: SigV4 query parameters signed with the
 * sandbox's secret, the documented lifetimes on the sandbox's clock, S3's refusals of a
 * request that also carries API credentials, of an expired URL and of a changed one, and
 * S3's headers on the file.
 */
class SandboxDocumentsTest {

	private static final String US = "ATVPDKIKX0DER";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00.250Z"));

	private final SandboxTestClient sandbox = SandboxTestClient
		.start(SandboxSettings.defaults().withClock(this.clock).withReportProcessingTime(Duration.ofMillis(200)));

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void spDocumentUrlsArePresignedForFiveMinutesAndTheFileComesWithS3Headers() throws Exception {
		String url = spDocumentUrl();

		URI uri = URI.create(url);
		assertThat(uri.getRawPath()).startsWith("/documents/NinetyDays/amzn1.spdoc.1.4.na.");
		Map<String, String> query = query(uri);
		assertThat(query).containsOnlyKeys("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
				"X-Amz-SignedHeaders", "X-Amz-Signature");
		assertThat(query).containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
			// Signed at the second the document was asked for.
			.containsEntry("X-Amz-Date", "20261124T120000Z")
			.containsEntry("X-Amz-Expires", "300")
			.containsEntry("X-Amz-SignedHeaders", "host");
		assertThat(query.get("X-Amz-Credential")).matches("AKIA[A-Z0-9]{16}/20261124/us-east-1/s3/aws4_request");
		assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");

		Download file = this.sandbox.download(url);
		assertThat(file.status()).as(file.text()).isEqualTo(200);
		assertThat(file.header("ETag"))
			.isEqualTo("\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(file.body())) + "\"");
		assertThat(file.header("Content-Length")).isEqualTo(Integer.toString(file.body().length));
		assertThat(file.header("Content-Type")).isEqualTo("application/octet-stream");
		// A gzip body the client inflates itself (compressionAlgorithm GZIP), as
		// Amazon's.
		assertThat(file.header("Content-Encoding")).isNull();
		assertThat(file.header("x-amz-request-id")).matches("[0-9A-Z]{16}");
		assertThat(file.header("x-amz-id-2")).hasSize(76);
		assertThat(file.header("x-amzn-RequestId")).isNull();
		assertThat(file.header("Server")).isEqualTo("AmazonS3");
		assertThat(file.header("Last-Modified")).isEqualTo("Tue, 24 Nov 2026 12:00:00 GMT");
		assertThat(file.json().get("salesAndTrafficByAsin")).isNotEmpty();
	}

	@Test
	void adsReportUrlsLastTheDocumentedHourAndServeTheGzipFileAsStored() {
		JsonNode report = completedAdsReport();
		String url = report.get("url").stringValue();

		Map<String, String> query = query(URI.create(url));
		assertThat(URI.create(url).getRawPath()).matches("/documents/([0-9a-f-]{36})/report-\\1\\.json\\.gz");
		assertThat(query).containsEntry("X-Amz-Expires", "3600").containsEntry("X-Amz-Date", "20261124T120000Z");
		assertThat(Instant.parse(report.get("urlExpiresAt").stringValue()))
			.isEqualTo(Instant.parse("2026-11-24T13:00:00Z"));

		Download file = this.sandbox.download(url);
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.header("Content-Type")).isEqualTo("application/x-gzip");
		assertThat(file.header("Content-Encoding")).isNull();
		assertThat(file.header("Content-Length")).isEqualTo(report.get("fileSize").asString());
		assertThat(file.json()).isNotEmpty();

		this.clock.advance(Duration.ofMinutes(59));
		assertThat(this.sandbox.download(url).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(1));
		Download expired = this.sandbox.download(url);
		assertThat(expired.status()).isEqualTo(403);
		assertThat(elements(expired)).containsEntry("Code", "AccessDenied")
			.containsEntry("Message", "Request has expired")
			.containsEntry("Expires", "2026-11-24T13:00:00Z");
	}

	@Test
	void aRequestThatAlsoCarriesApiCredentialsIsRefusedAsS3RefusesIt() {
		String url = spDocumentUrl();

		Download bearer = this.sandbox.download(url, Map.of("Authorization", "Bearer Atza|forwarded"));
		assertThat(bearer.status()).isEqualTo(400);
		assertThat(bearer.header("Content-Type")).isEqualTo("application/xml");
		Map<String, String> error = elements(bearer);
		assertThat(error.keySet()).containsExactly("Code", "Message", "ArgumentName", "ArgumentValue", "RequestId",
				"HostId");
		assertThat(error).containsEntry("Code", "InvalidArgument")
			.containsEntry("Message",
					"Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string "
							+ "parameter or the Authorization header should be specified")
			.containsEntry("ArgumentName", "Authorization")
			.containsEntry("ArgumentValue", "Bearer Atza|forwarded")
			.containsEntry("RequestId", bearer.header("x-amz-request-id"))
			.containsEntry("HostId", bearer.header("x-amz-id-2"));

		// S3 requires every x-amz-* header to be signed; SP-API's token header is not.
		Download token = this.sandbox.download(url, Map.of("x-amz-access-token", "Atza|forwarded"));
		assertThat(token.status()).isEqualTo(403);
		assertThat(elements(token).keySet()).containsExactly("Code", "Message", "HeadersNotSigned", "RequestId",
				"HostId");
		assertThat(elements(token)).containsEntry("Code", "AccessDenied")
			.containsEntry("Message", "There were headers present in the request which were not signed")
			.containsEntry("HeadersNotSigned", "x-amz-access-token");

		assertThat(this.sandbox.download(url).status()).isEqualTo(200);
	}

	@Test
	void aUrlExpiresAfterItsFiveMinutesOnTheSandboxClock() {
		String url = spDocumentUrl();

		// Signed at 12:00:00 (the clock reads 12:00:00.450): valid through 12:05:00.
		this.clock.advance(Duration.ofSeconds(299));
		assertThat(this.sandbox.download(url).status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(1));
		Download expired = this.sandbox.download(url);

		assertThat(expired.status()).isEqualTo(403);
		Map<String, String> error = elements(expired);
		assertThat(error.keySet()).containsExactly("Code", "Message", "X-Amz-Expires", "Expires", "ServerTime",
				"RequestId", "HostId");
		assertThat(error).containsEntry("Code", "AccessDenied")
			.containsEntry("Message", "Request has expired")
			.containsEntry("X-Amz-Expires", "300")
			.containsEntry("Expires", "2026-11-24T12:05:00Z")
			.containsEntry("ServerTime", "2026-11-24T12:05:00Z");
		// The API signs a fresh URL for the same document.
		assertThat(this.sandbox.download(spDocumentUrlOf(this.documentId)).status()).isEqualTo(200);
	}

	@Test
	void aChangedUrlNoLongerMatchesItsSignature() {
		String url = spDocumentUrl();
		String signature = query(URI.create(url)).get("X-Amz-Signature");
		String flipped = signature.substring(0, 63) + ((signature.charAt(63) == '0') ? '1' : '0');

		Download tampered = this.sandbox.download(url.replace(signature, flipped));
		assertThat(tampered.status()).isEqualTo(403);
		Map<String, String> error = elements(tampered);
		assertThat(error.keySet()).containsExactly("Code", "Message", "AWSAccessKeyId", "StringToSign",
				"SignatureProvided", "StringToSignBytes", "CanonicalRequest", "CanonicalRequestBytes", "RequestId",
				"HostId");
		assertThat(error).containsEntry("Code", "SignatureDoesNotMatch")
			.containsEntry("Message",
					"The request signature we calculated does not match the signature you provided. "
							+ "Check your key and signing method.")
			.containsEntry("SignatureProvided", flipped);
		assertThat(error.get("CanonicalRequest")).startsWith("GET\n" + URI.create(url).getRawPath() + "\n")
			.endsWith("\nhost\nUNSIGNED-PAYLOAD");
		assertThat(error.get("StringToSign")).startsWith("AWS4-HMAC-SHA256\n20261124T120000Z\n");

		// A longer life, a later signing date or another object: each breaks the
		// signature.
		assertSignatureDoesNotMatch(url.replace("X-Amz-Expires=300", "X-Amz-Expires=604800"));
		assertSignatureDoesNotMatch(url.replace("X-Amz-Date=20261124T120000Z", "X-Amz-Date=20261124T130000Z"));
		String other = spDocumentUrl();
		assertSignatureDoesNotMatch(URI.create(other).getScheme() + "://" + URI.create(other).getRawAuthority()
				+ URI.create(other).getRawPath() + "?" + URI.create(url).getRawQuery());

		Download unsigned = this.sandbox.download(url.replace("&X-Amz-Signature=" + signature, ""));
		assertThat(unsigned.status()).isEqualTo(400);
		assertThat(elements(unsigned)).containsEntry("Code", "AuthorizationQueryParametersError");
		Download anonymous = this.sandbox.download(url.substring(0, url.indexOf('?')));
		assertThat(anonymous.status()).isEqualTo(403);
		assertThat(elements(anonymous)).containsEntry("Code", "AccessDenied").containsEntry("Message", "Access Denied");
	}

	@Test
	void aValidUrlToADocumentTheSandboxNoLongerHoldsIsDenied() {
		String url = spDocumentUrl();
		assertThat(this.sandbox.raw("POST", "/sandbox/reset").send().status()).isEqualTo(204);

		Download gone = this.sandbox.download(url);

		assertThat(gone.status()).isEqualTo(403);
		assertThat(elements(gone)).containsEntry("Code", "AccessDenied").containsEntry("Message", "Access Denied");
	}

	private void assertSignatureDoesNotMatch(String url) {
		Download refused = this.sandbox.download(url);
		assertThat(refused.status()).as(url).isEqualTo(403);
		assertThat(elements(refused)).as(url).containsEntry("Code", "SignatureDoesNotMatch");
	}

	private String documentId;

	/** A finished sales and traffic report's document URL. */
	private String spDocumentUrl() {
		Exchange created = this.sandbox.sp("na", "POST", "/reports/2021-06-30/reports")
			.json("application/json",
					Map.of("reportType", "GET_SALES_AND_TRAFFIC_REPORT", "marketplaceIds", List.of(US)))
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(202);
		this.clock.advance(Duration.ofMillis(200));
		Exchange done = this.sandbox
			.sp("na", "GET", "/reports/2021-06-30/reports/" + created.json().get("reportId").stringValue())
			.send();
		this.documentId = done.json().get("reportDocumentId").stringValue();
		return spDocumentUrlOf(this.documentId);
	}

	private String spDocumentUrlOf(String documentId) {
		Exchange document = this.sandbox.sp("na", "GET", "/reports/2021-06-30/documents/" + documentId).send();
		assertThat(document.status()).as(document.body()).isEqualTo(200);
		return document.json().get("url").stringValue();
	}

	private JsonNode completedAdsReport() {
		long profileId = 0;
		for (JsonNode profile : this.sandbox.ads("na", "GET", "/v2/profiles").send().json()) {
			if (profile.at("/accountInfo/id").stringValue().equals(Fixtures.NORTHWIND)
					&& profile.get("countryCode").stringValue().equals("US")) {
				profileId = profile.get("profileId").asLong();
			}
		}
		Map<String, Object> request = Map.of("startDate", "2026-11-01", "endDate", "2026-11-07", "configuration",
				Map.of("adProduct", "SPONSORED_PRODUCTS", "reportTypeId", "spAdvertisedProduct", "groupBy",
						List.of("advertiser"), "columns", List.of("advertisedAsin", "clicks", "cost"), "timeUnit",
						"SUMMARY", "format", "GZIP_JSON"));
		Exchange created = this.sandbox.ads("na", "POST", "/reporting/reports")
			.header("Amazon-Advertising-API-Scope", Long.toString(profileId))
			.json(SandboxTestClient.REPORT_REQUEST, request)
			.send();
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		this.clock.advance(Duration.ofMillis(200));
		Exchange completed = this.sandbox
			.ads("na", "GET", "/reporting/reports/" + created.json().get("reportId").stringValue())
			.header("Amazon-Advertising-API-Scope", Long.toString(profileId))
			.send();
		assertThat(completed.json().get("status").stringValue()).isEqualTo("COMPLETED");
		return completed.json();
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> query = new LinkedHashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return query;
	}

	/** The child elements of S3's {@code <Error>}, in order. */
	private static Map<String, String> elements(Download download) {
		assertThat(download.header("Content-Type")).isEqualTo("application/xml");
		try {
			Element root = DocumentBuilderFactory.newInstance()
				.newDocumentBuilder()
				.parse(new ByteArrayInputStream(download.body()))
				.getDocumentElement();
			assertThat(root.getTagName()).isEqualTo("Error");
			Map<String, String> elements = new LinkedHashMap<>();
			for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
				if (child instanceof Element element) {
					elements.put(element.getTagName(), element.getTextContent());
				}
			}
			return elements;
		}
		catch (Exception ex) {
			throw new AssertionError(download.text(), ex);
		}
	}

}
