package dev.adsgraph.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import graphql.ExecutionInput;
import io.netty.buffer.ByteBuf;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming writer gives the bytes Jackson's mapper gives for the same map, for what
 * graphql-java completes and for whatever else a scalar or an error extension holds.
 */
class ResultJsonTest {

	/** The schema's ratios' precision ({@code products.Metrics}). */
	private static final MathContext MATH_CONTEXT = new MathContext(10, RoundingMode.HALF_EVEN);

	private final JsonMapper mapper = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

	private final ResultJson json = new ResultJson(this.mapper);

	private void assertSameAsTheMapper(Map<String, Object> response) throws Exception {
		byte[] expectedBytes = this.mapper.writeValueAsBytes(response);
		String expected = new String(expectedBytes, StandardCharsets.UTF_8);
		DataBuffer buffer = this.json.toBuffer(response);
		assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
		ResultJson.Chunks chunks = this.json.write(response);
		assertThat(chunks.toDataBuffer().toString(StandardCharsets.UTF_8)).isEqualTo(expected);
		assertThat(GraphQlHttpHandler.etag(chunks)).isEqualTo(etagOf(expectedBytes));
	}

	/**
	 * A strong ETag as RFC 9110 writes one: the SHA-256 of the bytes, base64url, quoted.
	 */
	private static String etagOf(byte[] bytes) throws NoSuchAlgorithmException {
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
		return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "\"";
	}

	@Test
	void anAnswerLongerThanAChunkIsWrittenWholeAndInOrder() throws Exception {
		List<Object> nodes = new ArrayList<>();
		for (int i = 0; nodes.size() * 40 < 5 * ResultJson.MAX_CHUNK; i++) {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("asin", "B0" + i);
			node.put("acos", i / 7.0);
			node.put("units", i);
			nodes.add(node);
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("data", Map.of("products", Map.of("nodes", nodes)));
		assertSameAsTheMapper(response);
		assertThat(this.json.toBuffer(response).readableByteCount()).isGreaterThan(4 * ResultJson.MAX_CHUNK);
	}

	@Test
	void chunksKeepEveryByteInOrderAcrossSizes() {
		ResultJson.Chunks chunks = new ResultJson.Chunks();
		byte[] expected = new byte[3 * ResultJson.MAX_CHUNK + 17];
		for (int i = 0; i < expected.length; i++) {
			expected[i] = (byte) (i * 31);
		}
		chunks.write(expected[0]);
		chunks.write(expected, 1, ResultJson.FIRST_CHUNK);
		chunks.write(expected, 1 + ResultJson.FIRST_CHUNK, expected.length - 1 - ResultJson.FIRST_CHUNK);
		ByteBuf written = chunks.toByteBuf();
		byte[] actual = new byte[written.readableBytes()];
		written.readBytes(actual);
		assertThat(actual).isEqualTo(expected);
		ResultJson.Chunks small = new ResultJson.Chunks();
		small.write(expected, 0, 3);
		assertThat(small.toByteBuf().readableBytes()).isEqualTo(3);
	}

	enum Colour {

		RED

	}

	record Money(BigDecimal amount, String currencyCode) {
	}

	@Test
	void valuesOfEveryKindAreWrittenAsTheMapperWritesThem() throws Exception {
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("asin", "B0\u00e9\"\\\n\t\u2028\ud83d\ude00");
		product.put("rank", 7);
		product.put("units", 12_345_678_901L);
		product.put("acos", 0.1234);
		product.put("whole", 3.0);
		product.put("huge", 1e21);
		product.put("notANumber", Double.NaN);
		product.put("ratio", 0.5f);
		product.put("price", new BigDecimal("19.990"));
		product.put("count", new BigInteger("123456789012345678901234567890"));
		product.put("small", (short) 3);
		product.put("active", true);
		product.put("missing", null);
		product.put("date", LocalDate.of(2026, 12, 6));
		product.put("colour", Colour.RED);
		product.put("money", new Money(new BigDecimal("1.50"), "USD"));
		product.put("byNumber", new TreeMap<>(Map.of(2, "two", 1, "one")));
		product.put("tags", new ArrayList<>(Arrays.asList("a", null, "c")));
		product.put("set", Set.of("only"));
		product.put("array", new int[] { 1, 2 });
		product.put("empty", Map.of());
		product.put("nested", List.of(List.of(), List.of(Map.of("x", List.of(1, 2L, 3.5)))));
		Map<String, Object> hashed = new HashMap<>();
		hashed.put("k", "v");
		product.put("plain", hashed);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("data", Map.of("products", Map.of("nodes", List.of(product))));
		response.put("errors", List.of(Map.of("message", "failed", "path", List.of("products", "nodes", 0, "catalog"),
				"extensions", Map.of("code", "UPSTREAM_ERROR", "retryAfterSeconds", 5L))));
		response.put("extensions", Map.of("asOf", "2026-12-06T10:00:00Z"));
		assertSameAsTheMapper(response);
	}

	@Test
	void ratiosAreWrittenAsTheMapperWritesThemWithOrWithoutItsFastDoubleWriter() throws Exception {
		// Most are written by PlainDoubles with the fast writer, each by Double.toString
		// without it (Java 17's, which is not always the shortest decimal).
		List<Object> ratios = new ArrayList<>();
		for (int i = 1; i <= 2_000; i++) {
			ratios.add(new BigDecimal(i * 7_919L).divide(new BigDecimal(i * 104_729L % 99_991 + 1), MATH_CONTEXT)
				.doubleValue());
			ratios.add(i * 0.01);
			ratios.add(-i / 3.0);
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("data", Map.of("ratios", ratios));
		assertSameAsTheMapper(response);
		JsonMapper plain = JsonMapper.builder().disable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
		assertThat(new ResultJson(plain).toBuffer(response).toString(StandardCharsets.UTF_8))
			.isEqualTo(new String(plain.writeValueAsBytes(response), StandardCharsets.UTF_8));
	}

	@Test
	void aResultGraphqlJavaCompletedIsWrittenAsTheMapperWritesIt() throws Exception {
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
				type Query { products: [Product] failing: String }
				type Product { asin: ID! price: Float units: Int title: String available: Boolean }
				"""),
				RuntimeWiring.newRuntimeWiring()
					.type("Query", (type) -> type
						.dataFetcher("products",
								(DataFetcher<?>) (env) -> List.of(Map.of("asin", "B01", "price", 9.99, "units", 3,
										"title", "Caf\u00e9", "available", true), Map.of("asin", "B02", "units", 0)))
						.dataFetcher("failing", (env) -> {
							throw new IllegalStateException("no answer");
						}))
					.build());
		Map<String, Object> response = GraphQL.newGraphQL(schema)
			.build()
			.execute(ExecutionInput.newExecutionInput("{ products { asin price units title available } failing }"))
			.toSpecification();
		assertThat(response).containsKeys("data", "errors");
		assertSameAsTheMapper(response);
	}

}
