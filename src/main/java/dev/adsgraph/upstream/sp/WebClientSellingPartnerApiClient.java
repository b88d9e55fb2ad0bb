package dev.adsgraph.upstream.sp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.adsgraph.upstream.Connectors;
import dev.adsgraph.upstream.Region;
import dev.adsgraph.upstream.TransportErrors;
import dev.adsgraph.upstream.UpstreamException;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.lwa.LwaTokenService;
import dev.adsgraph.upstream.resilience.UpstreamCall;
import dev.adsgraph.upstream.resilience.UpstreamGuard;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link SellingPartnerApiClient} over Spring's {@link WebClient}. Rate limiting lives in
 * {@link SpRateLimitFilter}, authentication in {@link SpAuthFilter}, error decoding in
 * {@link SpErrorDecoder}; this class maps each operation onto its path, parameters and
 * envelope.
 */
public final class WebClientSellingPartnerApiClient implements SellingPartnerApiClient {

	static final String DOWNLOAD_OPERATION = "downloadReportDocument";

	private static final Logger logger = LoggerFactory.getLogger(WebClientSellingPartnerApiClient.class);

	/** S3's XML error body, read without an XML parser: two fields are all we keep. */
	private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]*)</Code>");

	private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

	private final Map<Region, WebClient> clients = new EnumMap<>(Region.class);

	/**
	 * For presigned report URLs: no filters, so none of our credentials leave with the
	 * request.
	 */
	private final WebClient downloads;

	private final SpErrorDecoder errors;

	private final int maxReportDocumentSize;

	private final UpstreamGuard guard;

	/** Without retries, breakers or bounds ({@link UpstreamGuard#passthrough(Clock)}). */
	public WebClientSellingPartnerApiClient(WebClient.Builder webClientBuilder, UpstreamProperties.Sp properties,
			LwaTokenService tokens, SpRateLimiter rateLimiter, Clock clock) {
		this(webClientBuilder, properties, tokens, rateLimiter, clock, UpstreamGuard.passthrough(clock));
	}

	public WebClientSellingPartnerApiClient(WebClient.Builder webClientBuilder, UpstreamProperties.Sp properties,
			LwaTokenService tokens, SpRateLimiter rateLimiter, Clock clock, UpstreamGuard guard) {
		this.errors = new SpErrorDecoder(clock);
		this.guard = guard;
		this.maxReportDocumentSize = (int) Math.min(properties.maxReportDocumentSize().toBytes(),
				Integer.MAX_VALUE - 8);
		ReactorClientHttpConnector connector = connector(properties);
		int maxInMemorySize = (int) Math.min(properties.maxInMemorySize().toBytes(), Integer.MAX_VALUE);
		SpAuthFilter auth = new SpAuthFilter(tokens, properties.userAgent(), clock);
		// One client per region with the host as base URL, so paths stay URI templates
		// and the
		// request metrics are tagged by operation. The rate-limit filter comes last,
		// nearest the
		// wire: a token taken before a slow LWA refresh would let the call reach Amazon
		// later
		// than our bucket assumes, and a later call earlier than Amazon's bucket allows.
		// Only the
		// guard's bound on calls in flight sits after it, so waiting for a token holds no
		// slot.
		for (Region region : Region.values()) {
			this.clients.put(region,
					webClientBuilder.clone()
						.baseUrl(properties.host(region).toString())
						.clientConnector(connector)
						.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(maxInMemorySize))
						.filter(auth)
						.filter(new SpRateLimitFilter(rateLimiter, region, guard.metrics()))
						.filter(guard.wireFilter(SpErrorDecoder.UPSTREAM, region.name().toLowerCase(Locale.ROOT)))
						.build());
		}
		this.downloads = webClientBuilder.clone().clientConnector(connector).build();
	}

	private static ReactorClientHttpConnector connector(UpstreamProperties.Sp properties) {
		return Connectors.withTimeouts(properties.connectTimeout(), properties.responseTimeout());
	}

	// sellers.json getMarketplaceParticipations
	@Override
	public Mono<List<MarketplaceParticipation>> getMarketplaceParticipations(SpCredentials credentials, Region region) {
		return wrapped(SpOperation.GET_MARKETPLACE_PARTICIPATIONS, credentials, region, (uri) -> uri,
				new ParameterizedTypeReference<Wrapper<List<MarketplaceParticipation>>>() {
				})
			.map(Wrapper::payload);
	}

	// catalogItems_2022-04-01.json searchCatalogItems
	@Override
	public Mono<CatalogItem.SearchResults> searchCatalogItems(SpCredentials credentials, Region region,
			CatalogItemSearch search) {
		return dated(SpOperation.SEARCH_CATALOG_ITEMS, credentials, region,
				(uri) -> uri.query("identifiers", search.identifiers())
					.query("identifiersType", search.identifiersType())
					.query("keywords", search.keywords())
					.query("marketplaceIds", search.marketplaceIds())
					.query("includedData", search.includedData())
					.query("sellerId", search.sellerId())
					.query("locale", search.locale())
					.query("pageSize", search.pageSize())
					.query("pageToken", search.pageToken()),
				CatalogItem.SearchResults.class);
	}

	// listingsItems_2021-08-01.json searchListingsItems
	@Override
	public Mono<ListingsItem.SearchResults> searchListingsItems(SpCredentials credentials, Region region,
			ListingsItemSearch search) {
		return dated(SpOperation.SEARCH_LISTINGS_ITEMS, credentials, region,
				(uri) -> uri.var("sellerId", search.sellerId())
					.query("marketplaceIds", search.marketplaceIds())
					.query("identifiers", search.identifiers())
					.query("identifiersType", search.identifiersType())
					.query("includedData", search.includedData())
					.query("pageSize", search.pageSize())
					.query("pageToken", search.pageToken()),
				ListingsItem.SearchResults.class);
	}

	// productPricing_2022-05-01.json getCompetitiveSummary
	@Override
	public Mono<List<CompetitiveSummary>> getCompetitiveSummary(SpCredentials credentials, Region region,
			String marketplaceId, List<String> asins) {
		Checks.required("marketplaceId", marketplaceId);
		List<String> wanted = Checks.copy(asins);
		Checks.required("asins", wanted);
		Checks.atMost("asins", wanted, COMPETITIVE_SUMMARY_BATCH);
		SpOperation operation = SpOperation.GET_COMPETITIVE_SUMMARY;
		List<CompetitiveSummaryRequest> requests = wanted.stream()
			.map((asin) -> new CompetitiveSummaryRequest(asin, marketplaceId, List.of("featuredBuyingOptions"), "GET",
					CompetitiveSummaryRequest.URI))
			.toList();
		return exchange(operation, credentials, region, (uri) -> uri,
				(request) -> request.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(new CompetitiveSummaryBatch(requests)),
				(response) -> readBody(operation.id(), response, CompetitiveSummaryBatchResponse.class)
					.filter((body) -> body.responses() != null && body.responses().size() == wanted.size())
					.switchIfEmpty(Mono.error(() -> this.errors.invalidAnswer(operation.id(),
							response.statusCode().value(), response.headers().asHttpHeaders(),
							"answer does not have one response per ASIN asked")))
					.map((body) -> summaries(wanted, marketplaceId, body.responses())));
	}

	/**
	 * Amazon answers in the order asked; each answer names its ASIN, which is used when
	 * present. A failed item's body may lack it, so its place gives it.
	 */
	private static List<CompetitiveSummary> summaries(List<String> asked, String marketplaceId,
			List<CompetitiveSummaryItem> responses) {
		List<CompetitiveSummary> summaries = new java.util.ArrayList<>();
		for (int i = 0; i < responses.size(); i++) {
			CompetitiveSummaryItem item = responses.get(i);
			CompetitiveSummaryItem.Body body = (item.body() != null) ? item.body()
					: new CompetitiveSummaryItem.Body(null, null, null, null);
			int status = (item.status() != null && item.status().statusCode() != null) ? item.status().statusCode() : 0;
			summaries.add(new CompetitiveSummary(status, (body.asin() != null) ? body.asin() : asked.get(i),
					(body.marketplaceId() != null) ? body.marketplaceId() : marketplaceId, body.featuredBuyingOptions(),
					body.errors()));
		}
		return List.copyOf(summaries);
	}

	// fbaInventory.json getInventorySummaries
	@Override
	public Mono<InventorySummary.Page> getInventorySummaries(SpCredentials credentials, Region region,
			InventorySummariesQuery query, String nextToken) {
		return wrapped(SpOperation.GET_INVENTORY_SUMMARIES, credentials, region,
				(uri) -> uri.query("details", true)
					.query("granularityType", "Marketplace")
					.query("granularityId", query.marketplaceId())
					.query("startDateTime", query.startDateTime())
					.query("sellerSkus", query.sellerSkus())
					.query("nextToken", nextToken)
					.query("marketplaceIds", List.of(query.marketplaceId())),
				new ParameterizedTypeReference<Wrapper<InventoryPayload>>() {
				})
			.map((body) -> new InventorySummary.Page(body.payload().granularity(), body.payload().inventorySummaries(),
					(body.pagination() != null) ? body.pagination().nextToken() : null));
	}

	@Override
	public Mono<List<InventorySummary>> getAllInventorySummaries(SpCredentials credentials, Region region,
			InventorySummariesQuery query) {
		return walkInventory(credentials, region, query).onErrorResume(NextTokenRejected.class, (ex) -> {
			logger.info("{} refused a nextToken (request {}); starting over from the first page",
					SpOperation.GET_INVENTORY_SUMMARIES.id(), ex.upstream.requestId());
			return walkInventory(credentials, region, query);
		}).onErrorMap(NextTokenRejected.class, (ex) -> ex.upstream);
	}

	/**
	 * collectList asks for everything, so expand fetches each next page the moment its
	 * token arrives. A 400 to a page asked for with a token is blamed on the token: the
	 * same parameters were accepted for the first page, and the token is all that
	 * changed.
	 */
	private Mono<List<InventorySummary>> walkInventory(SpCredentials credentials, Region region,
			InventorySummariesQuery query) {
		return Flux.defer(() -> {
			Set<String> seen = new HashSet<>();
			return getInventorySummaries(credentials, region, query, null).expand((page) -> {
				String next = page.nextToken();
				if (next == null || next.isEmpty()) {
					return Mono.empty();
				}
				if (!seen.add(next)) {
					return Mono
						.error(new UpstreamException(SpErrorDecoder.UPSTREAM, SpOperation.GET_INVENTORY_SUMMARIES.id(),
								200, "repeated_next_token", "the same nextToken came back twice", null, false, null));
				}
				return getInventorySummaries(credentials, region, query, next).onErrorMap(
						(ex) -> ex instanceof UpstreamException upstream && upstream.httpStatus() == 400,
						(ex) -> new NextTokenRejected((UpstreamException) ex));
			});
		}).concatMapIterable(InventorySummary.Page::inventorySummaries).collectList();
	}

	// reports_2021-06-30.json createReport
	@Override
	public Mono<String> createReport(SpCredentials credentials, Region region,
			CreateReportSpecification specification) {
		SpOperation operation = SpOperation.CREATE_REPORT;
		return exchange(operation, credentials, region, (uri) -> uri,
				(request) -> request.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(CreateReportBody.of(specification)),
				(response) -> readBody(operation.id(), response, CreateReportResponse.class)
					.mapNotNull(CreateReportResponse::reportId)
					.switchIfEmpty(
							Mono.error(() -> this.errors.invalidAnswer(operation.id(), response.statusCode().value(),
									response.headers().asHttpHeaders(), "answer has no reportId"))));
	}

	// reports_2021-06-30.json getReport
	@Override
	public Mono<Report> getReport(SpCredentials credentials, Region region, String reportId) {
		return dated(SpOperation.GET_REPORT, credentials, region, (uri) -> uri.var("reportId", reportId), Report.class)
			.onErrorResume(WebClientSellingPartnerApiClient::isNotFound, (ex) -> Mono.empty());
	}

	// reports_2021-06-30.json getReportDocument
	@Override
	public Mono<ReportDocument> getReportDocument(SpCredentials credentials, Region region, String reportDocumentId) {
		SpOperation operation = SpOperation.GET_REPORT_DOCUMENT;
		return exchange(operation, credentials, region, (uri) -> uri.var("reportDocumentId", reportDocumentId),
				(request) -> request,
				(response) -> readBody(operation.id(), response, ReportDocument.class)
					.filter((document) -> document.url() != null && !document.url().isBlank())
					.switchIfEmpty(
							Mono.error(() -> this.errors.invalidAnswer(operation.id(), response.statusCode().value(),
									response.headers().asHttpHeaders(), "answer has no document url"))));
	}

	@Override
	public Mono<byte[]> downloadReportDocument(ReportDocument document) {
		return Mono.defer(() -> {
			if (document == null || document.url() == null) {
				return Mono.error(new IllegalArgumentException("a report document with a url is required"));
			}
			boolean gzip = "GZIP".equalsIgnoreCase(document.compressionAlgorithm());
			if (document.compressionAlgorithm() != null && !gzip) {
				return Mono.error(new IllegalArgumentException(
						"unsupported compressionAlgorithm " + document.compressionAlgorithm()));
			}
			// The presigned URL is already encoded: taken as a URI, not as a template, or
			// its
			// %2F would be encoded a second time and the signature would no longer match.
			return this.downloads.get()
				.uri(URI.create(document.url()))
				.exchangeToMono(this::readDocument)
				.flatMap((bytes) -> gzip ? gunzip(bytes) : Mono.just(bytes));
		})
			.onErrorMap(TransportErrors::isNoAnswer,
					(ex) -> TransportErrors.noAnswer(SpErrorDecoder.UPSTREAM, DOWNLOAD_OPERATION, ex));
	}

	private Mono<byte[]> readDocument(ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		if (!response.statusCode().is2xxSuccessful()) {
			return response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.flatMap((body) -> Mono.error(storageError(status, headers, body)));
		}
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), this.maxReportDocumentSize)
			.map(WebClientSellingPartnerApiClient::bytes)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge(status));
	}

	/**
	 * Off the event loop: a report of a few hundred megabytes takes a while to inflate.
	 */
	private Mono<byte[]> gunzip(byte[] compressed) {
		return Mono.fromCallable(() -> {
			try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
				ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, compressed.length * 4));
				byte[] chunk = new byte[64 * 1024];
				long total = 0;
				for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
					total += read;
					if (total > this.maxReportDocumentSize) {
						throw tooLarge(200);
					}
					out.write(chunk, 0, read);
				}
				return out.toByteArray();
			}
			catch (IOException ex) {
				throw new UpstreamException(SpErrorDecoder.UPSTREAM, DOWNLOAD_OPERATION, 200, "invalid_response",
						"document says GZIP but does not inflate: " + ex.getMessage(), null, true, null);
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private UpstreamException tooLarge(int status) {
		return new UpstreamException(SpErrorDecoder.UPSTREAM, DOWNLOAD_OPERATION, status, "document_too_large",
				"report document is larger than adsgraph.upstream.sp.max-report-document-size ("
						+ this.maxReportDocumentSize + " bytes)",
				null, false, null);
	}

	/**
	 * The document store (S3) answers errors in XML, for example {@code AccessDenied}
	 * "Request has expired" once the five minutes are over. The URL is left out of the
	 * message: it is a credential.
	 */
	private UpstreamException storageError(int status, HttpHeaders headers, String body) {
		Matcher code = XML_CODE.matcher(body);
		Matcher message = XML_MESSAGE.matcher(body);
		String requestId = (headers.getFirst("x-amz-request-id") != null) ? headers.getFirst("x-amz-request-id")
				: headers.getFirst(SpErrorDecoder.REQUEST_ID);
		return new UpstreamException(SpErrorDecoder.UPSTREAM, DOWNLOAD_OPERATION, status,
				code.find() ? code.group(1) : null, message.find() ? message.group(1) : "HTTP " + status, requestId,
				status == 429 || status >= 500, this.errors.retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER)));
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	// --- the request pipeline shared by every operation

	/**
	 * A GET of a dated API (catalog, listings, reports): the 2xx body is the resource
	 * itself.
	 */
	private <T> Mono<T> dated(SpOperation operation, SpCredentials credentials, Region region, UriParameters uri,
			Class<T> type) {
		return exchange(operation, credentials, region, uri, (request) -> request,
				(response) -> readBody(operation.id(), response, type));
	}

	/**
	 * A GET of a v0/v1 API (sellers, sales, FBA inventory): every answer is
	 * {@code {payload, errors}}. The models describe {@code errors} as the errors of an
	 * unsuccessful request, so a 2xx without a payload but with errors fails with them; a
	 * payload with errors beside it is served, and the errors are logged.
	 */
	private <P> Mono<Wrapper<P>> wrapped(SpOperation operation, SpCredentials credentials, Region region,
			UriParameters uri, ParameterizedTypeReference<Wrapper<P>> type) {
		String id = operation.id();
		return exchange(operation, credentials, region, uri, (request) -> request,
				(response) -> readBody(id, response, type).flatMap((body) -> {
					int status = response.statusCode().value();
					HttpHeaders headers = response.headers().asHttpHeaders();
					List<SpError> errors = (body.errors() != null) ? body.errors() : List.of();
					if (body.payload() == null) {
						return Mono.error(errors.isEmpty()
								? this.errors.invalidAnswer(id, status, headers, "answer has no payload")
								: this.errors.fromErrors(id, status, headers, errors));
					}
					if (!errors.isEmpty()) {
						logger.warn("SP-API {} answered {} with a payload and errors (request {}): {}", id, status,
								headers.getFirst(SpErrorDecoder.REQUEST_ID),
								this.errors.fromErrors(id, status, headers, errors).upstreamMessage());
					}
					return Mono.just(body);
				}));
	}

	/**
	 * Sends one request of {@code operation} through the region's filters and hands a 2xx
	 * to {@code onSuccess}; every other answer, and no answer at all, becomes an
	 * {@link UpstreamException} named after the operation. The method and path template
	 * come from the catalogue ({@link SpOperation}), {@code uri} fills in the call's
	 * values, {@code request} adds a body. Everything happens on subscription, so invalid
	 * arguments fail the returned Mono, not the caller's thread.
	 */
	private <T> Mono<T> exchange(SpOperation operation, SpCredentials credentials, Region region, UriParameters uri,
			Function<WebClient.RequestBodySpec, WebClient.RequestHeadersSpec<?>> request,
			Function<ClientResponse, Mono<T>> onSuccess) {
		return Mono.defer(() -> {
			if (credentials == null) {
				return Mono.error(new IllegalArgumentException("credentials are required"));
			}
			if (region == null) {
				return Mono.error(new IllegalArgumentException("region is required: every SP-API host is regional"));
			}
			SpUri target = uri.fill(SpUri.path(operation.path()));
			String id = operation.id();
			Mono<T> attempt = request
				.apply(client(region).method(operation.method()).uri(target.template(), target.variables()))
				.attribute(SpAuthFilter.CREDENTIALS, credentials)
				.attribute(UpstreamGuard.OPERATION, operation)
				.exchangeToMono((response) -> response.statusCode().is2xxSuccessful() ? onSuccess.apply(response)
						: readError(id, response))
				.onErrorMap(TransportErrors::isNoAnswer,
						(ex) -> TransportErrors.noAnswer(SpErrorDecoder.UPSTREAM, id, ex));
			// SP-API throttling is metered per selling partner by our own buckets, so no
			// tenant back-off key: a 429 here is retried after a backoff like a 5xx.
			// Whether a failed call is repeated is the catalogue's to say.
			return this.guard.call(new UpstreamCall(operation, region.name().toLowerCase(Locale.ROOT), null), attempt);
		});
	}

	private <T> Mono<T> readError(String operation, ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return response.bodyToMono(String.class)
			.defaultIfEmpty("")
			.flatMap((body) -> Mono.error(this.errors.decode(operation, status, headers, body)));
	}

	private <T> Mono<T> readBody(String operation, ClientResponse response, Class<T> type) {
		return readBody(operation, response, ParameterizedTypeReference.forType(type));
	}

	private <T> Mono<T> readBody(String operation, ClientResponse response, ParameterizedTypeReference<T> type) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return response.bodyToMono(type)
			.onErrorMap(CodecException.class,
					(ex) -> this.errors.invalidAnswer(operation, status, headers,
							"unreadable body: " + ex.getMessage()))
			.switchIfEmpty(Mono.error(() -> this.errors.invalidAnswer(operation, status, headers, "empty body")));
	}

	private WebClient client(Region region) {
		if (region == null) {
			throw new IllegalArgumentException("region is required: every SP-API host is regional");
		}
		return this.clients.get(region);
	}

	private static boolean isNotFound(Throwable ex) {
		return ex instanceof UpstreamException upstream && SpErrorDecoder.UPSTREAM.equals(upstream.upstream())
				&& upstream.isNotFound();
	}

	/**
	 * Fills in the call's path variables and query parameters; run inside the
	 * subscription, so that its argument checks fail the Mono.
	 */
	@FunctionalInterface
	private interface UriParameters {

		SpUri fill(SpUri operationPath);

	}

	/** A 400 to a page asked for with a nextToken, while walking FBA inventory. */
	private static final class NextTokenRejected extends RuntimeException {

		private final UpstreamException upstream;

		NextTokenRejected(UpstreamException upstream) {
			super(upstream.getMessage(), upstream, false, false);
			this.upstream = upstream;
		}

	}

	// Wire shapes that exist only on the wire.

	/**
	 * The v0/v1 envelope {@code {payload, errors}}; FBA inventory adds
	 * {@code pagination}.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Wrapper<P>(P payload, List<SpError> errors, Pagination pagination) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record InventoryPayload(InventorySummary.Granularity granularity, List<InventorySummary> inventorySummaries) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record CreateReportResponse(String reportId) {
	}

	/** getCompetitiveSummary's body: CompetitiveSummaryBatchRequest. */
	record CompetitiveSummaryBatch(List<CompetitiveSummaryRequest> requests) {
	}

	/** One CompetitiveSummaryRequest; {@code uri} and {@code method} are fixed. */
	record CompetitiveSummaryRequest(String asin, String marketplaceId, List<String> includedData, String method,
			String uri) {

		static final String URI = "/products/pricing/2022-05-01/items/competitiveSummary";

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record CompetitiveSummaryBatchResponse(List<CompetitiveSummaryItem> responses) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record CompetitiveSummaryItem(Status status, Body body) {

		@JsonIgnoreProperties(ignoreUnknown = true)
		record Status(Integer statusCode, String reasonPhrase) {
		}

		@JsonIgnoreProperties(ignoreUnknown = true)
		record Body(String asin, String marketplaceId,
				List<CompetitiveSummary.FeaturedBuyingOption> featuredBuyingOptions,
				List<CompetitiveSummary.ItemError> errors) {
		}

	}

	/**
	 * Date-times written here, in ISO 8601, rather than left to the codec's
	 * configuration.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CreateReportBody(String reportType, List<String> marketplaceIds, String dataStartTime, String dataEndTime,
			Map<String, String> reportOptions) {

		static CreateReportBody of(CreateReportSpecification specification) {
			return new CreateReportBody(specification.reportType(), specification.marketplaceIds(),
					iso(specification.dataStartTime()), iso(specification.dataEndTime()),
					specification.reportOptions());
		}

		private static String iso(Instant instant) {
			return (instant != null) ? DateTimeFormatter.ISO_INSTANT.format(instant) : null;
		}

	}

}
