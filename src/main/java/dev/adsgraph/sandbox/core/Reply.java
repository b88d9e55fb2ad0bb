package dev.adsgraph.sandbox.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * An answer a handler computed: status, exact media type, and a body for Jackson (raw
 * text or bytes pass through; null means no body, as SP-API cancelReport answers).
 */
public record Reply(int status, String contentType, Object body) {

	public static final String JSON = "application/json";

	public static Reply json(int status, Object body) {
		return new Reply(status, JSON, body);
	}

	public Mono<ServerResponse> toResponse() {
		return toResponse(Map.of());
	}

	public Mono<ServerResponse> toResponse(Map<String, String> headers) {
		ServerResponse.BodyBuilder response = ServerResponse.status(this.status);
		headers.forEach(response::header);
		if (this.body == null) {
			return response.build();
		}
		byte[] bytes;
		if (this.body instanceof String text) {
			bytes = text.getBytes(StandardCharsets.UTF_8);
		}
		else if (this.body instanceof byte[] raw) {
			bytes = raw;
		}
		else {
			bytes = SandboxJson.write(this.body);
		}
		// The header is set verbatim: Amazon's vendor media types are part of the
		// contract.
		return response.header(HttpHeaders.CONTENT_TYPE, this.contentType).bodyValue(bytes);
	}

}
