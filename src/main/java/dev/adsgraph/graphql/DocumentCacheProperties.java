package dev.adsgraph.graphql;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.graphql.document-cache.*}: the cache of parsed and validated query
 * documents.
 *
 * @param maxChars the total length of the documents kept (the oldest unused go first); 0
 * turns the cache off, so every request is parsed and validated again
 */
@Validated
@ConfigurationProperties("adsgraph.graphql.document-cache")
public record DocumentCacheProperties(@PositiveOrZero @DefaultValue("2000000") long maxChars) {

}
