package dev.adsgraph.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;

import dev.adsgraph.graphql.ErrorCodes;
import dev.adsgraph.graphql.HttpTransportInterceptor;

/**
 * GraphQL over HTTP, POST and GET, in one place. POST is Spring for GraphQL's handler,
 * with a strict reading of the body: a {@code query} or {@code operationName} that is not
 * a string is a malformed request (400), not a document to parse (Jackson would read
 * {@code 0} as {@code "0"}). GET ({@link #handleGet}) takes the same four parameters from
 * the query string ({@code variables} and {@code extensions} as JSON objects; no
 * {@code query} when {@code extensions} names a persisted query) and runs queries only: a
 * mutation is answered 405 with {@code Allow: POST} ({@code METHOD_NOT_ALLOWED}), a
 * subscription, over GET or POST, 400 ({@code BAD_REQUEST}); both are refused before any
 * field runs. Answers to GET carry {@code Cache-Control: private} (they depend on the API
 * key) and a strong {@code ETag}, the hash of the body, so a poll whose answer did not
 * change costs a {@code 304 Not Modified} without a body (the request still runs: only
 * the transfer is saved).
 */
class GraphQlHttpHandler extends org.springframework.graphql.server.webflux.GraphQlHttpHandler {

	/**
	 * Reads request bodies and GET parameters: JSON as usual, but no scalar is turned
	 * into a string.
	 */
	static final JsonMapper STRICT_JSON = JsonMapper.builder()
		.withCoercionConfig(LogicalType.Textual,
				(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
		.build();

	/**
	 * Writes answers: doubles (ACOS, ROAS, CTR and the like, several per product) with
	 * Jackson's Schubfach writer, which gives the shortest text that reads back as the
	 * same double, instead of {@code Double.toString}.
	 */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
		.build();

	private static final ResultJson RESULT_JSON = new ResultJson(JSON);

	static final String NOT_A_GET_REQUEST = "A GraphQL GET request takes \"query\" (the document, unless "
			+ "\"extensions\" names a persisted query), and if needed "
			+ "\"operationName\", \"variables\" and \"extensions\" (JSON objects) as query parameters, each once.";

	private final WebGraphQlHandler graphQlHandler;

	private final String apiKeyHeader;

	GraphQlHttpHandler(WebGraphQlHandler graphQlHandler, String apiKeyHeader) {
		super(graphQlHandler, codecs());
		this.graphQlHandler = graphQlHandler;
		this.apiKeyHeader = apiKeyHeader;
	}

	private static ServerCodecConfigurer codecs() {
		ServerCodecConfigurer codecs = ServerCodecConfigurer.create();
		codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(STRICT_JSON));
		codecs.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(JSON));
		return codecs;
	}

	/**
	 * POST: a body the strict reader refuses is the caller's mistake (400, explained by
	 * {@link HttpErrorsWebFilter}), not a server error.
	 */
	@Override
	public Mono<ServerResponse> handleRequest(ServerRequest request) {
		return super.handleRequest(request).onErrorMap(DecodingException.class,
				(ex) -> new ServerWebInputException("not a GraphQL request", null, ex));
	}

	/** A GraphQL request from the query string. */
	Mono<ServerResponse> handleGet(ServerRequest request) {
		Map<String, Object> body;
		try {
			body = parameters(request.queryParams());
		}
		catch (IllegalArgumentException ex) {
			return refuse(request, HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		Map<String, Object> attributes = new HashMap<>(request.attributes());
		attributes.put(HttpTransportInterceptor.GET_ATTRIBUTE, Boolean.TRUE);
		WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
				request.exchange().getRequest().getCookies(), request.remoteAddress().orElse(null), attributes, body,
				request.exchange().getRequest().getId(), request.exchange().getLocaleContext().getLocale());
		MediaType mediaType = responseMediaType(request);
		return this.graphQlHandler.handleRequest(graphQlRequest).flatMap((response) -> {
			HttpStatus status = selectResponseStatus(response, mediaType);
			ResultJson.Chunks written = RESULT_JSON.write(response.toMap());
			List<String> vary = vary(request);
			ServerResponse.BodyBuilder answer = ServerResponse.status(status)
				.headers((headers) -> headers.addAll(response.getResponseHeaders()))
				.cacheControl(CacheControl.empty().cachePrivate())
				.headers((headers) -> headers.setVary(vary));
			if (status == HttpStatus.METHOD_NOT_ALLOWED) {
				answer.allow(HttpMethod.POST);
			}
			if (!status.is2xxSuccessful()) {
				return answer.contentType(mediaType).bodyValue(written.toDataBuffer());
			}
			String etag = etag(written);
			answer.eTag(etag);
			if (notModified(request, etag)) {
				return ServerResponse.status(HttpStatus.NOT_MODIFIED)
					.headers((headers) -> headers.addAll(response.getResponseHeaders()))
					.cacheControl(CacheControl.empty().cachePrivate())
					.headers((headers) -> headers.setVary(vary))
					.eTag(etag)
					.build();
			}
			return answer.contentType(mediaType).bodyValue(written.toDataBuffer());
		});
	}

	/** The response of a POST, as Spring's handler would write it with {@code JSON}. */
	@Override
	protected DataBuffer encode(Map<String, Object> resultMap) {
		return RESULT_JSON.toBuffer(resultMap);
	}

	/**
	 * The answer varies by {@code Accept} and the API key, besides what the CORS filter
	 * put there already ({@code Origin}): the response's headers replace the exchange's.
	 */
	private List<String> vary(ServerRequest request) {
		List<String> vary = new ArrayList<>(request.exchange().getResponse().getHeaders().getVary());
		for (String header : List.of(HttpHeaders.ACCEPT, this.apiKeyHeader)) {
			if (vary.stream().noneMatch(header::equalsIgnoreCase)) {
				vary.add(header);
			}
		}
		return vary;
	}

	/**
	 * 405 for a mutation over GET, 400 for a subscription over HTTP, whatever the media
	 * type; otherwise Spring for GraphQL's choice (400 for a request that did not run
	 * when the caller takes application/graphql-response+json, else 200).
	 */
	@Override
	protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType responseMediaType) {
		if (!response.getExecutionResult().isDataPresent()) {
			for (GraphQLError error : response.getExecutionResult().getErrors()) {
				Object code = (error.getExtensions() != null) ? error.getExtensions().get("code") : null;
				if (ErrorCodes.METHOD_NOT_ALLOWED.equals(code)) {
					return HttpStatus.METHOD_NOT_ALLOWED;
				}
				if (ErrorCodes.BAD_REQUEST.equals(code)) {
					return HttpStatus.BAD_REQUEST;
				}
			}
		}
		return super.selectResponseStatus(response, responseMediaType);
	}

	static Map<String, Object> parameters(MultiValueMap<String, String> params) {
		for (Map.Entry<String, List<String>> param : params.entrySet()) {
			if (param.getValue().size() > 1) {
				throw new IllegalArgumentException(NOT_A_GET_REQUEST);
			}
		}
		String query = params.getFirst("query");
		Map<String, Object> body = new LinkedHashMap<>();
		if (query != null && !query.isBlank()) {
			body.put("query", query);
		}
		String operationName = params.getFirst("operationName");
		if (operationName != null && !operationName.isEmpty()) {
			body.put("operationName", operationName);
		}
		putObject(body, "variables", params.getFirst("variables"));
		putObject(body, "extensions", params.getFirst("extensions"));
		if (!body.containsKey("query") && !(body.get("extensions") instanceof Map<?, ?> extensions
				&& extensions.containsKey("persistedQuery"))) {
			throw new IllegalArgumentException(NOT_A_GET_REQUEST);
		}
		// as Spring for GraphQL reads a POST naming its document by hash only
		body.putIfAbsent("query", PersistedQuerySupport.PERSISTED_QUERY_MARKER);
		return body;
	}

	private static void putObject(Map<String, Object> body, String name, String json) {
		if (json == null || json.isEmpty()) {
			return;
		}
		Object value;
		try {
			value = STRICT_JSON.readValue(json, Object.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"The \"" + name + "\" query parameter is not JSON; send a JSON object. " + NOT_A_GET_REQUEST);
		}
		if (value != null && !(value instanceof Map)) {
			throw new IllegalArgumentException(
					"The \"" + name + "\" query parameter is not a JSON object. " + NOT_A_GET_REQUEST);
		}
		if (value != null) {
			body.put(name, value);
		}
	}

	/**
	 * As Spring for GraphQL chooses for POST: the first of the two GraphQL types the
	 * caller names, else {@code application/json}.
	 */
	private static MediaType responseMediaType(ServerRequest request) {
		List<MediaType> accepted;
		try {
			accepted = request.headers().accept();
		}
		catch (InvalidMediaTypeException ex) {
			return MediaType.APPLICATION_JSON;
		}
		for (MediaType type : accepted) {
			if (type.equals(MediaType.APPLICATION_GRAPHQL_RESPONSE) || type.equals(MediaType.APPLICATION_JSON)) {
				return type;
			}
		}
		return MediaType.APPLICATION_JSON;
	}

	/** A strong validator: the SHA-256 of the body, base64url. */
	static String etag(ResultJson.Chunks body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			body.digestInto(digest);
			byte[] hash = digest.digest();
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/**
	 * {@code If-None-Match} names this ETag (weak comparison, as RFC 9110 has it for
	 * GET), or is {@code *}.
	 */
	private static boolean notModified(ServerRequest request, String etag) {
		for (String value : request.headers().header(HttpHeaders.IF_NONE_MATCH)) {
			for (String tag : value.split(",")) {
				String candidate = tag.strip();
				if (candidate.startsWith("W/")) {
					candidate = candidate.substring(2);
				}
				if (candidate.equals("*") || candidate.equals(etag)) {
					return true;
				}
			}
		}
		return false;
	}

	private static Mono<ServerResponse> refuse(ServerRequest request, HttpStatus status, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("extensions", Map.of("code", ErrorCodes.BAD_REQUEST));
		byte[] bytes = JSON.writeValueAsString(Map.of("errors", List.of(error))).getBytes(StandardCharsets.UTF_8);
		return ServerResponse.status(status)
			.contentType(ErrorResponses.mediaType(request.exchange().getRequest()))
			.bodyValue(bytes);
	}

}
