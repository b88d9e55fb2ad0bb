package dev.adsgraph.sandbox;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** An answer a handler computed: status, exact media type, and a body for Jackson (or raw text). */
record Reply(int status, String contentType, Object body) {

	static final String JSON = "application/json";

	static Reply json(int status, Object body) {
		return new Reply(status, JSON, body);
	}

	Mono<ServerResponse> toResponse() {
		byte[] bytes = (this.body instanceof String text) ? text.getBytes(StandardCharsets.UTF_8)
				: SandboxJson.write(this.body);
		// The header is set verbatim: Amazon's vendor media types are part of the contract.
		return ServerResponse.status(this.status).header(HttpHeaders.CONTENT_TYPE, this.contentType).bodyValue(bytes);
	}

}
