package dev.adsgraph.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;

/**
 * The deploy-time allow-list of operations: documents by the SHA-256 of their text, read
 * from manifests in either of two formats real tools emit:
 * <ul>
 * <li>Apollo's persisted query manifest ({@code generate-persisted-query-manifest} of
 * {@code @apollo/generate-persisted-query-manifest}): {@code {"format":
 * "apollo-persisted-query-manifest", "version": 1, "operations": [{"id": "<sha256>",
 * "name": …, "type": …, "body": "<document>"}]}};</li>
 * <li>GraphQL Code Generator's client preset with {@code persistedDocuments}
 * ({@code persisted-documents.json}): {@code {"sha256:<sha256>": "<document>"}} (its
 * current versions prefix the algorithm's name; a bare hash is taken too); its
 * {@code hashAlgorithm} must be {@code sha256}.</li>
 * </ul>
 * Every hash is checked against its document when loaded: a manifest made with another
 * hash stops the start, rather than refusing every request later.
 */
public final class TrustedDocuments {

	static final String APOLLO_FORMAT = "apollo-persisted-query-manifest";

	/** How GraphQL Code Generator's client preset prefixes its SHA-256 document ids. */
	private static final String SHA256_PREFIX = "sha256:";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, String> documents;

	TrustedDocuments(Map<String, String> documents) {
		this.documents = Map.copyOf(documents);
	}

	/** The documents of all these manifests. */
	public static TrustedDocuments load(Iterable<Resource> manifests) {
		Map<String, String> documents = new HashMap<>();
		for (Resource manifest : manifests) {
			JsonNode root;
			try (InputStream in = manifest.getInputStream()) {
				root = JSON.readTree(in);
			}
			catch (IOException | JacksonException ex) {
				throw new IllegalStateException("Cannot read the trusted documents manifest " + manifest, ex);
			}
			if (!root.isObject()) {
				throw new IllegalStateException("The trusted documents manifest " + manifest + " is not a JSON object");
			}
			if (root.has("format")) {
				if (!APOLLO_FORMAT.equals(root.get("format").asString()) || root.path("version").asInt() != 1) {
					throw new IllegalStateException("The trusted documents manifest " + manifest
							+ " is neither Apollo's persisted query manifest (version 1) nor a map of hashes to documents");
				}
				for (JsonNode operation : root.path("operations")) {
					add(documents, manifest, operation.path("id").asString(), operation.path("body").asString());
				}
			}
			else {
				for (Map.Entry<String, JsonNode> entry : root.properties()) {
					add(documents, manifest, entry.getKey(), entry.getValue().asString());
				}
			}
		}
		return new TrustedDocuments(documents);
	}

	private static void add(Map<String, String> documents, Resource manifest, String id, String document) {
		String expected = PersistedQueries.sha256(document);
		String hash = id.toLowerCase(Locale.ROOT);
		if (hash.startsWith(SHA256_PREFIX)) {
			hash = hash.substring(SHA256_PREFIX.length());
		}
		if (!expected.equals(hash)) {
			throw new IllegalStateException("The trusted documents manifest " + manifest + " lists " + id
					+ ", which is not the SHA-256 of its document (" + expected + ")");
		}
		documents.put(expected, document);
	}

	/** The trusted document of this hash (lowercase hex), or {@code null}. */
	public String document(String sha256) {
		return this.documents.get(sha256);
	}

	boolean contains(String sha256) {
		return this.documents.containsKey(sha256);
	}

	/** How many documents are trusted. */
	public int size() {
		return this.documents.size();
	}

}
