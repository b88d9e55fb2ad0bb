package dev.adsgraph.graphql;

import java.util.concurrent.CompletableFuture;

import graphql.execution.preparsed.PreparsedDocumentProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import dev.adsgraph.caching.CacheMetrics;

/**
 * Hands graphql-java the {@link ParsedDocumentCache} (unless {@code max-chars} is 0)
 * behind {@link PersistedQueries}: automatic persisted queries in a
 * {@link PersistedQueryStore} (the in-memory one unless another is a bean), and trusted
 * documents when enabled.
 */
@Configuration(proxyBeanMethods = false)
class DocumentCacheConfiguration {

	@Bean
	GraphQlSourceBuilderCustomizer parsedDocumentCache(DocumentCacheProperties properties,
			PersistedQueriesProperties persistedQueries, TrustedDocumentsProperties trustedDocuments,
			ObjectProvider<PersistedQueryStore> stores, ObjectProvider<CacheMetrics> metrics,
			ResourceLoader resources) {
		CacheMetrics cacheMetrics = metrics.getIfAvailable(() -> CacheMetrics.NONE);
		PreparsedDocumentProvider documents = (properties.maxChars() > 0)
				? new ParsedDocumentCache(properties.maxChars(), cacheMetrics)
				: (input, parseAndValidate) -> CompletableFuture.completedFuture(parseAndValidate.apply(input));
		PersistedQueryStore store = persistedQueries.enabled() ? stores
			.getIfAvailable(() -> new CaffeinePersistedQueryStore(persistedQueries.maxChars(), cacheMetrics)) : null;
		TrustedDocuments trusted = trustedDocuments.enabled() ? trusted(trustedDocuments, resources) : null;
		PersistedQueries provider = new PersistedQueries(store, trusted, documents);
		return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(provider));
	}

	private static TrustedDocuments trusted(TrustedDocumentsProperties properties, ResourceLoader resources) {
		if (properties.manifests().isEmpty()) {
			throw new IllegalStateException(
					"adsgraph.graphql.trusted-documents.enabled is true and no manifest is given in adsgraph.graphql.trusted-documents.manifests");
		}
		return TrustedDocuments.load(
				properties.manifests().stream().map((location) -> (Resource) resources.getResource(location)).toList());
	}

}
