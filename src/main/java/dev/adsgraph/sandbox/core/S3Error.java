package dev.adsgraph.sandbox.core;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 error answer: status, code, message and the code's own elements, in the order S3
 * writes them
 * (docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses);
 * {@code RequestId} and {@code HostId} close every body, as they match the
 * {@code x-amz-request-id} and {@code x-amz-id-2} headers.
 */
public record S3Error(int status, String code, String message, Map<String, String> details) {

	static S3Error invalidArgument(String message, String argumentName, String argumentValue) {
		return new S3Error(400, "InvalidArgument", message,
				ordered("ArgumentName", argumentName, "ArgumentValue", argumentValue));
	}

	static S3Error authorizationQueryParameters(String message) {
		return new S3Error(400, "AuthorizationQueryParametersError", message, Map.of());
	}

	static S3Error accessDenied(String message) {
		return new S3Error(403, "AccessDenied", message, Map.of());
	}

	static S3Error invalidAccessKeyId(String accessKeyId) {
		return new S3Error(403, "InvalidAccessKeyId",
				"The AWS Access Key Id you provided does not exist in our records.",
				ordered("AWSAccessKeyId", accessKeyId));
	}

	static S3Error signatureDoesNotMatch(String accessKeyId, String stringToSign, String provided,
			String canonicalRequest) {
		return new S3Error(403, "SignatureDoesNotMatch",
				"The request signature we calculated does not match the signature you provided. "
						+ "Check your key and signing method.",
				ordered("AWSAccessKeyId", accessKeyId, "StringToSign", stringToSign, "SignatureProvided", provided,
						"StringToSignBytes", bytes(stringToSign), "CanonicalRequest", canonicalRequest,
						"CanonicalRequestBytes", bytes(canonicalRequest)));
	}

	static S3Error headersNotSigned(String headers) {
		return new S3Error(403, "AccessDenied", "There were headers present in the request which were not signed",
				ordered("HeadersNotSigned", headers));
	}

	static S3Error expired(long expiresSeconds, String expires, String serverTime) {
		return new S3Error(403, "AccessDenied", "Request has expired",
				ordered("X-Amz-Expires", Long.toString(expiresSeconds), "Expires", expires, "ServerTime", serverTime));
	}

	public String xml(String requestId, String hostId) {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>");
		element(xml, "Code", this.code);
		element(xml, "Message", this.message);
		this.details.forEach((name, value) -> element(xml, name, value));
		element(xml, "RequestId", requestId);
		element(xml, "HostId", hostId);
		return xml.append("</Error>").toString();
	}

	private static void element(StringBuilder xml, String name, String value) {
		xml.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;")
			.replace("'", "&apos;");
	}

	/** Space-separated hex, as S3 shows what it signed. */
	private static String bytes(String text) {
		StringBuilder hex = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			hex.append(hex.isEmpty() ? "" : " ").append(String.format("%02x", b));
		}
		return hex.toString();
	}

	private static Map<String, String> ordered(String... namesAndValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return Collections.unmodifiableMap(map);
	}

}
