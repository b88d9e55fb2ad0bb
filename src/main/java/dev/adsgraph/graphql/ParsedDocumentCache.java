package dev.adsgraph.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import dev.adsgraph.caching.CacheMetrics;

/**
 * Parses and validates each distinct query document once: graphql-java otherwise does
 * both on every request, which the benchmark measured at about a third of the CPU of a
 * query answered from the profile cache. Keyed by the document's text (validation does
 * not depend on variables), so a dashboard sending the same documents with new variables
 * hits. Validation errors are kept too: an invalid document is answered the same way each
 * time.
 *
 * <p>
 * Bounded by the documents' total length, so many distinct documents cannot grow it
 * without limit; documents over {@code adsgraph.limits.max-document-chars} are refused
 * before they reach it. A parsed document is a graph of objects in this JVM: every
 * replica keeps its own, unlike the upstream caches, which could move to a shared store.
 */
public final class ParsedDocumentCache implements PreparsedDocumentProvider {

	static final String NAME = "graphql.documents";

	private final Cache<String, PreparsedDocumentEntry> documents;

	public ParsedDocumentCache(long maxTotalChars, CacheMetrics metrics) {
		this(maxTotalChars, metrics, ForkJoinPool.commonPool());
	}

	/**
	 * Caffeine applies the bound on {@code maintenance} (its default is the common pool),
	 * so it can be exceeded for a moment after a write; tests pass {@code Runnable::run}
	 * to have it applied before the write returns.
	 */
	ParsedDocumentCache(long maxTotalChars, CacheMetrics metrics, Executor maintenance) {
		this.documents = Caffeine.newBuilder()
			.maximumWeight(maxTotalChars)
			.weigher((String query, PreparsedDocumentEntry entry) -> Math.max(1, query.length()))
			.executor(maintenance)
			.recordStats()
			.build();
		metrics.monitor(NAME, this.documents);
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput executionInput,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		PreparsedDocumentEntry entry = this.documents.get(executionInput.getQuery(),
				(query) -> parseAndValidate.apply(executionInput));
		return CompletableFuture.completedFuture(entry);
	}

}
