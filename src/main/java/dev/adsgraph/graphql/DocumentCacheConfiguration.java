package dev.adsgraph.graphql;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.adsgraph.caching.CacheMetrics;

/** Hands graphql-java the {@link ParsedDocumentCache}, unless {@code max-chars} is 0. */
@Configuration(proxyBeanMethods = false)
class DocumentCacheConfiguration {

	@Bean
	GraphQlSourceBuilderCustomizer parsedDocumentCache(DocumentCacheProperties properties,
			ObjectProvider<CacheMetrics> metrics) {
		return (builder) -> {
			if (properties.maxChars() > 0) {
				ParsedDocumentCache cache = new ParsedDocumentCache(properties.maxChars(),
						metrics.getIfAvailable(() -> CacheMetrics.NONE));
				builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(cache));
			}
		};
	}

}
