package dev.adsgraph.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code adsgraph.graphql.document-cache.*}: the cache of parsed and validated query
 * documents.
 *
 * @param maxChars the total length of the documents kept (the oldest unused go first); 0
 * turns the cache off, so every request is parsed and validated again
 */
@ConfigurationProperties("adsgraph.graphql.document-cache")
public record DocumentCacheProperties(Long maxChars) {

	public DocumentCacheProperties {
		maxChars = (maxChars != null) ? maxChars : 2_000_000L;
		if (maxChars < 0) {
			throw new IllegalArgumentException(
					"adsgraph.graphql.document-cache.max-chars must be 0 (off) or more, was " + maxChars);
		}
	}

}
