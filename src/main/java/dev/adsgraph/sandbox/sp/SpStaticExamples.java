package dev.adsgraph.sandbox.sp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import dev.adsgraph.sandbox.core.Reply;
import dev.adsgraph.sandbox.core.SandboxJson;

/**
 * The static sandbox of the SP-API models ({@code x-amzn-api-sandbox.static}): a request
 * whose parameters all equal those of a model example gets that example's status and
 * body, exactly as Amazon's static sandbox answers it. The examples are facts copied from
 * the models by {@code scripts/trim-specs.py} into {@code sp-api-static-examples.json}
 * (see the README next to it); only examples keyed by values no fixture uses are carried,
 * so they never hide fixture data (an example matching on {@code granularity=Day} alone
 * would answer every sales query).
 *
 * <p>
 * Array parameters match when the comma-separated values are the same, in the same order;
 * a {@code body} parameter matches a JSON-equal request body.
 */
public final class SpStaticExamples {

	static final String RESOURCE = "sp-api-static-examples.json";

	private final List<Example> examples;

	private SpStaticExamples(List<Example> examples) {
		this.examples = examples;
	}

	public static SpStaticExamples load() {
		try (InputStream in = SpStaticExamples.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("The sandbox resource " + RESOURCE + " is missing.");
			}
			List<Example> examples = new ArrayList<>();
			for (JsonNode node : SandboxJson.MAPPER.readTree(in)) {
				examples.add(new Example(node.get("operationId").stringValue(), node.get("status").asInt(),
						node.get("parameters"), node.get("response")));
			}
			return new SpStaticExamples(List.copyOf(examples));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The first example (most specific first, as listed) whose parameters the call
	 * matches.
	 */
	Optional<Reply> match(String operationId, SpGate.Call call) {
		return this.examples.stream()
			.filter((example) -> example.operationId().equals(operationId) && matches(example.parameters(), call))
			.findFirst()
			.map((example) -> Reply.json(example.status(),
					(example.response() == null || example.response().isNull()) ? null : example.response()));
	}

	private static boolean matches(JsonNode parameters, SpGate.Call call) {
		for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
			String name = parameter.getKey();
			JsonNode expected = parameter.getValue().get("value");
			if (name.equals("body")) {
				if (call.body() == null || !call.body().equals(expected)) {
					return false;
				}
				continue;
			}
			Map<String, String> path = call.request().pathVariables();
			String actual = path.containsKey(name) ? path.get(name) : call.request().queryParam(name).orElse(null);
			if (actual == null || !matches(expected, actual)) {
				return false;
			}
		}
		return true;
	}

	private static boolean matches(JsonNode expected, String actual) {
		if (expected.isArray()) {
			List<String> values = List.of(actual.split(",", -1));
			if (values.size() != expected.size()) {
				return false;
			}
			for (int i = 0; i < values.size(); i++) {
				if (!values.get(i).equals(expected.get(i).asString())) {
					return false;
				}
			}
			return true;
		}
		return expected.asString().equals(actual);
	}

	private record Example(String operationId, int status, JsonNode parameters, JsonNode response) {
	}

}
