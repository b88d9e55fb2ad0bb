package dev.adsgraph.web;

import java.util.List;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The media type of the gateway's own GraphQL-shaped refusals (401, 405, 406, 413, 415,
 * 429, 400): {@code application/graphql-response+json} when the caller's {@code Accept}
 * names it, as GraphQL over HTTP clients (Apollo Client 4, graphql-http) do, so they read
 * the body as a GraphQL response; {@code application/json} otherwise (no {@code Accept},
 * {@code *}{@code /*}, or only JSON), which every other client reads.
 */
final class ErrorResponses {

	private ErrorResponses() {
	}

	static MediaType mediaType(ServerHttpRequest request) {
		List<MediaType> accepted;
		try {
			accepted = request.getHeaders().getAccept();
		}
		catch (InvalidMediaTypeException ex) {
			return MediaType.APPLICATION_JSON;
		}
		for (MediaType type : accepted) {
			if (type.getQualityValue() > 0 && MediaType.APPLICATION_GRAPHQL_RESPONSE.equalsTypeAndSubtype(type)) {
				return MediaType.APPLICATION_GRAPHQL_RESPONSE;
			}
		}
		return MediaType.APPLICATION_JSON;
	}

}
