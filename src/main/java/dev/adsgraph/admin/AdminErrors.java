package dev.adsgraph.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The admin API's refusals, in the gateway's one error shape
 * ({@code {"errors":[{"message":…,"extensions":{"code":…}}]}}, as its HTTP-level refusals
 * of GraphQL requests), with our own sentences only.
 */
final class AdminErrors {

	static final String BAD_REQUEST = "BAD_REQUEST";

	static final String UNAUTHENTICATED = "UNAUTHENTICATED";

	static final String NOT_FOUND = "NOT_FOUND";

	static final String CONFLICT = "CONFLICT";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AdminErrors() {
	}

	static Map<String, Object> body(String code, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("extensions", Map.of("code", code));
		return Map.of("errors", List.of(error));
	}

	static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String code, String message) {
		byte[] body = JSON.writeValueAsString(body(code, message)).getBytes(StandardCharsets.UTF_8);
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	static Mono<ServerResponse> respond(AdminException ex) {
		return ServerResponse.status(ex.status())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body(ex.code(), ex.getMessage()));
	}

	/** A refusal of the admin API: its status, code and sentence. */
	static final class AdminException extends RuntimeException {

		private final HttpStatus status;

		private final String code;

		AdminException(HttpStatus status, String code, String message) {
			super(message, null, false, false);
			this.status = status;
			this.code = code;
		}

		HttpStatus status() {
			return this.status;
		}

		String code() {
			return this.code;
		}

		static AdminException badRequest(String message) {
			return new AdminException(HttpStatus.BAD_REQUEST, BAD_REQUEST, message);
		}

		static AdminException notFound(String message) {
			return new AdminException(HttpStatus.NOT_FOUND, NOT_FOUND, message);
		}

		static AdminException conflict(String message) {
			return new AdminException(HttpStatus.CONFLICT, CONFLICT, message);
		}

	}

}
