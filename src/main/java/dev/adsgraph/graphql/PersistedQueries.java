package dev.adsgraph.graphql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;

import org.springframework.graphql.execution.ErrorType;

/**
 * Apollo's automatic persisted queries (version 1, SHA-256) and trusted documents, in
 * front of the {@link ParsedDocumentCache}: whichever way a document comes (in full, or
 * as the hash of one registered or trusted), it is parsed and validated once.
 *
 * <p>
 * A request names its document by hash in {@code extensions.persistedQuery.sha256Hash},
 * over POST or GET. Without the document ({@code query} absent: Spring for GraphQL then
 * passes graphql-java's {@code PersistedQueryMarker}), an unknown hash is answered
 * {@code PersistedQueryNotFound} ({@code PERSISTED_QUERY_NOT_FOUND}), the answer Apollo's
 * link keys on to send the document with the hash; the hash of a document sent must be
 * the document's ({@code PERSISTED_QUERY_HASH_MISMATCH}), and the document is registered
 * in the {@link PersistedQueryStore} once it parses and validates. With the store off, a
 * request naming a hash is answered {@code PersistedQueryNotSupported}, on which the link
 * turns itself off.
 *
 * <p>
 * With {@link TrustedDocuments}, only the documents of the deploy-time list run, named by
 * hash or sent in full; any other is refused ({@code PERSISTED_QUERY_NOT_ALLOWED}), and
 * nothing is registered.
 */
public final class PersistedQueries implements PreparsedDocumentProvider {

	static final String NOT_FOUND = "PersistedQueryNotFound";

	static final String NOT_SUPPORTED = "PersistedQueryNotSupported";

	static final String HASH_MISMATCH = "provided sha does not match query";

	private final PersistedQueryStore store;

	private final TrustedDocuments trusted;

	private final PreparsedDocumentProvider documents;

	/**
	 * @param store where documents are registered; {@code null} turns automatic persisted
	 * queries off
	 * @param trusted the only documents allowed; {@code null} allows any
	 * @param documents parses and validates (the {@link ParsedDocumentCache}, or a
	 * provider that parses each time)
	 */
	public PersistedQueries(PersistedQueryStore store, TrustedDocuments trusted, PreparsedDocumentProvider documents) {
		this.store = store;
		this.trusted = trusted;
		this.documents = documents;
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String query = input.getQuery();
		boolean hashOnly = query == null || query.isBlank()
				|| PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(query);
		Object persistedQuery = (input.getExtensions() != null) ? input.getExtensions().get("persistedQuery") : null;
		if (persistedQuery == null) {
			if (hashOnly) {
				return refuse(ErrorCodes.BAD_REQUEST,
						"The request has no query document and names no persisted query.");
			}
			if (this.trusted != null && !this.trusted.contains(sha256(query))) {
				return notAllowed();
			}
			return this.documents.getDocumentAsync(input, parseAndValidate);
		}
		if (this.store == null && this.trusted == null) {
			return refuse(ErrorCodes.PERSISTED_QUERY_NOT_SUPPORTED, NOT_SUPPORTED);
		}
		if (!(persistedQuery instanceof Map<?, ?> named) || !Integer.valueOf(1).equals(named.get("version"))
				|| !(named.get("sha256Hash") instanceof String hash)) {
			return refuse(ErrorCodes.BAD_REQUEST,
					"extensions.persistedQuery takes \"version\": 1 and \"sha256Hash\": the lowercase hex SHA-256 of the document.");
		}
		hash = hash.toLowerCase(Locale.ROOT);
		if (!hashOnly && !sha256(query).equals(hash)) {
			return refuse(ErrorCodes.PERSISTED_QUERY_HASH_MISMATCH, HASH_MISMATCH);
		}
		if (this.trusted != null) {
			String document = this.trusted.document(hash);
			if (document == null) {
				return notAllowed();
			}
			return run(input, document, parseAndValidate);
		}
		if (hashOnly) {
			// A shared store answers later; the in-memory one has answered already.
			return this.store.get(hash)
				.toFuture()
				.thenCompose((document) -> (document == null) ? refuse(ErrorCodes.PERSISTED_QUERY_NOT_FOUND, NOT_FOUND)
						: run(input, document, parseAndValidate));
		}
		String registered = hash;
		return this.documents.getDocumentAsync(input, parseAndValidate).thenApply((entry) -> {
			if (!entry.hasErrors()) {
				this.store.put(registered, query);
			}
			return entry;
		});
	}

	private CompletableFuture<PreparsedDocumentEntry> run(ExecutionInput input, String document,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		ExecutionInput withDocument = input.transform((builder) -> builder.query(document));
		return this.documents.getDocumentAsync(withDocument, parseAndValidate);
	}

	private static CompletableFuture<PreparsedDocumentEntry> notAllowed() {
		return refuse(ErrorCodes.PERSISTED_QUERY_NOT_ALLOWED,
				"This gateway runs trusted documents only, and this document is not one of them.");
	}

	private static CompletableFuture<PreparsedDocumentEntry> refuse(String code, String message) {
		return CompletableFuture.completedFuture(new PreparsedDocumentEntry(GraphqlErrorBuilder.newError()
			.message(message)
			.errorType(ErrorType.BAD_REQUEST)
			.extensions(Map.of("code", code))
			.build()));
	}

	/** The lowercase hex SHA-256 of a document's UTF-8 bytes, as Apollo's link hashes. */
	static String sha256(String document) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
